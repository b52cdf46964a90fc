import { endForDeletedMessage } from '../approvals/run.js';
import { approvalRequests } from '../approvals/schema.js';
import { indexMessage, unindexMessage } from '../mailbox/search-index.js';
import { unpublishMessage } from '../knowledge/lifecycle.js';
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishToMailboxes } from '../live/service.js';
import { stopNotifications } from '../notify/outbox.js';
import { messagingSettings, messagingSettingsForViews } from '../settings/service.js';
import { messageAccess, type MessageAccess } from './access.js';
import { previewOf, type RichDoc } from './content/index.js';
import { checkedBody } from './body.js';
import { assertInlineImages } from './inline-images.js';
import { messageRevisions, messages } from './schema.js';
import { messageViews, type MessageView } from './view.js';

/** Edit, recall and delete (R4): the sender, or `message.manage` reaching the sender's department. */
async function managed(db: DbOrTx, actor: Actor, id: string): Promise<MessageAccess> {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  if (!access.sender && !access.manager) {
    throw new Problem(
      access.viewer || access.entry || access.approver ? 'forbidden' : 'not-found',
      'Only the sender, or someone with "message.manage" over the sender\'s department, may change this message.',
    );
  }
  if (access.message.deletedAt !== null) throw new Problem('not-found', 'This message was deleted.');
  return access;
}

export async function viewOne(db: DbOrTx, actor: Actor, id: string): Promise<MessageView> {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  const settings = await messagingSettingsForViews(db);
  const [view] = await messageViews(db, actor, [access], { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  return view!;
}

function assertLive(access: MessageAccess): void {
  if (access.message.recalledAt !== null) throw new Problem('message-recalled', 'This message was recalled.');
  if (access.message.status !== 'sent')
    throw new Problem('conflict', `A message that is ${access.message.status} cannot be changed this way.`);
}

export async function editMessage(
  db: Db,
  actor: Actor,
  id: string,
  patch: { subject?: string | undefined; body?: RichDoc | undefined },
  info: RequestInfo,
): Promise<MessageView> {
  await db.transaction(async (tx) => {
    const access = await managed(tx, actor, id);
    // A rejected message is edited by its sender before resubmitting it (R5); nobody has received it.
    const rejected = access.message.status === 'rejected' && access.sender;
    // Issue 20 #1: a scheduled message is changed until it is delivered; nobody has received it yet.
    const scheduled = access.message.status === 'scheduled';
    if (!rejected && !scheduled) assertLive(access);
    // What approvers approved is what goes out (review): an approved, scheduled message is not changed before delivery.
    if (scheduled) {
      const [approved] = await tx
        .select({ id: approvalRequests.id })
        .from(approvalRequests)
        .where(eq(approvalRequests.messageId, id));
      if (approved)
        throw new Problem(
          'conflict',
          'An approved message cannot be changed before it is sent: cancel it and send again.',
          {
            reason: 'approved',
          },
        );
    }
    const m = access.message;
    const subject = patch.subject?.trim() ?? m.subject;
    let body = m.body as RichDoc,
      text = m.bodyText,
      links = m.links;
    if (patch.body) {
      const checked = await checkedBody(tx, patch.body);
      // Issue 20 #9: an edit may show this message's own images only (an edit adds no files).
      await assertInlineImages(tx, id, checked.images);
      body = checked.doc;
      text = checked.text;
      links = checked.links;
    }
    if (subject === m.subject && JSON.stringify(body) === JSON.stringify(m.body)) return;
    const t = now();
    await tx.insert(messageRevisions).values({
      id: newId(),
      messageId: id,
      revision: m.revision,
      subject: m.subject,
      body: m.body,
      bodyText: m.bodyText,
      replacedBy: actorId(actor),
      createdAt: m.editedAt ?? m.createdAt,
    });
    await tx
      .update(messages)
      .set({
        subject,
        body,
        bodyText: text,
        preview: previewOf(text),
        links,
        revision: m.revision + 1,
        editedAt: t,
        updatedAt: t,
      })
      .where(eq(messages.id, id));
    if (m.expirySweptAt === null && !rejected && !scheduled) await indexMessage(tx, id);
    await recordAudit(tx, actor, {
      action: 'message.edit',
      targetType: 'message',
      targetId: id,
      before: { revision: m.revision, subject: m.subject, bodyText: m.bodyText },
      after: {
        revision: m.revision + 1,
        subject,
        bodyText: text,
        ...(scheduled ? { scheduledAt: m.scheduledAt } : {}),
      },
      ...info,
    });
    await publishToMailboxes(tx, id, 'message.updated', {
      messageId: id,
      threadId: m.threadId,
      revision: m.revision + 1,
    });
  });
  return viewOne(db, actor, id);
}

/** Every version, oldest first, the current one last (sender and overseers). */
export async function revisionsOf(db: DbOrTx, actor: Actor, id: string) {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  if (!access.sender && !access.viewer && !access.manager)
    throw new Problem('forbidden', 'Revision history is for the sender and those who may view data.');
  const m = access.message;
  const rows = await db
    .select()
    .from(messageRevisions)
    .where(eq(messageRevisions.messageId, id))
    .orderBy(asc(messageRevisions.revision));
  const items = rows.map((r) => ({ revision: r.revision, subject: r.subject, body: r.body, createdAt: r.createdAt }));
  items.push({ revision: m.revision, subject: m.subject, body: m.body, createdAt: m.editedAt ?? m.createdAt });
  return { items };
}

export async function recallMessage(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<MessageView> {
  await db.transaction(async (tx) => {
    const access = await managed(tx, actor, id);
    assertLive(access);
    const m = access.message;
    const settings = await messagingSettings(tx);
    const t = now();
    if (!access.manager && m.deliveredAt !== null && t - m.deliveredAt > settings.recallWindowMinutes * 60_000) {
      throw new Problem(
        'recall-window-passed',
        `Messages can be recalled within ${settings.recallWindowMinutes} minutes of delivery.`,
      );
    }
    await tx
      .update(messages)
      .set({ recalledAt: t, recalledBy: actorId(actor), updatedAt: t })
      .where(eq(messages.id, id));
    await unindexMessage(tx, id);
    await unpublishMessage(tx, actor, id, 'recalled', info); // issue 19 #7
    await recordAudit(tx, actor, {
      action: 'message.recall',
      targetType: 'message',
      targetId: id,
      before: { subject: m.subject },
      ...info,
    });
    await publishToMailboxes(tx, id, 'message.recalled', { messageId: id, threadId: m.threadId });
    await stopNotifications(tx, [id], 'recalled', t);
  });
  return viewOne(db, actor, id);
}

export async function deleteMessage(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  await db.transaction(async (tx) => {
    const access = await managed(tx, actor, id);
    const m = access.message;
    const t = now();
    // Recipients are told before the row disappears from their view; the record stays for data.view and the trail.
    await publishToMailboxes(tx, id, 'message.deleted', { messageId: id, threadId: m.threadId });
    await tx
      .update(messages)
      .set({ deletedAt: t, deletedBy: actorId(actor), updatedAt: t })
      .where(eq(messages.id, id));
    await unindexMessage(tx, id);
    await unpublishMessage(tx, actor, id, 'deleted', info); // issue 19 #7
    if (m.status !== 'sent') await endForDeletedMessage(tx, actor, id, info);
    await stopNotifications(tx, [id], 'deleted', t);
    await recordAudit(tx, actor, {
      action: 'message.delete',
      targetType: 'message',
      targetId: id,
      before: { subject: m.subject, recipientCount: m.recipientCount },
      ...info,
    });
  });
}
