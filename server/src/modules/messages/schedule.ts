// Scheduled send (issue 20 #1): the sender changes the time or cancels until then; the worker delivers at that time,
// once, whichever process gets there first (docs/architecture.md "Scheduled send").
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { apiKeys } from '../apps/schema.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { members } from '../org/schema.js';
import { messageAccess, type MessageAccess } from './access.js';
import { deliverStoredMessage, forwardedOriginalGone, withdrawForward } from './deliver.js';
import { viewOne } from './manage.js';
import { scheduleErrors } from './schedule-rules.js';
import { messages } from './schema.js';
import type { MessageView } from './view.js';

/** The sender (or `message.manage` over the sender's department) of a message that still waits for its time. */
async function scheduledAccess(tx: DbOrTx, actor: Actor, id: string): Promise<MessageAccess> {
  const access = await messageAccess(tx, actor, id);
  if (!access || access.message.deletedAt !== null) throw new Problem('not-found');
  if (!access.sender && !access.manager)
    throw new Problem(
      access.viewer || access.entry || access.approver ? 'forbidden' : 'not-found',
      'Only the sender, or someone with "message.manage" over the sender\'s department, may change this message.',
    );
  const m = access.message;
  // Waiting for approval with a time, the time may still change; once delivered (or cancelled) it is too late.
  const waiting = m.status === 'scheduled' || (m.status === 'pending-approval' && m.scheduledAt !== null);
  if (!waiting)
    throw new Problem('conflict', `A message that is ${m.status} is not waiting to be sent.`, {
      reason: 'not-scheduled',
    });
  return access;
}

/**
 * Moves a scheduled message to another time. Conditional on the status read, so a worker that delivered it meanwhile
 * makes this a 409 rather than a change to a sent message.
 */
export async function rescheduleMessage(
  db: Db,
  actor: Actor,
  id: string,
  scheduledAt: number,
  info: RequestInfo,
): Promise<MessageView> {
  await db.transaction(async (tx) => {
    const access = await scheduledAccess(tx, actor, id);
    const m = access.message;
    const t = now();
    const errors = scheduleErrors(scheduledAt, t, m);
    if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
    const moved = await tx
      .update(messages)
      .set({ scheduledAt, updatedAt: t })
      .where(and(eq(messages.id, id), eq(messages.status, m.status)))
      .returning({ id: messages.id });
    if (moved.length !== 1) throw new Problem('conflict', 'The message was sent meanwhile.');
    await recordAudit(tx, actor, {
      action: 'message.reschedule',
      targetType: 'message',
      targetId: id,
      before: { subject: m.subject, scheduledAt: m.scheduledAt },
      after: { scheduledAt },
      ...info,
    });
  });
  return viewOne(db, actor, id);
}

/**
 * Cancels a scheduled send: the message becomes `withdrawn` (nobody ever receives it) and stays in the sender's Sent
 * list with its content. One waiting for approval is withdrawn through the approval instead (POST …/withdraw).
 */
export async function cancelScheduled(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<MessageView> {
  await db.transaction(async (tx) => {
    const access = await scheduledAccess(tx, actor, id);
    const m = access.message;
    if (m.status !== 'scheduled')
      throw new Problem('conflict', 'This message waits for approval: withdraw it from the approval.', {
        reason: 'pending-approval',
      });
    const t = now();
    const cancelled = await tx
      .update(messages)
      .set({ status: 'withdrawn', updatedAt: t })
      .where(and(eq(messages.id, id), eq(messages.status, 'scheduled')))
      .returning({ id: messages.id });
    if (cancelled.length !== 1) throw new Problem('conflict', 'The message was sent meanwhile.');
    await recordAudit(tx, actor, {
      action: 'message.schedule.cancel',
      targetType: 'message',
      targetId: id,
      before: { subject: m.subject, scheduledAt: m.scheduledAt },
      ...info,
    });
  });
  return viewOne(db, actor, id);
}

/**
 * "Send now": a scheduled message goes out at once (claimed and delivered here, as the worker would; one that the
 * worker delivered meanwhile is a 409); one waiting for approval loses its time and goes out when approved.
 */
export async function sendScheduledNow(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<MessageView> {
  const t = now();
  const status = await db.transaction(async (tx) => {
    const m = (await scheduledAccess(tx, actor, id)).message;
    const moved = await tx
      .update(messages)
      .set(m.status === 'scheduled' ? { scheduledAt: t, updatedAt: t } : { scheduledAt: null, updatedAt: t })
      .where(and(eq(messages.id, id), eq(messages.status, m.status)))
      .returning({ id: messages.id });
    if (moved.length !== 1) throw new Problem('conflict', 'The message was sent meanwhile.');
    await recordAudit(tx, actor, {
      action: 'message.schedule.now',
      targetType: 'message',
      targetId: id,
      before: { subject: m.subject, scheduledAt: m.scheduledAt },
      ...info,
    });
    return m.status;
  });
  // Another process's worker may claim it first: it is delivered once either way.
  if (status === 'scheduled') await deliverIfClaimed(db, id, t);
  return viewOne(db, actor, id);
}

/** Messages claimed per worker run at most; a run that found this many looks again at once. */
export const DUE_BATCH = 20;

/**
 * Whether the sender may still send: a member not disabled, an API key not revoked (as the last approval checks,
 * approvals/run.ts). Permissions are not re-read: they were checked when the message was written.
 */
async function senderActive(tx: DbOrTx, m: { senderKind: string; senderId: string }): Promise<boolean> {
  if (m.senderKind === 'api-key') {
    const [key] = await tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, m.senderId));
    return !!key && key.revokedAt === null;
  }
  const [author] = await tx.select({ disabled: members.disabled }).from(members).where(eq(members.id, m.senderId));
  return !!author && !author.disabled;
}

