// What the composer holds (and what a draft stores), and how it becomes the `POST /messages` body.
import type { Attachment, DirectoryItem, MessageKind, Priority, RichDoc, SendInput } from '../api/types.js';
import { emptyDoc } from '@herald/rich-text/empty';

export type ExpiryChoice = 'never' | '1h' | '24h' | '7d' | 'at';
export const EXPIRY_MINUTES: Record<'1h' | '24h' | '7d', number> = { '1h': 60, '24h': 1440, '7d': 10080 };

/** A picked recipient: the directory hit, plus the department toggle. */
export interface Recipient extends DirectoryItem {
  includeSubdepartments: boolean;
}

export interface ComposerState {
  v: 1;
  kind: MessageKind;
  recipients: Recipient[];
  subject: string;
  body: RichDoc;
  attachments: Attachment[];
  priority: Priority;
  expiry: ExpiryChoice;
  /** `datetime-local` value when `expiry` is `at`. */
  expiresAt: string;
  receiptRequired: boolean;
  /** `datetime-local` value, or empty. */
  dueAt: string;
  /** Issue 20 #1: send at this `datetime-local` value (the viewer's time zone), or empty: now. */
  scheduledAt: string;
}

export const SUBJECT_MAX = 200;

export const initialState = (kind: MessageKind): ComposerState => ({
  v: 1,
  kind,
  recipients: [],
  subject: '',
  body: emptyDoc(),
  attachments: [],
  priority: 'normal',
  expiry: 'never',
  expiresAt: '',
  receiptRequired: false,
  dueAt: '',
  scheduledAt: '',
});

/** A draft's `data`, checked enough to be trusted (an old or foreign shape is ignored). */
export function fromDraft(data: unknown, kinds: MessageKind[]): ComposerState | null {
  const d = data as Partial<ComposerState> | null;
  if (!d || d.v !== 1 || !kinds.length) return null;
  // A draft saved as the `urgent` kind (before urgency was only the priority) comes back internal + urgent.
  const kind = d.kind === 'urgent' ? 'internal' : d.kind;
  const base = initialState(kinds.includes(kind as MessageKind) ? (kind as MessageKind) : kinds[0]!);
  return {
    ...base,
    recipients: Array.isArray(d.recipients) ? d.recipients.filter((r) => r && typeof r.id === 'string') : [],
    subject: typeof d.subject === 'string' ? d.subject : '',
    body: d.body?.type === 'doc' && Array.isArray(d.body.content) ? d.body : base.body,
    attachments: Array.isArray(d.attachments) ? d.attachments.filter((a) => a && typeof a.id === 'string') : [],
    priority: d.kind === 'urgent' ? 'urgent' : d.priority === 'high' || d.priority === 'urgent' ? d.priority : 'normal',
    expiry: (['never', '1h', '24h', '7d', 'at'] as const).includes(d.expiry as ExpiryChoice)
      ? (d.expiry as ExpiryChoice)
      : 'never',
    expiresAt: typeof d.expiresAt === 'string' ? d.expiresAt : '',
    receiptRequired: d.receiptRequired === true,
    dueAt: typeof d.dueAt === 'string' ? d.dueAt : '',
    scheduledAt: typeof d.scheduledAt === 'string' ? d.scheduledAt : '',
  };
}

/** Nothing typed or picked: not worth a draft. */
export const isPristine = (s: ComposerState) =>
  !s.recipients.length &&
  !s.subject.trim() &&
  !s.attachments.length &&
  s.body.content.every((b) => b.type === 'paragraph' && !b.content?.length);

/** `datetime-local` → epoch ms (local time), or null. */
export const localToEpoch = (value: string): number | null => {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? t : null;
};

export const audienceOf = (s: ComposerState) =>
  s.recipients.map((r) =>
    r.kind === 'department'
      ? { kind: r.kind, targetId: r.id, includeSubdepartments: r.includeSubdepartments }
      : { kind: r.kind, targetId: r.id },
  );

/**
 * The kind sent: an internal message with urgent priority is the `urgent` kind (approval flows and notices key on it).
 */
export const sentKind = (s: Pick<ComposerState, 'kind' | 'priority'>): MessageKind =>
  s.kind === 'internal' && s.priority === 'urgent' ? 'urgent' : s.kind;

export function toSendInput(s: ComposerState, draftId: string | null): SendInput {
  return {
    kind: sentKind(s),
    priority: s.kind === 'urgent' ? 'urgent' : s.priority,
    subject: s.subject.trim(),
    body: s.body,
    audience: audienceOf(s),
    attachmentIds: s.attachments.map((a) => a.id),
    receiptRequired: s.receiptRequired,
    expiresInMinutes: s.expiry === 'never' || s.expiry === 'at' ? null : EXPIRY_MINUTES[s.expiry],
    expiresAt: s.expiry === 'at' ? localToEpoch(s.expiresAt) : null,
    dueAt: localToEpoch(s.dueAt),
    ...(s.scheduledAt ? { scheduledAt: localToEpoch(s.scheduledAt) } : {}),
    ...(draftId ? { draftId } : {}),
  };
}

/**
 * What the template dialogs (issue 19, a lazy chunk) use of these rules, handed to them by the composer: a chunk that
 * imported this module would split it out of the composer's first-load file into a file of its own (+0.3 KB gz).
 */
export const stateRules = { EXPIRY_MINUTES, localToEpoch, audienceOf, sentKind };
export type StateRules = typeof stateRules;
