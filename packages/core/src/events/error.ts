/**
 * The stable codes of `herald-error` (docs/elements.md "Errors"): what a host can check to show its own message.
 * Any other server problem code (`internal`, `unavailable`, `subject-disabled` …) may come too.
 */
export type HeraldErrorCode =
  | 'token-provider-failed'
  | 'unknown-subject'
  | 'token-invalid'
  | 'token-expired'
  | 'origin-not-allowed'
  | 'no-token-provider'
  | 'cookies-cross-origin'
  | 'network'
  | (string & {});

export interface HeraldErrorDetail {
  code: HeraldErrorCode;
  /** `token-provider-failed`: the host token endpoint's HTTP status, when known. */
  status?: number;
  /** The message the elements show, in the provider's language. */
  message: string;
  /** Herald retries by itself (with backoff) and recovers when the cause goes away. */
  retrying: boolean;
}

/** The `herald-error` code of a problem: the specific cause where the server gives one (`unknown-subject`). */
export function heraldErrorCode(problem: { code?: string; reason?: string }): HeraldErrorCode {
  if (problem.code === 'token-invalid' && problem.reason === 'unknown-subject') return 'unknown-subject';
  return problem.code ?? 'internal';
}

/**
 * Fired by `<herald-provider>` when Herald cannot work on this page (at load, or when the host's token provider fails
 * later), so the host can show its own message. Not cancelable: the elements show theirs too.
 */
export class HeraldErrorEvent extends Event {
  constructor(readonly detail: HeraldErrorDetail) {
    super('herald-error', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-error': HeraldErrorEvent;
  }
}
