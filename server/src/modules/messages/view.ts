import { apiKeys } from '../apps/schema.js';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { inList, keptQuery } from '../../db/kept-query.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { attachmentsOf, type AttachmentInfo } from '../attachments/service.js';
import { contacts } from '../contacts/schema.js';
import type { Progress } from '../mailbox/schema.js';
import { mailboxTags } from '../tags/schema.js';
import { members } from '../org/schema.js';
import { contentHidden, type MailboxRow, type MessageAccess, type MessageRow } from './access.js';
import { emptyDoc, type RichDoc } from './content/index.js';
import { fillDoc, fillText, recipientValues } from './content/placeholders.js';
import { messageAudience, messages } from './schema.js';

export type MailboxState = {
  deliveredAt: number;
  readAt: number | null;
  confirmedAt: number | null;
  progress: Progress | null;
  progressNote: string | null;
  progressAt: number | null;
  archivedAt: number | null;
  deletedAt: number | null;
  /** Issue 20 #3: starred by the owner; snoozed (archived) until then. */
  starredAt: number | null;
  snoozedUntil: number | null;
  /** Issue 19 #3: the message's body mentions the owner. */
  mentioned: boolean;
  /** The caller's tags on this entry (organisation and personal). */
  tagIds: string[];
  /** Urgent, in the inbox, and not yet read or (receipt required) not yet confirmed: shown above the list. */
  pinned: boolean;
  /** Receipt required, not yet confirmed, and still confirmable (not recalled, deleted or expired). */
  needsConfirmation: boolean;
};

/** What of the message decides whether its entry can still be confirmed. */
export type StateMessage = Pick<MessageRow, 'recalledAt' | 'deletedAt' | 'expiresAt'>;

/** What of an entry its state shows. */
export type StateEntry = Pick<
  MailboxRow,
  | 'deliveredAt'
  | 'readAt'
  | 'confirmedAt'
  | 'progress'
  | 'progressNote'
  | 'progressAt'
  | 'archivedAt'
  | 'deletedAt'
  | 'starredAt'
  | 'snoozedUntil'
  | 'mentioned'
  | 'expiresAt'
  | 'receiptRequired'
  | 'priority'
>;

export const mailboxState = (
  e: StateEntry,
  message: StateMessage | null = null,
  tagIds: string[] = [],
  at = now(),
): MailboxState => {
  const expiresAt = e.expiresAt ?? message?.expiresAt ?? null;
  const hidden =
    (message !== null && (message.recalledAt !== null || message.deletedAt !== null)) ||
    (expiresAt !== null && expiresAt <= at);
  const needsConfirmation = e.receiptRequired && e.confirmedAt === null && !hidden;
  return {
    deliveredAt: e.deliveredAt,
    readAt: e.readAt,
    confirmedAt: e.confirmedAt,
    progress: e.progress,
    progressNote: e.progressNote,
    progressAt: e.progressAt,
    archivedAt: e.archivedAt,
    deletedAt: e.deletedAt,
    starredAt: e.starredAt,
    snoozedUntil: e.snoozedUntil,
    mentioned: e.mentioned,
    tagIds,
    needsConfirmation,
    pinned:
      e.priority === 'urgent' &&
      e.archivedAt === null &&
      e.deletedAt === null &&
      !hidden &&
      (e.readAt === null || needsConfirmation),
  };
};

const tagsOf = keptQuery((db, v: { owner: string; ids: string }) =>
  db
    .select({ messageId: mailboxTags.messageId, tagId: mailboxTags.tagId })
    .from(mailboxTags)
    .where(and(eq(mailboxTags.ownerId, v.owner), inList(mailboxTags.messageId, v.ids)))
    .orderBy(asc(mailboxTags.createdAt), asc(mailboxTags.tagId)),
);

/** The owner's tag ids on each of a page's entries, in one query (message id → tag ids). */
export async function mailboxTagIds(db: DbOrTx, ownerId: string, messageIds: string[]): Promise<Map<string, string[]>> {
  const byMessage = new Map<string, string[]>();
  if (!messageIds.length) return byMessage;
  const rows = await tagsOf(db, { owner: ownerId, ids: JSON.stringify([...new Set(messageIds)]) });
  for (const r of rows) {
    const list = byMessage.get(r.messageId);
    if (list) list.push(r.tagId);
    else byMessage.set(r.messageId, [r.tagId]);
  }
  return byMessage;
}

/** What the sender may still do: recall only within the window (managers at any time). */
export type ViewContext = { recallWindowMs: number };

/** A reply's first message: what decides whether the reply's subject (which repeats it) is hidden. */
export type FirstMessage = Pick<MessageRow, 'senderId' | 'senderKind' | 'recalledAt' | 'deletedAt' | 'expiresAt'>;
export type AudienceRow = typeof messageAudience.$inferSelect;

