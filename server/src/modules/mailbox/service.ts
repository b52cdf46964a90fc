import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { forEngine } from '../../db/engine.js';
import { execute } from '../../db/prepared.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent, type Audience } from '../live/service.js';
import { stopForRecipient } from '../notify/outbox.js';
import { hiddenFromRecipient } from '../messages/access.js';
import { messages } from '../messages/schema.js';
import { mailboxState, type StateEntry, type StateMessage } from '../messages/view.js';
import { noteOwnChanges, stateChange } from './listing-cache.js';
import { owner } from './query.js';
import type { Progress } from './schema.js';

/** Who hears of reads and confirmations: the sender, unless an API key (which has no live stream). */
const senderAudience = (m: Pick<typeof messages.$inferSelect, 'senderKind' | 'senderId'>): Audience[] =>
  m.senderKind === 'api-key' ? [] : [{ kind: m.senderKind, id: m.senderId }];
/** The owner's own pages and widgets, which hear of every change to their entry. */
export const selfAudience = (actor: Actor): Audience[] =>
  actor.kind === 'member' || actor.kind === 'contact' ? [{ kind: actor.kind, id: actor.subject.id }] : [];

/**
 * PostgreSQL runs transactions at read committed, and another node may change or trash the entry between this read and
 * the write after it: the entry's row stays locked until the transaction ends (SQLite's write transaction holds the
 * whole database from its BEGIN IMMEDIATE).
 */
const LOCK_ENTRY = forEngine('', ' for update of mb');
const OWN_STATE_SQL = `select mb.delivered_at, mb.read_at, mb.confirmed_at, mb.progress, mb.progress_note,
  mb.progress_at, mb.archived_at, mb.deleted_at, mb.starred_at, mb.snoozed_until, mb.mentioned, mb.expires_at,
  mb.receipt_required, mb.priority, m.recalled_at, m.deleted_at, m.expires_at, m.sender_kind, m.sender_id, m.status,
  m.receipt_required, m.due_at
  from mailbox mb join messages m on m.id = mb.message_id
  where mb.message_id = ? and mb.owner_id = ? and mb.deleted_at is null and m.deleted_at is null${LOCK_ENTRY}`;

type OwnMessage = StateMessage &
  Pick<typeof messages.$inferSelect, 'senderKind' | 'senderId' | 'status' | 'receiptRequired' | 'dueAt'>;
/**
 * The caller's own entry's state and what of its message a read, a star, a snooze, a confirmation or progress needs
 * (404 for an entry deleted by its owner, or whose message its sender deleted: nobody learns of others' mail), in one
 * prepared statement: a read or unread is the inbox's commonest write, and building and mapping the entry's and the
 * message's whole rows through drizzle cost more than the rest of it (issue 15), and slowed the request after it
 * (docs/architecture.md "Marking read without drizzle").
 */
export async function ownState(db: DbOrTx, ownerId: string, messageId: string) {
  const [r] = (await execute(db, OWN_STATE_SQL, [messageId, ownerId])).rows;
  if (!r) throw new Problem('not-found');
  const entry: StateEntry = {
    deliveredAt: r[0] as number,
    readAt: r[1] as number | null,
    confirmedAt: r[2] as number | null,
    progress: r[3] as Progress | null,
    progressNote: r[4] as string | null,
    progressAt: r[5] as number | null,
    archivedAt: r[6] as number | null,
    deletedAt: r[7] as number | null,
    starredAt: r[8] as number | null,
    snoozedUntil: r[9] as number | null,
    mentioned: Boolean(r[10]), // SQLite's 0/1, PostgreSQL's boolean
    expiresAt: r[11] as number | null,
    receiptRequired: Boolean(r[12]),
    priority: r[13] as StateEntry['priority'],
  };
  const message: OwnMessage = {
    recalledAt: r[14] as number | null,
    deletedAt: r[15] as number | null,
    expiresAt: r[16] as number | null,
    senderKind: r[17] as OwnMessage['senderKind'],
    senderId: r[18] as string,
    status: r[19] as OwnMessage['status'],
    receiptRequired: Boolean(r[20]),
    dueAt: r[21] as number | null,
  };
  return { entry, message };
}

/** The owner's tags on one entry, in the order `mailboxTagIds` gives them. */
const ENTRY_TAGS_SQL = `select tag_id from mailbox_tags where owner_id = ? and message_id = ?
  order by created_at, tag_id`;
export const entryTagIds = async (db: DbOrTx, ownerId: string, messageId: string) =>
  (await execute(db, ENTRY_TAGS_SQL, [ownerId, messageId])).rows.map((r) => r[0] as string);

/** The columns of one's own entry that a read, a confirmation, progress, a star or a snooze writes. */
export type OwnChange = Partial<
  Pick<
    StateEntry,
    'readAt' | 'confirmedAt' | 'progress' | 'progressNote' | 'progressAt' | 'starredAt' | 'archivedAt' | 'snoozedUntil'
  >
>;
const COLUMNS: Record<keyof OwnChange, string> = {
  readAt: 'read_at',
  confirmedAt: 'confirmed_at',
  progress: 'progress',
  progressNote: 'progress_note',
  progressAt: 'progress_at',
  starredAt: 'starred_at',
  archivedAt: 'archived_at',
  snoozedUntil: 'snoozed_until',
};

