import type { MessageKey } from './i18n/catalogues.js';

/** The fields of an RFC 9457 problem that matter for a message (HeraldProblem satisfies it). */
export interface ProblemLike {
  code?: string;
  title?: string;
  detail?: string;
  retryAfter?: number;
  /** Why, for problems with several causes (`password-too-weak`: `common`, `personal` …). */
  reason?: string;
  /** RFC 9457 extensions (HeraldProblem): `tokenStatus` of a failed token provider … */
  extensions?: Record<string, unknown>;
}

/** Anything that can translate: a LocalizeController. */
export interface Translator {
  t(key: MessageKey, params?: Record<string, unknown>): string;
  has(key: string): key is MessageKey;
}

/**
 * A readable, localized message for a problem. Known codes are translated; unknown codes fall back to
 * the server's `detail`, then `title`, then a generic message.
 */
export function problemMessage(problem: ProblemLike | unknown, i18n: Translator): string {
  const p = (problem ?? {}) as ProblemLike;
  if (p.code === 'too-many-attempts' && typeof p.retryAfter === 'number' && p.retryAfter > 0) {
    return i18n.t('problem.too-many-attempts.retry', { seconds: Math.ceil(p.retryAfter) });
  }
  // What some messages name: the host endpoint's status, this page's origin (issue 21).
  const params = { status: p.extensions?.tokenStatus, origin: globalThis.location?.origin };
  const specific = `problem.${p.code}.${p.reason}`;
  if (p.code && typeof p.reason === 'string' && i18n.has(specific)) return i18n.t(specific, params);
  const key = `problem.${p.code}`;
  if (p.code && i18n.has(key)) return i18n.t(key, params);
  return p.detail || p.title || i18n.t('problem.generic');
}

/** One field error of a validation problem (`errors[]`). */
export interface FieldErrorLike {
  path?: string;
  code?: string;
  message?: string;
}

/**
 * The localized text of one field error: its stable `code` translated (`field.<code>`), else the server's
 * `message`, else a generic "not valid".
 */
export function fieldErrorMessage(error: FieldErrorLike, i18n: Translator): string {
  const key = `field.${error.code}`;
  if (error.code && i18n.has(key)) return i18n.t(key);
  return error.message || i18n.t('field.invalid-value');
}

/**
 * A form's field messages from a validation problem: each error goes to the form field its `path` names
 * (`email`, or a nested `email.0`), translated; errors for fields the form does not show are left out.
 */
export function fieldErrorMessages<F extends string>(
  errors: readonly FieldErrorLike[] | undefined,
  fields: readonly F[],
  i18n: Translator,
): Partial<Record<F, string>> {
  const messages: Partial<Record<F, string>> = {};
  for (const e of errors ?? []) {
    const field = fields.find((f) => e.path === f || e.path?.startsWith(`${f}.`));
    if (field) messages[field] = fieldErrorMessage(e, i18n);
  }
  return messages;
}
