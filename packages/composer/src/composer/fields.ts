// The form's fields as far as errors go: where a server error is shown, and the error line under each field.
import { html, type TemplateResult } from 'lit';
import type { HeraldProblem } from '@herald/client';
import { fieldErrorMessage, problemMessage, type LocalizeController } from '@herald/core';
import type { Attachment } from '../api/types.js';

export type FieldName =
  'kind' | 'recipients' | 'subject' | 'body' | 'attachments' | 'priority' | 'expiry' | 'due' | 'schedule' | 'form';
export type FieldErrors = Partial<Record<FieldName, string>>;

/** Where a server error path (`audience.0.targetId`, `body.content.0…`) is shown. */
const FIELD_OF_PATH: Record<string, FieldName> = {
  kind: 'kind',
  audience: 'recipients',
  subject: 'subject',
  body: 'body',
  attachmentIds: 'attachments',
  priority: 'priority',
  expiresInMinutes: 'expiry',
  expiresAt: 'expiry',
  dueAt: 'due',
  scheduledAt: 'schedule',
  receiptRequired: 'form',
  draftId: 'form',
};
/** Problems that belong to one field rather than the whole form. */
const FIELD_OF_PROBLEM: Record<string, FieldName> = {
  'no-recipients': 'recipients',
  'message-too-large': 'attachments',
  'attachment-too-large': 'attachments',
  'file-type-refused': 'attachments',
};

export interface ProblemErrors {
  errors: FieldErrors;
  /** Errors on single recipients, by index. */
  recipientErrors: Map<number, string>;
  /** Errors on single attachments, by id. */
  attachmentErrors: Map<string, string>;
  /** The field the problem as a whole belongs to, if any. */
  problemField?: FieldName;
}

/** A problem's field errors, sorted to the fields (and the recipients and attachments) they belong to. */
export function problemErrors(
  problem: HeraldProblem,
  attachments: Attachment[],
  i18n: LocalizeController,
): ProblemErrors {
  const errors: FieldErrors = {};
  const recipientErrors = new Map<number, string>();
  const attachmentErrors = new Map<string, string>();
  for (const e of problem.errors ?? []) {
    const [head, index] = (e.path ?? '').split('.');
    const field = FIELD_OF_PATH[head ?? ''] ?? 'form';
    const text = fieldErrorMessage(e, i18n);
    if (field === 'recipients' && index !== undefined && /^\d+$/.test(index)) recipientErrors.set(Number(index), text);
    if (field === 'attachments' && index !== undefined && /^\d+$/.test(index)) {
      const a = attachments[Number(index)];
      if (a) attachmentErrors.set(a.id, text);
    }
    errors[field] ??= text;
  }
  const problemField = FIELD_OF_PROBLEM[problem.code];
  if (problemField) errors[problemField] = problemMessage(problem, i18n);
  return { errors, recipientErrors, attachmentErrors, problemField };
}

/** The error line under a field (`#<field>-error`, referenced by the field's `aria-describedby`). */
export function renderFieldError(errors: FieldErrors, field: FieldName): TemplateResult {
  const text = errors[field];
  return html`<p class="field-error" id="${field}-error" ?hidden=${!text}>${text ?? ''}</p>`;
}
