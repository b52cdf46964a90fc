import { loadProblemStrings } from '@herald/core';

/** One field error of a `validation` problem. */
export interface ProblemFieldError {
  path: string;
  /**
   * Stable (`required`, `too-long`, `duplicate`, …; docs/api.md); translate it with `fieldErrorMessage()` from
   * @herald/core.
   */
  code?: string;
  /** Readable English, for logs and as a fallback. */
  message: string;
}

export interface ProblemInit {
  type?: string;
  code: string;
  title?: string;
  status?: number;
  detail?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  retryAfter?: number;
  /** Why, for problems with several causes (`password-too-weak`: `common` …; `forbidden`: `exceeds-own-rights` …). */
  reason?: string;
  /** Every other member the server sent (RFC 9457 extensions, e.g. `remoteStatus`, `permissions`). */
  extensions?: Record<string, unknown>;
}

/**
 * An RFC 9457 problem answered by the Herald API (or `code: 'network'` when the API could not be reached).
 * `code` is stable; translate it with `problemMessage()` from @herald/core.
 */
export class HeraldProblem extends Error implements ProblemInit {
  override readonly name = 'HeraldProblem';
  readonly type: string;
  readonly code: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors?: ProblemFieldError[];
  readonly retryAfter?: number;
  readonly reason?: string;
  readonly extensions: Record<string, unknown>;

  constructor(init: ProblemInit, options?: { cause?: unknown }) {
    super(init.detail || init.title || init.code, options);
    this.code = init.code;
    this.type = init.type ?? `urn:herald:problem:${init.code}`;
    this.title = init.title ?? init.code;
    this.status = init.status ?? 0;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.errors = init.errors;
    this.retryAfter = init.retryAfter;
    this.reason = init.reason;
    this.extensions = init.extensions ?? {};
  }

  /**
   * Builds a problem from a non-2xx response (problem+json, or any other body), once the problem texts have loaded
   * (they load on demand, issue 16): an element that puts it into words at once finds them.
   */
  static async fromResponse(response: Response): Promise<HeraldProblem> {
    const words = loadProblemStrings();
    let body: Partial<ProblemInit> & Record<string, unknown> = {};
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        body = (await response.json()) as typeof body;
      } catch {
        body = {};
      }
    }
    const header = Number(response.headers.get('retry-after'));
    const retryAfter =
      typeof body.retryAfter === 'number'
        ? body.retryAfter
        : Number.isFinite(header) && header > 0
          ? header
          : undefined;
    const code = typeof body.code === 'string' ? body.code : codeFromStatus(response.status);
    await words;
    return new HeraldProblem({
      type: typeof body.type === 'string' ? body.type : undefined,
      code,
      title: typeof body.title === 'string' ? body.title : response.statusText || code,
      status: typeof body.status === 'number' ? body.status : response.status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      requestId:
        typeof body.requestId === 'string' ? body.requestId : (response.headers.get('x-request-id') ?? undefined),
      errors: Array.isArray(body.errors) ? (body.errors as ProblemFieldError[]) : undefined,
      retryAfter,
      reason: typeof body.reason === 'string' ? body.reason : undefined,
      extensions: Object.fromEntries(Object.entries(body).filter(([k]) => !STANDARD.has(k))),
    });
  }

  /** `problem`, once the problem texts have loaded (or could not): what the client throws goes through here. */
  static async withWords<P>(problem: P): Promise<P> {
    await loadProblemStrings();
    return problem;
  }

  /** A fetch that never reached the server. */
  static network(cause: unknown): HeraldProblem {
    return new HeraldProblem(
      { code: 'network', title: 'Network error', status: 0, detail: String((cause as Error)?.message ?? cause) },
      { cause },
    );
  }
}

const STANDARD = new Set([
  'type',
  'code',
  'title',
  'status',
  'detail',
  'instance',
  'requestId',
  'errors',
  'retryAfter',
  'reason',
]);

function codeFromStatus(status: number): string {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 429:
      return 'too-many-attempts';
    default:
      return 'internal';
  }
}

export const isProblem = (error: unknown, code?: string): error is HeraldProblem =>
  error instanceof HeraldProblem && (code === undefined || error.code === code);