/** Writes `change` to the entry `ownState` found (one hand-written update); answers the entry as it now is. */
export async function writeOwnEntry(
  tx: DbOrTx,
  ownerId: string,
  messageId: string,
  entry: StateEntry,
  change: OwnChange,
): Promise<StateEntry> {
  const fields = Object.keys(change) as Array<keyof OwnChange>;
  await execute(
    tx,
    `update mailbox set ${fields.map((f) => `${COLUMNS[f]} = ?`).join(', ')} where message_id = ? and owner_id = ?`,
    [...fields.map((f) => change[f] ?? null), messageId, ownerId],
  );
  return { ...entry, ...change };
}

export async function setRead(db: Db, actor: Actor, messageId: string, read: boolean) {
  const ownerId = owner(actor);
  return db.transaction(async (tx) => {
    const { entry, message } = await ownState(tx, ownerId, messageId);
    const readAt = read ? (entry.readAt ?? now()) : null;
    const next = await writeOwnEntry(tx, ownerId, messageId, entry, { readAt });
    // One row updated: the owner's version moved once, for this message, whose entry is now known whole
    // (listing-cache.ts).
    await noteOwnChanges(tx, [stateChange(ownerId, messageId, next, message)]);
    const payload = { messageId, readAt };
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', payload);
    if (read && entry.readAt === null)
      await publishEvent(tx, senderAudience(message), 'message.read', { messageId, recipientId: ownerId });
    return mailboxState(next, message, await entryTagIds(tx, ownerId, messageId));
  });
}

/** R9/S2: the recipient confirms a receipt-required message (once; it also counts as read). */
export async function confirm(db: Db, actor: Actor, messageId: string, info: RequestInfo) {
  const ownerId = owner(actor);
  return db.transaction(async (tx) => {
    const { entry, message } = await ownState(tx, ownerId, messageId);
    if (!message.receiptRequired) throw new Problem('conflict', 'This message does not ask for a confirmation.');
    if (hiddenFromRecipient(message)) throw new Problem('conflict', 'This message was recalled or has expired.');
    if (entry.confirmedAt !== null) return mailboxState(entry, message, await entryTagIds(tx, ownerId, messageId));
    const t = now();
    const next = await writeOwnEntry(tx, ownerId, messageId, entry, { confirmedAt: t, readAt: entry.readAt ?? t });
    await noteOwnChanges(tx, [stateChange(ownerId, messageId, next, message)]);
    await recordAudit(tx, actor, { action: 'message.confirm', targetType: 'message', targetId: messageId, ...info });
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', { messageId, confirmedAt: t, readAt: next.readAt });
    await publishEvent(tx, senderAudience(message), 'message.confirmed', { messageId, recipientId: ownerId });
    await stopForRecipient(tx, messageId, ownerId, t);
    return mailboxState(next, message, await entryTagIds(tx, ownerId, messageId));
  });
}

/** S3: the recipient of a task-like message (one with a due date) reports progress, with a note. */
export async function setProgress(
  db: Db,
  actor: Actor,
  messageId: string,
  input: { progress: Progress; note?: string | null | undefined },
  info: RequestInfo,
) {
  const ownerId = owner(actor);
  return db.transaction(async (tx) => {
    const { entry, message } = await ownState(tx, ownerId, messageId);
    if (message.dueAt === null) throw new Problem('conflict', 'Only a message with a due date tracks progress.');
    if (hiddenFromRecipient(message)) throw new Problem('conflict', 'This message was recalled or has expired.');
    const t = now();
    const note = input.note?.trim() || null;
    const next = await writeOwnEntry(tx, ownerId, messageId, entry, {
      progress: input.progress,
      progressNote: note,
      progressAt: t,
      readAt: entry.readAt ?? t,
    });
    await noteOwnChanges(tx, [stateChange(ownerId, messageId, next, message)]);
    await recordAudit(tx, actor, {
      action: 'message.progress',
      targetType: 'message',
      targetId: messageId,
      before: { progress: entry.progress, note: entry.progressNote },
      after: { progress: input.progress, note },
      ...info,
    });
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', { messageId, progress: input.progress });
    await publishEvent(tx, senderAudience(message), 'message.progress', {
      messageId,
      recipientId: ownerId,
      progress: input.progress,
    });
    return mailboxState(next, message, await entryTagIds(tx, ownerId, messageId));
  });
}

/** Counts for the sender's receipt view. */
export async function receiptCounts(db: DbOrTx, messageId: string) {
  const [row] = await dialect.all<Record<string, number>>(
    db,
    sql`
    select count(*) as total, count(read_at) as read, count(confirmed_at) as confirmed,
      sum(case when progress = 'in-progress' then 1 else 0 end) as "inProgress",
      sum(case when progress = 'done' then 1 else 0 end) as done
    from mailbox where message_id = ${messageId}`,
  );
  const total = Number(row?.total ?? 0),
    read = Number(row?.read ?? 0),
    confirmed = Number(row?.confirmed ?? 0);
  const inProgress = Number(row?.inProgress ?? 0),
    done = Number(row?.done ?? 0);
  return {
    total,
    read,
    unread: total - read,
    confirmed,
    unconfirmed: total - confirmed,
    progress: { 'not-started': total - inProgress - done, 'in-progress': inProgress, done },
  };
}