/**
 * Delivers one due message, if this caller is the one to claim it. The claim is a conditional `UPDATE … RETURNING`
 * (still `scheduled`, not deleted, due) inside the transaction that delivers: two processes that both found it due
 * are serialised on the row, and the second matches nothing, so a message is delivered once. A crash before the
 * commit leaves it `scheduled` for the next run.
 */
export async function deliverIfClaimed(db: Db, id: string, at: number): Promise<'delivered' | 'cancelled' | null> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(messages)
      .set({ updatedAt: at })
      .where(
        and(
          eq(messages.id, id),
          eq(messages.status, 'scheduled'),
          isNull(messages.deletedAt),
          lte(messages.scheduledAt, at),
        ),
      )
      .returning({
        senderKind: messages.senderKind,
        senderId: messages.senderId,
        subject: messages.subject,
        scheduledAt: messages.scheduledAt,
        forwardOf: messages.forwardOf,
      });
    if (!claimed) return null;
    // The sender's Sent row says "Scheduled" until told (a member's stream; an API key has none).
    const tellSender = () =>
      claimed.senderKind === 'member'
        ? publishEvent(tx, [{ kind: 'member', id: claimed.senderId }], 'message.updated', { messageId: id })
        : undefined;
    if (await forwardedOriginalGone(tx, claimed.forwardOf, at)) {
      await withdrawForward(tx, id, claimed.subject, at);
      await tellSender();
      return 'cancelled';
    }
    if (!(await senderActive(tx, claimed))) {
      await tx.update(messages).set({ status: 'withdrawn' }).where(eq(messages.id, id));
      await recordAudit(
        tx,
        { kind: 'system' },
        {
          action: 'message.schedule.cancel',
          targetType: 'message',
          targetId: id,
          before: { subject: claimed.subject, scheduledAt: claimed.scheduledAt },
          after: { reason: 'the sender may no longer send' },
        },
      );
      return 'cancelled';
    }
    const { delivered } = await deliverStoredMessage(tx, id, at);
    await recordAudit(
      tx,
      { kind: 'system' },
      {
        action: 'message.schedule.deliver',
        targetType: 'message',
        targetId: id,
        after: { subject: claimed.subject, scheduledAt: claimed.scheduledAt, recipientCount: delivered },
      },
    );
    await tellSender();
    return 'delivered';
  });
}

/**
 * One worker run (every process, `main.ts`): delivers every scheduled message due at `at`, oldest time first, each in
 * its own transaction. A message whose delivery fails is logged and left `scheduled`; the next run tries again.
 * Returns how many this caller delivered (messages another process claimed first count nowhere).
 */
export async function deliverDueMessages(db: Db, at = now(), logger?: Logger): Promise<number> {
  let delivered = 0;
  const failed = new Set<string>();
  for (;;) {
    const due = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.status, 'scheduled'), isNull(messages.deletedAt), lte(messages.scheduledAt, at)))
      .orderBy(asc(messages.scheduledAt), asc(messages.id))
      .limit(DUE_BATCH + failed.size);
    const todo = due.filter((d) => !failed.has(d.id));
    for (const { id } of todo) {
      try {
        if ((await deliverIfClaimed(db, id, at)) === 'delivered') delivered++;
      } catch (err) {
        failed.add(id);
        logger?.error({ err, messageId: id }, 'delivering a scheduled message failed');
      }
    }
    if (todo.length < DUE_BATCH) return delivered;
  }
}
