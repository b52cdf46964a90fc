import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable problem codes (RFC 9457 `code` member). The widgets translate these; keep in step with core's i18n. */
export const PROBLEMS = {
  validation: { status: 400, title: 'Invalid request' },
  'wrong-password': { status: 400, title: 'The current password is not correct' },
  'password-too-weak': { status: 400, title: 'The new password is too weak' },
  'password-reused': { status: 400, title: 'The new password must differ from the current one' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  'invalid-credentials': { status: 401, title: 'Wrong sign-in name or password' },
  'token-expired': { status: 401, title: 'The token has expired' },
  'token-invalid': { status: 401, title: 'The token is not valid' },
  forbidden: { status: 403, title: 'Not allowed' },
  'csrf-failed': { status: 403, title: 'Missing or wrong CSRF token' },
  'password-change-required': { status: 403, title: 'The password must be changed first' },
  'origin-not-allowed': { status: 403, title: 'This origin is not allowed for the embed app' },
  'subject-disabled': { status: 403, title: 'This account is disabled' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'invalid-move': { status: 400, title: 'A department cannot move into its own subtree' },
  'not-a-spreadsheet': { status: 400, title: 'The file is not an .xlsx or .csv spreadsheet' },
  'spreadsheet-unreadable': { status: 400, title: 'The spreadsheet cannot be read' },
  'spreadsheet-too-large': { status: 413, title: 'The spreadsheet is too large' },
  conflict: { status: 409, title: 'Conflict' },
  'department-not-empty': { status: 409, title: 'The department still has members or sub-departments' },
  'in-use': { status: 409, title: 'Still in use' },
  'import-has-errors': { status: 409, title: 'Fix the rows with errors before confirming' },
  'import-already-committed': { status: 409, title: 'This import was already confirmed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'attachment-too-large': { status: 413, title: 'The file is larger than 50 MB' },
  'message-too-large': { status: 413, title: 'The attachments of one message add up to more than 200 MB' },
  'file-type-refused': { status: 415, title: 'This kind of file cannot be attached' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different request' },
  'no-recipients': { status: 400, title: 'The message reaches nobody' },
  'recall-window-passed': { status: 409, title: 'The time to recall this message has passed' },
  // Issue 19: a contact note is changed by its author within the recall window only.
  'edit-window-passed': { status: 409, title: 'The time to change this has passed' },
  'message-recalled': { status: 409, title: 'The message was recalled' },
  'batch-too-large': { status: 422, title: 'At most 1,000 entries per batch' },
  'remind-too-soon': { status: 409, title: 'Recipients were reminded less than 5 minutes ago' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-attempts': { status: 429, title: 'Too many attempts' },
  'notify-test-failed': { status: 502, title: 'The test notification could not be sent' },
  // Issue 20 item 7: changing one's own e-mail or phone by a code sent to the new address.
  'verification-unavailable': { status: 409, title: 'No channel can send a code to this kind of address' },
  'verification-failed': { status: 400, title: 'The code is wrong or has expired' },
  'verification-send-failed': { status: 502, title: 'The code could not be sent' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Shutting down' },
  // Issue 17: storage faults (http/storage-faults.ts maps the SQLite and OS errors to these).
  'storage-full': { status: 507, title: "The server's storage is full" },
  'storage-unavailable': { status: 503, title: "The server's storage is not available" },
  'storage-corrupt': { status: 503, title: "The server's database is damaged" },
  // Issue 17 item 4: another process held the database's write lock past the write's deadline; nothing was saved.
  busy: { status: 503, title: 'The server is busy' },
  // Issue 19 item 4: a contact's conversation link (or its session) that was used, revoked or has expired.
  'link-unusable': { status: 410, title: 'This link can no longer be used: ask the sender for a new link' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/**
 * Stable codes of one field error (`errors[].code`), which the widgets translate (`field.<code>` in core's
 * catalogues); `message` stays a readable English text. Keep in step with docs/api.md ("Errors").
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too-short',
  'too-long',
  'too-small',
  'too-big',
  'too-few',
  'too-many',
  'invalid-type',
  'invalid-format',
  'invalid-value',
  'invalid-email',
  'invalid-phone',
  'unknown-field',
  'duplicate',
  'unknown-department',
  'unknown-position',
  'unknown-member',
  'unknown-contact',
  'unknown-role',
  'out-of-scope',
  'unknown-group',
  'unknown-attachment',
  'contact-needs-external',
  'link-scheme',
  'link-blocked',
  'link-invalid',
  'not-in-mailbox',
  'unknown-tag',
  'tag-too-deep',
  'tag-cycle',
  'address-not-allowed',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
export type FieldError = { path: string; code: FieldErrorCode; message: string };

export type ProblemExtras = {
  errors?: FieldError[];
  retryAfter?: number;
  [key: string]: unknown;
};

/** Thrown anywhere (services included); `onError` turns it into application/problem+json. */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.status = PROBLEMS[code].status as ContentfulStatusCode;
  }
}

export function problemBody(p: Problem, requestId?: string) {
  return {
    type: `urn:herald:problem:${p.code}`,
    code: p.code,
    title: PROBLEMS[p.code].title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(requestId ? { requestId } : {}),
    ...p.extras,
  };
}

export function problemResponse(c: Context, p: Problem): Response {
  const requestId = c.get('requestId') as string | undefined;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (p.extras.retryAfter !== undefined) headers['retry-after'] = String(p.extras.retryAfter);
  return c.body(JSON.stringify(problemBody(p, requestId)), p.status, headers);
}