/** What a page of views needs besides the messages themselves, however it was read. */
export type ViewExtras = {
  /** Sender id → name. */
  names: Map<string, string>;
  audience: Map<string, AudienceRow[]>;
  files: Map<string, AttachmentInfo[]>;
  /** The caller's tag ids per message (their own entries). */
  tagIds: Map<string, string[]>;
  /** A reply's thread id → its first message. */
  firsts: Map<string, FirstMessage>;
};

/**
 * Messages as one caller may see them (docs/api.md `Message`), with what they may do to each; few queries for a page.
 */
export async function messageViews(db: DbOrTx, actor: Actor, accesses: MessageAccess[], ctx: ViewContext) {
  if (!accesses.length) return [];
  return toMessageViews(actor, accesses, await viewExtras(db, accesses), ctx);
}

// What a view reads besides the messages, each query's SQL built once (`keptQuery`; lists as JSON text).
const memberNamesOf = keptQuery((db, v: { ids: string }) =>
  db.select({ id: members.id, name: members.name }).from(members).where(inList(members.id, v.ids)),
);
const contactNamesOf = keptQuery((db, v: { ids: string }) =>
  db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inList(contacts.id, v.ids)),
);
const keyNamesOf = keptQuery((db, v: { ids: string }) =>
  db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inList(apiKeys.id, v.ids)),
);
const audienceOf = keptQuery((db, v: { ids: string }) =>
  db
    .select()
    .from(messageAudience)
    .where(inList(messageAudience.messageId, v.ids))
    .orderBy(asc(messageAudience.messageId), asc(messageAudience.id)),
);
/** Messages by id (`ids`: a JSON array), in no particular order. */
export const messagesByIds = keptQuery((db, v: { ids: string }) =>
  db.select().from(messages).where(inList(messages.id, v.ids)),
);

/** The names of the senders of `sent` (member, contact or API key), by sender id. */
export async function senderNames(
  db: DbOrTx,
  sent: ReadonlyArray<Pick<MessageRow, 'senderKind' | 'senderId'>>,
): Promise<Map<string, string>> {
  const of = (kind: MessageRow['senderKind']) => [
    ...new Set(sent.filter((m) => m.senderKind === kind).map((m) => m.senderId)),
  ];
  const [memberSenders, contactSenders, keySenders] = [of('member'), of('contact'), of('api-key')];
  const [memberNames, contactNames, keyNames] = await Promise.all([
    memberSenders.length ? memberNamesOf(db, { ids: JSON.stringify(memberSenders) }) : [],
    contactSenders.length ? contactNamesOf(db, { ids: JSON.stringify(contactSenders) }) : [],
    keySenders.length ? keyNamesOf(db, { ids: JSON.stringify(keySenders) }) : [],
  ]);
  return new Map([...memberNames, ...contactNames, ...keyNames].map((r) => [r.id, r.name]));
}

async function viewExtras(db: DbOrTx, accesses: MessageAccess[]): Promise<ViewExtras> {
  const ids = accesses.map((a) => a.message.id);
  const [names, audience, files] = await Promise.all([
    senderNames(
      db,
      accesses.map((a) => a.message),
    ),
    audienceOf(db, { ids: JSON.stringify(ids) }),
    attachmentsOf(db, ids),
  ]);
  const ownEntries = accesses.flatMap((a) => (a.entry ? [a.entry] : []));
  const tagIds = ownEntries.length
    ? await mailboxTagIds(
        db,
        ownEntries[0]!.ownerId,
        ownEntries.map((e) => e.messageId),
      )
    : new Map<string, string[]>();
  const firstIds = [...new Set(accesses.filter((a) => a.message.parentId !== null).map((a) => a.message.threadId))];
  const firsts = new Map(
    (firstIds.length ? await messagesByIds(db, { ids: JSON.stringify(firstIds) }) : []).map((m) => [m.id, m]),
  );
  const byMessage = new Map<string, AudienceRow[]>();
  for (const row of audience) {
    const list = byMessage.get(row.messageId);
    if (list) list.push(row);
    else byMessage.set(row.messageId, [row]);
  }
  return { names, audience: byMessage, files, tagIds, firsts };
}

/** What of a message its view shows. */
export type ViewedMessage = Pick<
  MessageRow,
  | 'id'
  | 'threadId'
  | 'parentId'
  | 'senderKind'
  | 'senderId'
  | 'kind'
  | 'priority'
  | 'subject'
  | 'body'
  | 'links'
  | 'receiptRequired'
  | 'expiresInMs'
  | 'expiresAt'
  | 'dueAt'
  | 'status'
  | 'recipientCount'
  | 'deliveredAt'
  | 'revision'
  | 'editedAt'
  | 'recalledAt'
  | 'deletedAt'
  | 'purgedAt'
  | 'createdAt'
  | 'scheduledAt'
>;
/** An access as far as a view needs it (the inbox's hot path reads no more than this). */
export type ViewedAccess = Omit<MessageAccess, 'message' | 'entry'> & {
  message: ViewedMessage;
  entry: StateEntry | null;
};

