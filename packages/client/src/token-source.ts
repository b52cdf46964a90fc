import { HeraldProblem } from './problem.js';

/** What a host's token provider is: a function answering a fresh embed JWT. */
export type TokenProvider = () => string | Promise<string>;

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * The problem a failing token provider becomes (issue 21): `token-provider-failed`, with the host endpoint's HTTP
 * status in `extensions.tokenStatus` when the provider threw a `Response` or an error carrying a numeric `status`
 * (what {@link tokenFromUrl} throws), so the widgets can say "the page's token service answered 500", not "Herald
 * cannot be reached".
 */
export function tokenProviderProblem(error: unknown): HeraldProblem {
  if (error instanceof HeraldProblem) return error;
  const status = (error as { status?: unknown } | null)?.status;
  const tokenStatus = typeof status === 'number' && status > 0 ? status : undefined;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return new HeraldProblem(
    {
      code: 'token-provider-failed',
      title: "The page's token provider failed",
      detail,
      reason: tokenStatus ? 'status' : undefined,
      extensions: tokenStatus ? { tokenStatus } : {},
    },
    { cause: error },
  );
}

/** Checks a provider's answer: a JWT, else `token-provider-failed` (`reason: not-a-token`, e.g. an HTML page). */
export function acceptToken(value: unknown): string {
  if (typeof value === 'string' && JWT.test(value.trim())) return value.trim();
  const title = 'The token provider answered something that is not a token';
  throw new HeraldProblem({ code: 'token-provider-failed', title, reason: 'not-a-token' });
}

/**
 * A token provider that POSTs to the host's own endpoint (same origin, its cookies) and reads the token from the
 * body; a non-2xx answer is thrown with its status. What `<herald-provider token-url>` uses.
 */
export const tokenFromUrl =
  (url: string, fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init)): TokenProvider =>
  async () => {
    const response = await fetchImpl(url, { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw Object.assign(new Error(`${url} answered ${response.status}`), { status: response.status });
    return (await response.text()).trim();
  };
