import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent, type Audience } from '../live/service.js';
import { messagingSettings } from '../settings/service.js';
import { contentHidden, type MessageAccess } from '../messages/access.js';
import { messages } from '../messages/schema.js';
import { mailboxState, messageViews } from '../messages/view.js';
import { mailbox, type Progress } from './schema.js';

function owner(actor: Actor): string {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no mailbox.');
  return actorId(actor);
}

/** What the caller received, newest first (keyset on delivery time and id). The inbox adds views and filters. */
export async function listMailbox(db: DbOrTx, actor: Actor, q: { cursor?: string | undefined; limit: number }) {
  const ownerId = owner(actor);
  const after = q.cursor ? decodeCursor(q.cursor, ['number', 'string'] as const) : null;
  const rows = await db.select({ entry: mailbox, message: messages }).from(mailbox)
    .innerJoin(messages, eq(messages.id, mailbox.messageId))
    .where(and(
      eq(mailbox.ownerId, ownerId), isNull(mailbox.deletedAt), isNull(messages.deletedAt), eq(messages.status, 'sent'),
      after ? or(lt(mailbox.deliveredAt, after[0]), and(eq(mailbox.deliveredAt, after[0]), lt(mailbox.messageId, after[1]))) : undefined,
    ))
    .orderBy(desc(mailbox.deliveredAt), desc(mailbox.messageId))
    .limit(q.limit + 1);
  const pageRows = rows.slice(0, q.limit);
  const accesses: MessageAccess[] = pageRows.map((r) => ({ message: r.message, entry: r.entry, sender: false, viewer: false, manager: false }));
  const settings = await messagingSettings(db);
  const views = await messageViews(db, actor, accesses, { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  const last = pageRows[pageRows.length - 1];
  return {
    items: views.map((message, i) => ({ message, state: mailboxState(pageRows[i]!.entry) })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.entry.deliveredAt, last.entry.messageId) : null,
  };
}

/** The caller's own entry of a delivered, still visible message (or 404: nobody learns of others' mail). */
async function ownEntry(db: DbOrTx, actor: Actor, messageId: string) {
  const ownerId = owner(actor);
  const [row] = await db.select({ entry: mailbox, message: messages }).from(mailbox)
    .innerJoin(messages, eq(messages.id, mailbox.messageId))
    .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, ownerId), isNull(mailbox.deletedAt), isNull(messages.deletedAt)));
  if (!row) throw new Problem('not-found');
  return row;
}

const senderAudience = (m: typeof messages.$inferSelect): Audience[] => [{ kind: m.senderKind, id: m.senderId }];
const selfAudience = (actor: Actor): Audience[] => (actor.kind === 'member' || actor.kind === 'contact' ? [{ kind: actor.kind, id: actor.subject.id }] : []);

export async function setRead(db: Db, actor: Actor, messageId: string, read: boolean) {
  return db.transaction(async (tx) => {
    const { entry, message } = await ownEntry(tx, actor, messageId);
    const readAt = read ? entry.readAt ?? now() : null;
    await tx.update(mailbox).set({ readAt }).where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, entry.ownerId)));
    const payload = { messageId, readAt };
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', payload);
    if (read && entry.readAt === null) await publishEvent(tx, senderAudience(message), 'message.read', { messageId, recipientId: entry.ownerId });
    return mailboxState({ ...entry, readAt });
  });
}

/** R9/S2: the recipient confirms a receipt-required message (once; it also counts as read). */
export async function confirm(db: Db, actor: Actor, messageId: string, info: RequestInfo) {
  return db.transaction(async (tx) => {
    const { entry, message } = await ownEntry(tx, actor, messageId);
    if (!message.receiptRequired) throw new Problem('conflict', 'This message does not ask for a confirmation.');
    if (contentHidden({ message, entry, sender: false, viewer: false, manager: false })) throw new Problem('conflict', 'This message was recalled or has expired.');
    if (entry.confirmedAt !== null) return mailboxState(entry);
    const t = now();
    const next = { ...entry, confirmedAt: t, readAt: entry.readAt ?? t };
    await tx.update(mailbox).set({ confirmedAt: t, readAt: next.readAt }).where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, entry.ownerId)));
    await recordAudit(tx, actor, { action: 'message.confirm', targetType: 'message', targetId: messageId, ...info });
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', { messageId, confirmedAt: t, readAt: next.readAt });
    await publishEvent(tx, senderAudience(message), 'message.confirmed', { messageId, recipientId: entry.ownerId });
    return mailboxState(next);
  });
}

/** S3: the recipient of a task-like message (one with a due date) reports progress, with a note. */
export async function setProgress(db: Db, actor: Actor, messageId: string, input: { progress: Progress; note?: string | null | undefined }, info: RequestInfo) {
  return db.transaction(async (tx) => {
    const { entry, message } = await ownEntry(tx, actor, messageId);
    if (message.dueAt === null) throw new Problem('conflict', 'Only a message with a due date tracks progress.');
    if (contentHidden({ message, entry, sender: false, viewer: false, manager: false })) throw new Problem('conflict', 'This message was recalled or has expired.');
    const t = now();
    const note = input.note?.trim() || null;
    const next = { ...entry, progress: input.progress, progressNote: note, progressAt: t, readAt: entry.readAt ?? t };
    await tx.update(mailbox).set({ progress: input.progress, progressNote: note, progressAt: t, readAt: next.readAt })
      .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, entry.ownerId)));
    await recordAudit(tx, actor, { action: 'message.progress', targetType: 'message', targetId: messageId, before: { progress: entry.progress, note: entry.progressNote }, after: { progress: input.progress, note }, ...info });
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', { messageId, progress: input.progress });
    await publishEvent(tx, senderAudience(message), 'message.progress', { messageId, recipientId: entry.ownerId, progress: input.progress });
    return mailboxState(next);
  });
}

/** Counts for the sender's receipt view. */
export async function receiptCounts(db: DbOrTx, messageId: string) {
  const [row] = await db.all<Record<string, number>>(sql`
    select count(*) as total, count(read_at) as read, count(confirmed_at) as confirmed,
      sum(case when progress = 'in-progress' then 1 else 0 end) as inProgress,
      sum(case when progress = 'done' then 1 else 0 end) as done
    from mailbox where message_id = ${messageId}`);
  const total = Number(row?.total ?? 0), read = Number(row?.read ?? 0), confirmed = Number(row?.confirmed ?? 0);
  const inProgress = Number(row?.inProgress ?? 0), done = Number(row?.done ?? 0);
  return {
    total, read, unread: total - read, confirmed, unconfirmed: total - confirmed,
    progress: { 'not-started': total - inProgress - done, 'in-progress': inProgress, done },
  };
}
