import { mentionsOf } from '@herald/rich-text/mentions';
import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { attachments } from '../attachments/schema.js';
import { recordAudit } from '../audit/service.js';
import { publishToMailboxes } from '../live/service.js';
import { noteDelivery } from '../mailbox/listing-cache.js';
import { indexMessage } from '../mailbox/search-index.js';
import { notifyDelivered } from '../notify/outbox.js';
import type { NotifySettings } from '../notify/settings.js';
import type { MessageRow } from './access.js';
import { deliverToAudience, isPerson, type CheckedAudience } from './recipients.js';
import { messageAudience, messages } from './schema.js';
import { flagMentions, markSent } from './send-sql.js';

/** What delivery did: how many it reached, the expiry it fixed, whose copies say "mentions you" (issue 19 #3). */
export type Delivered = { delivered: number; expiresAt: number | null; mentioned: Set<string> };

/** What delivery needs of a message: as a send has just written it, or as it waited for approval. */
export type Deliverable = Pick<
  MessageRow,
  | 'id'
  | 'threadId'
  | 'senderId'
  | 'kind'
  | 'priority'
  | 'receiptRequired'
  | 'expiresInMs'
  | 'expiresAt'
  | 'status'
  | 'recipientCount'
> & {
  audience: CheckedAudience[];
  hasAttachments: boolean;
  /** Issue 19 #3: the members the body mentions; those among the recipients get their copy flagged. */
  mentionIds?: readonly string[];
};

/**
 * Whether a send may store its message as sent before writing its mailbox rows (issue 15): people picked one by one
 * (at most 500, the audience's limit) are counted exactly beforehand (`countPeople`), so the message row is written
 * once, with its status and recipient count, and the kept counts' per-row trigger adds each entry as it is written.
 * A department or a group may reach everyone: its message waits as not sent until `markSent`, whose set-based
 * trigger adds all the counts in one statement.
 */
export const sentAtInsert = (audience: CheckedAudience[]): boolean => audience.every(isPerson);

/**
 * Delivery (R6), the one path for a plain send and a final approval (R5): a mailbox row for each person the audience
 * reaches now, the message marked sent, the search index, `message.received` and the outbox's notifications by
 * e-mail, webhook and SMS (R9). `deliveredAt` is `at`, and an expiry given as a duration counts from it.
 * The message is still stored as not sent while its mailbox rows are written, so the kept counts' per-row trigger
 * (migration 0009) adds nothing, and marking it sent adds every recipient's counts in one set-based statement — a
 * 10,000-recipient send ran 10,000 upserts one row at a time before (issue 15). A message already stored as sent
 * (`sentAtInsert`) is marked again only if it reached other than the `recipientCount` it was stored with.
 */
export async function deliverMessage(
  tx: DbOrTx,
  m: Deliverable,
  at: number,
  notify?: NotifySettings,
): Promise<Delivered> {
  const expiresAt = m.expiresInMs !== null ? at + m.expiresInMs : m.expiresAt;
  const delivered = await deliverToAudience(tx, m.kind, m.audience, m.senderId, {
    messageId: m.id,
    threadId: m.threadId,
    senderId: m.senderId,
    priority: m.priority,
    deliveredAt: at,
    expiresAt,
    receiptRequired: m.receiptRequired,
    hasAttachments: m.hasAttachments,
  });
  const mentioned = await flagMentions(tx, m.id, m.mentionIds ?? []);
  const marked = m.status !== 'sent' || m.recipientCount !== delivered;
  if (marked) await markSent(tx, m.id, { deliveredAt: at, expiresAt, recipientCount: delivered });
  // A message to people picked one by one reached only them: when none has a kept page, nothing is looked up.
  const people = m.audience.every(isPerson) ? m.audience.map((a) => a.targetId) : undefined;
  await noteDelivery(tx, {
    messageId: m.id,
    at,
    delivered,
    storedSent: m.status === 'sent',
    marked,
    mentioned,
    people,
  });
  // A fixed expiry may pass while the message waits for approval: then its content never enters the search index.
  if (expiresAt === null || expiresAt > at) await indexMessage(tx, m.id);
  await publishToMailboxes(tx, m.id, 'message.received', {
    messageId: m.id,
    threadId: m.threadId,
    priority: m.priority,
  });
  await notifyDelivered(tx, m, at, notify);
  return { delivered, expiresAt, mentioned };
}