/**
 * Whether a reply's subject, which repeats its conversation's first message, is hidden from `viewerId`: where that
 * message's content is (recalled, deleted, expired), unless the viewer sent it. Overseers are checked by the caller.
 */
export function firstMessageHidden(
  viewerId: string | null,
  first: Omit<FirstMessage, 'senderKind'> | undefined,
  t: number,
): boolean {
  return (
    !!first &&
    first.senderId !== viewerId &&
    (first.recalledAt !== null || first.deletedAt !== null || (first.expiresAt !== null && first.expiresAt <= t))
  );
}

/** The views of messages whose extras are already read (the inbox's hot path reads them in its one statement). */
export function toMessageViews(actor: Actor, accesses: ViewedAccess[], extras: ViewExtras, ctx: ViewContext) {
  const { names, audience, files, tagIds, firsts } = extras;
  // A reply's subject repeats its conversation's first message: hidden where that message's content is.
  const viewerId = actor.kind === 'api-key' ? null : actor.subject.id;
  const t = now();
  return accesses.map((a) => {
    const m = a.message;
    const hidden = contentHidden(a, t);
    const overseer = a.sender || a.viewer || a.manager;
    const first = m.parentId !== null ? firsts.get(m.threadId) : undefined;
    const firstHidden = !(a.viewer || a.manager) && firstMessageHidden(viewerId, first, t);
    const live = m.status === 'sent' && m.recalledAt === null && m.deletedAt === null;
    // Its sender edits a rejected message before resubmitting it (R5), as PATCH /messages/{id} accepts (manage.ts).
    const editableRejected = a.sender && m.status === 'rejected' && m.deletedAt === null;
    // Issue 20 #1: a scheduled message is edited (and its time changed or cancelled) until it is delivered.
    const editableScheduled = (a.sender || a.manager) && m.status === 'scheduled' && m.deletedAt === null;
    const withinWindow = m.deliveredAt !== null && t - m.deliveredAt <= ctx.recallWindowMs;
    const attachments: AttachmentInfo[] = hidden ? [] : (files.get(m.id) ?? []);
    // Issue 19: a recipient reads their own copy with its placeholders filled; its sender sees them as written.
    const fill =
      a.entry && !a.sender && actor.kind !== 'api-key' ? recipientValues(actor.subject.name, a.entry, m) : null;
    return {
      id: m.id,
      threadId: m.threadId,
      parentId: m.parentId,
      kind: m.kind,
      priority: m.priority,
      subject: hidden || firstHidden ? '' : fill ? fillText(m.subject, fill) : m.subject,
      body: hidden ? emptyDoc() : fill ? fillDoc(m.body as RichDoc, fill) : m.body,
      links: hidden ? [] : m.links,
      sender: { kind: m.senderKind, id: m.senderId, name: names.get(m.senderId) ?? '' },
      // Staff see whom it was addressed to (names and head counts), as in any mail client; an external contact only
      // its own entry, never the organisation's departments, groups and people.
      audience: (audience.get(m.id) ?? [])
        .filter((x) => actor.kind !== 'contact' || (x.kind === 'contact' && x.targetId === viewerId))
        .map((x) => ({
          kind: x.kind,
          targetId: x.targetId,
          label: x.label,
          includeSubdepartments: x.includeSubdepartments,
          count: x.resolvedCount,
        })),
      attachments,
      receiptRequired: m.receiptRequired,
      expiresAt: m.expiresAt,
      expiresInMinutes: m.expiresInMs === null ? null : Math.round(m.expiresInMs / 60_000),
      dueAt: m.dueAt,
      status: m.status,
      recipientCount: m.recipientCount,
      deliveredAt: m.deliveredAt,
      revision: m.revision,
      editedAt: m.editedAt,
      recalledAt: m.recalledAt,
      deletedAt: m.deletedAt,
      purgedAt: m.purgedAt,
      createdAt: m.createdAt,
      scheduledAt: m.scheduledAt,
      expired: m.expiresAt !== null && m.expiresAt <= t,
      mine: a.entry ? mailboxState(a.entry, m, tagIds.get(m.id) ?? [], t) : null,
      can: {
        edit: ((a.sender || a.manager) && live) || editableRejected || editableScheduled,
        recall: live && (a.manager || (a.sender && withinWindow)),
        delete: (a.sender || a.manager) && m.deletedAt === null,
        // A system's message (an API key sending as itself) has nobody to answer a reply (send.ts refuses it too).
        // Issue 19 item 5: who works a customer conversation answers it without a copy.
        reply:
          (a.sender || a.entry !== null || a.worker === true) &&
          live &&
          !hidden &&
          actor.kind !== 'api-key' &&
          (first ?? m).senderKind !== 'api-key',
        viewRevisions: overseer,
        viewRecipients: overseer,
      },
    };
  });
}

export type MessageView = ReturnType<typeof toMessageViews>[number];