/**
 * Issue 20 #4 (review): whether the message a forward quotes was recalled, deleted, purged or expired since the
 * forward was written. A forward delivered later (after approval, or at its scheduled time) must not carry content
 * its original no longer shows: it is withdrawn instead.
 */
export async function forwardedOriginalGone(tx: DbOrTx, forwardOf: string | null, at: number): Promise<boolean> {
  if (forwardOf === null) return false;
  const [o] = await tx
    .select({
      status: messages.status,
      recalledAt: messages.recalledAt,
      deletedAt: messages.deletedAt,
      purgedAt: messages.purgedAt,
      expiresAt: messages.expiresAt,
    })
    .from(messages)
    .where(eq(messages.id, forwardOf));
  return (
    !o ||
    o.status !== 'sent' ||
    o.recalledAt !== null ||
    o.deletedAt !== null ||
    o.purgedAt !== null ||
    (o.expiresAt !== null && o.expiresAt <= at)
  );
}

/** Withdraws a forward whose original went (`forwardedOriginalGone`), on the record. */
export async function withdrawForward(tx: DbOrTx, id: string, subject: string, at: number): Promise<void> {
  await tx.update(messages).set({ status: 'withdrawn', updatedAt: at }).where(eq(messages.id, id));
  await recordAudit(
    tx,
    { kind: 'system' },
    {
      action: 'message.forward.withdraw',
      targetType: 'message',
      targetId: id,
      before: { subject },
      after: { reason: 'the forwarded message was recalled, deleted or expired meanwhile' },
    },
  );
}

/** A message that waited for approval, delivered as it is stored (its audience as the sender picked it). */
export async function deliverStoredMessage(tx: DbOrTx, messageId: string, at: number): Promise<Delivered> {
  const [m] = await tx.select().from(messages).where(eq(messages.id, messageId));
  if (!m) throw new Problem('not-found');
  const audience = (await tx.select().from(messageAudience).where(eq(messageAudience.messageId, messageId))).map(
    (a) => ({
      kind: a.kind,
      targetId: a.targetId,
      includeSubdepartments: a.includeSubdepartments,
      label: a.label,
    }),
  );
  const [files] = await tx.select({ n: count() }).from(attachments).where(eq(attachments.messageId, messageId));
  const mentionIds = mentionsOf(m.body).map((r) => r.id);
  return deliverMessage(tx, { ...m, audience, hasAttachments: Number(files?.n ?? 0) > 0, mentionIds }, at);
}

/**
 * The last approval (R5) of a message: delivered now, or, when its sender scheduled it for later (issue 20 #1), left
 * `scheduled` for the worker (schedule.ts) to deliver at that time. A time that passed during approval delivers now.
 */
export async function deliverOrSchedule(
  tx: DbOrTx,
  messageId: string,
  at: number,
): Promise<{ delivered: number; scheduledAt: number | null }> {
  const [m] = await tx
    .select({ scheduledAt: messages.scheduledAt, forwardOf: messages.forwardOf, subject: messages.subject })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (m && (await forwardedOriginalGone(tx, m.forwardOf, at))) {
    await withdrawForward(tx, messageId, m.subject, at);
    return { delivered: 0, scheduledAt: null };
  }
  if (m?.scheduledAt != null && m.scheduledAt > at) {
    await tx.update(messages).set({ status: 'scheduled', updatedAt: at }).where(eq(messages.id, messageId));
    return { delivered: 0, scheduledAt: m.scheduledAt };
  }
  return { ...(await deliverStoredMessage(tx, messageId, at)), scheduledAt: null };
}
