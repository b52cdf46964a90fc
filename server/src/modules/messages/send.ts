import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { attachmentsOf, claimAttachments, type AttachmentInfo } from '../attachments/service.js';
import { matchFlow } from '../approvals/match.js';
import { openRequest } from '../approvals/run.js';
import { recordAudit } from '../audit/service.js';
import { publishToMailboxes } from '../live/service.js';
import { notifyDelivered } from '../notify/outbox.js';
import { members } from '../org/schema.js';
import { messagingSettings, type MessagingSettings } from '../settings/service.js';
import { contentHidden, messageAccess, senderAccess, type MessageAccess, type MessageRow } from './access.js';
import { previewOf, type RichDoc } from './content/index.js';
import { checkedBody, type BodyMention } from './body.js';
import { assertInlineImages, renameImages } from './inline-images.js';
import { deliverMessage, sentAtInsert } from './deliver.js';
import { indexMessage } from '../mailbox/search-index.js';
import { actAsMember } from '../apps/on-behalf.js';
import { conversationReplied } from '../conversations/service.js';
import {
  checkAudience,
  countAudience,
  deliverToThread,
  requireSendPermission,
  threadHasContacts,
  unreachedMembers,
  type AudienceInput,
} from './recipients.js';
import { messages, type MessageKind, type Priority } from './schema.js';
import { sendConfig } from './send-config.js';
import { draftDeleted } from './drafts.js';
import { deleteDraft, flagMentions, insertAudience, insertMessage, newMessageRow } from './send-sql.js';
import { scheduleErrors } from './schedule-rules.js';
import { messageViews, toMessageViews, type AudienceRow, type MessageView } from './view.js';
import { replayed, requestHash, withKeyRetry } from './idempotency.js';

export type SendInput = {
  kind: MessageKind;
  priority?: Priority | undefined;
  subject: string;
  body: RichDoc;
  audience: AudienceInput[];
  attachmentIds?: string[] | undefined;
  receiptRequired?: boolean | undefined;
  expiresInMinutes?: number | null | undefined;
  expiresAt?: number | null | undefined;
  dueAt?: number | null | undefined;
  draftId?: string | null | undefined;
  /** Issue 20 #1: deliver at this time (epoch ms) instead of now, after any approval. */
  scheduledAt?: number | null | undefined;
};
export type ReplyInput = { body: RichDoc; attachmentIds?: string[] | undefined };
/**
 * Issue 19 #3: something the sender should know that did not stop the send — a mentioned member who is not a
 * recipient (and so is not told). A replay answers none.
 */
export type SendWarning = { code: 'mention-not-recipient'; memberId: string; name: string };
export type SendResult = { message: MessageView; replayed: boolean; warnings?: SendWarning[] };
/**
 * Issue 20 #4 (forward.ts): files a forward brings along. `attach` runs in the sending transaction after the sender's
 * own uploads are claimed (`claimed`), and answers the files it added to the new message.
 */
export type SendExtraFiles = {
  attachmentCount: number;
  attach: (tx: DbOrTx, messageId: string, claimed: AttachmentInfo[]) => Promise<AttachmentInfo[]>;
  /** Filled by `attach` when the files got new ids (a forward's shared copies): the body's images follow them. */
  renamed?: Map<string, string>;
  /**
   * What an `Idempotency-Key` compares, when it is not the input: the caller's request as sent. A forward's input has
   * times made absolute from the request's time, so a retry's never matched (review of issue 15).
   */
  request?: unknown;
};

const MAX_SUBJECT = 200;

/** A message as its sender sees it when a send is replayed, or after it entered an approval flow: read back. */
export async function senderView(db: DbOrTx, actor: Actor, id: string): Promise<MessageView> {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  const settings = await messagingSettings(db);
  const [view] = await messageViews(db, actor, [access], { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  return view!;
}

/** What a send has just written, kept in memory: its sender's view is made from it, not read back (issue 15). */
type Written = { row: MessageRow; audience: AudienceRow[]; files: AttachmentInfo[]; settings: MessagingSettings };

/** The view `senderView` would read, from what the send wrote (its sender never has a mailbox entry of it). */
async function writtenView(db: DbOrTx, actor: Actor, w: Written): Promise<MessageView> {
  const access = await senderAccess(db, actor, w.row);
  const id = w.row.id;
  const name = actor.kind === 'api-key' ? actor.name : actor.subject.name;
  const byId = (a: AudienceRow, b: AudienceRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const [view] = toMessageViews(
    actor,
    [access],
    {
      names: new Map([[w.row.senderId, name]]),
      audience: new Map([[id, [...w.audience].sort(byId)]]),
      // Claimed in the order given; the view lists files in upload order, as read elsewhere.
      files: w.files.length ? await attachmentsOf(db, [id]) : new Map(),
      tagIds: new Map(),
      firsts: new Map(),
    },
    { recallWindowMs: w.settings.recallWindowMinutes * 60_000 },
  );
  return view!;
}

function checkTimes(input: SendInput, t: number): void {
  const errors: FieldError[] = [];
  if (input.expiresInMinutes != null && input.expiresAt != null) {
    errors.push({ path: 'expiresAt', code: 'invalid-value', message: 'Give expiresInMinutes or expiresAt, not both' });
  }
  if (input.expiresAt != null && input.expiresAt <= t)
    errors.push({ path: 'expiresAt', code: 'too-small', message: 'Must be in the future' });
  if (input.dueAt != null && input.dueAt <= t)
    errors.push({ path: 'dueAt', code: 'too-small', message: 'Must be in the future' });
  if (input.scheduledAt != null) errors.push(...scheduleErrors(input.scheduledAt, t, input));
  if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
}

const NOBODY = 'These recipients reach nobody (no active members, or only yourself).';

/** Sends a new message (R6–R10): checks, stores, resolves recipients and delivers, all in one transaction. */
export async function sendMessage(
  db: Db,
  caller: Actor,
  request: SendInput & { onBehalfOf?: string | undefined },
  key: string | undefined,
  info: RequestInfo,
  extraFiles?: SendExtraFiles,
): Promise<SendResult> {
  const { onBehalfOf, ...input } = request;
  if (caller.kind === 'contact')
    throw new Problem(
      'forbidden',
      'Messages are sent by members and API keys; contacts reply to conversations they are in.',
    );
  // An API key sends as itself, or, if a super admin allowed it, as a member it names (with that member's rights).
  const delegated = onBehalfOf !== undefined ? await actAsMember(db, caller, onBehalfOf) : null;
  const actor = delegated?.member ?? caller;
  // On behalf of someone, both must be allowed to send this kind: the key's own permissions bound the delegation.
  if (delegated) requireSendPermission(delegated.key, input.kind);
  requireSendPermission(actor, input.kind);
  const senderId = actorId(actor);
  // Only a keyed request is ever compared with another (R10).
  const hash = key ? requestHash(extraFiles?.request ?? input) : '';
  const t = now();
  const subject = input.subject.trim().slice(0, MAX_SUBJECT);
  const priority: Priority = input.kind === 'urgent' ? 'urgent' : (input.priority ?? 'normal');

  const outcome = await withKeyRetry(db, senderId, key, hash, () =>
    db.transaction(async (tx): Promise<Outcome> => {
      const prior = await replayed(tx, senderId, key, hash);
      if (prior) return { id: prior.id, replayed: true };
      // After the key's earlier use is looked for: a retry of a message already sent answers it, however late the
      // retry comes (review of issue 15: a schedule time since passed refused it).
      checkTimes(input, t);
      const { config, senderDepartmentId } = await sendConfig(tx, actor.kind === 'member' ? senderId : null);
      const body = await checkedBody(tx, input.body, config.messaging, actor);
      const audience = await checkAudience(tx, input.kind, input.audience);
      const counts = await countAudience(tx, input.kind, audience, senderId);
      const id = newId();
      const expiresInMs = input.expiresInMinutes != null ? input.expiresInMinutes * 60_000 : null;
      const expiresAt = expiresInMs !== null ? t + expiresInMs : (input.expiresAt ?? null);
      // Approval flows (R5) decide here whether the message waits as `pending-approval`: then nobody receives it yet.
      const flow = await matchFlow(
        tx,
        {
          kind: input.kind,
          priority,
          senderDepartmentId,
          audience,
          recipientTotal: counts.total,
          attachmentCount: (input.attachmentIds?.length ?? 0) + (extraFiles?.attachmentCount ?? 0),
        },
        config.flows,
      );
      const scheduledAt = input.scheduledAt ?? null;
      if ((flow || scheduledAt !== null) && counts.total === 0) throw new Problem('no-recipients', NOBODY);
      // Issue 20 #1: a scheduled message without a flow waits as `scheduled` (the worker delivers it); with a flow it
      // waits for approval first, and the last approval schedules it (deliver.ts `deliverOrSchedule`).
      const waits = flow !== null || scheduledAt !== null;
      // Stored as not yet sent, unless it goes straight to people counted already (`sentAtInsert`): a direct send is
      // delivered (and marked sent) below, in this transaction.
      const sent = !waits && sentAtInsert(audience);
      const row = newMessageRow({
        id,
        threadId: id,
        parentId: null,
        senderKind: actor.kind === 'api-key' ? 'api-key' : 'member',
        senderId,
        senderDepartmentId,
        kind: input.kind,
        priority,
        subject,
        body: body.doc,
        bodyText: body.text,
        preview: previewOf(body.text),
        links: body.links,
        receiptRequired: input.receiptRequired ?? false,
        expiresInMs,
        expiresAt: waits && expiresInMs !== null ? null : expiresAt,
        dueAt: input.dueAt ?? null,
        status: sent ? 'sent' : flow || scheduledAt === null ? 'pending-approval' : 'scheduled',
        recipientCount: sent ? counts.total : 0,
        deliveredAt: sent ? t : null,
        idempotencyKey: key ?? null,
        requestHash: key ? hash : null,
        createdAt: t,
        updatedAt: t,
        scheduledAt,
        forwardOf: null,
      });
      await insertMessage(tx, row);
      const audienceRows: AudienceRow[] = audience.map((a, i) => ({
        id: newId(),
        messageId: id,
        ...a,
        resolvedCount: counts.counts[i] ?? 0,
      }));
      await insertAudience(tx, audienceRows);
      const files = await claimAttachments(tx, actor, input.attachmentIds ?? [], id);
      if (extraFiles) files.push(...(await extraFiles.attach(tx, id, files)));
      let images = body.images;
      const renamed = extraFiles?.renamed;
      if (renamed?.size && images.some((i) => renamed.has(i))) {
        images = images.map((i) => renamed.get(i) ?? i);
        row.body = renameImages(body.doc, renamed);
        await tx.update(messages).set({ body: row.body }).where(eq(messages.id, id));
      }
      await assertInlineImages(tx, id, images);
      // Issue 20 #2: a sent draft leaves the sender's Drafts views.
      if (input.draftId && (await deleteDraft(tx, input.draftId, senderId)))
        await draftDeleted(tx, senderId, input.draftId);
      // The key is on the record whether the message is delivered now or waits for approval.
      if (delegated) {
        await recordAudit(tx, delegated.key, {
          action: 'api-key.send-on-behalf',
          targetType: 'message',
          targetId: id,
          after: { onBehalfOf: senderId, subject },
          ...info,
        });
      }
      if (flow) {
        await recordAudit(tx, actor, {
          action: 'message.send',
          targetType: 'message',
          targetId: id,
          after: {
            kind: input.kind,
            priority,
            subject,
            audience,
            status: 'pending-approval',
            recipientCount: counts.total,
            attachments: files.map((f) => f.name),
            receiptRequired: input.receiptRequired ?? false,
            expiresAt: input.expiresAt ?? null,
            expiresInMs,
            dueAt: input.dueAt ?? null,
            ...(scheduledAt !== null ? { scheduledAt } : {}),
          },
          ...info,
        });
        // Approval may even deliver it at once (every step skipped): its state is read back afterwards.
        await openRequest(tx, actor, id, senderId, flow, info);
        const ids = body.mentions.map((m) => m.id);
        const unreached = new Set(await unreachedMembers(tx, input.kind, audience, senderId, ids));
        return { id, replayed: false, warnings: mentionWarnings(body.mentions, (m) => unreached.has(m), senderId) };
      }
      if (scheduledAt !== null) {
        await recordAudit(tx, actor, {
          action: 'message.schedule',
          targetType: 'message',
          targetId: id,
          after: {
            kind: input.kind,
            priority,
            subject,
            audience,
            scheduledAt,
            recipientCount: counts.total,
            attachments: files.map((f) => f.name),
          },
          ...info,
        });
        // Mentions are flagged at delivery (deliverStoredMessage reads them from the body); warn of the unreached now.
        const ids = body.mentions.map((m) => m.id);
        const unreached = new Set(await unreachedMembers(tx, input.kind, audience, senderId, ids));
        return { id, replayed: false, warnings: mentionWarnings(body.mentions, (m) => unreached.has(m), senderId) };
      }
      const delivered = await deliverMessage(
        tx,
        { ...row, audience, hasAttachments: files.length > 0, mentionIds: body.mentions.map((m) => m.id) },
        t,
        config.notify,
      );
      if (delivered.delivered === 0) throw new Problem('no-recipients', NOBODY);
      Object.assign(row, {
        status: 'sent',
        deliveredAt: t,
        expiresAt: delivered.expiresAt,
        recipientCount: delivered.delivered,
        updatedAt: t,
      });
      await recordAudit(tx, actor, {
        action: 'message.send',
        targetType: 'message',
        targetId: id,
        after: {
          kind: input.kind,
          priority,
          subject,
          audience,
          recipientCount: delivered.delivered,
          attachments: files.map((f) => f.name),
          receiptRequired: input.receiptRequired ?? false,
          expiresAt: delivered.expiresAt,
          dueAt: input.dueAt ?? null,
        },
        ...info,
      });
      return {
        id,
        replayed: false,
        written: { row, audience: audienceRows, files, settings: config.messaging },
        warnings: mentionWarnings(body.mentions, (m) => !delivered.mentioned.has(m), senderId),
      };
    }),
  );
  const written = 'written' in outcome ? outcome.written : undefined;
  const message = written ? await writtenView(db, actor, written) : await senderView(db, actor, outcome.id);
  return { message, replayed: outcome.replayed, ...('warnings' in outcome ? { warnings: outcome.warnings } : {}) };
}

type Outcome = { id: string; replayed: boolean; written?: Written; warnings?: SendWarning[] };

/** Issue 19 #3: a warning for each mentioned member `missed` names, but the sender (who never gets a copy). */
const mentionWarnings = (mentions: BodyMention[], missed: (id: string) => boolean, senderId: string): SendWarning[] =>
  mentions
    .filter((m) => m.id !== senderId && missed(m.id))
    .map((m) => ({ code: 'mention-not-recipient', memberId: m.id, name: m.name }));

/** A participant's reply (threads, S5–S7): to everyone in the thread but the replier, without approval. */
export async function replyToMessage(
  db: Db,
  actor: Actor,
  messageId: string,
  input: ReplyInput,
  key: string | undefined,
  info: RequestInfo,
): Promise<SendResult> {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'Replies come from members or contacts.');
  const senderId = actorId(actor);
  const access = await messageAccess(db, actor, messageId);
  // Issue 19 item 5: who works a customer conversation answers it without a copy (messages/access.ts `worker`).
  if (!access || (!access.sender && !access.entry && !access.worker)) throw new Problem('not-found');
  assertReplyable(access);
  const root = access.message;
  const first = await assertThreadOpen(db, root.threadId);
  // A system's message (an API key sending as itself) has nobody to answer a reply: say so, rather than deliver to no
  // one.
  if (first.senderKind === 'api-key')
    throw new Problem('forbidden', 'This message was sent by a system and cannot be answered here.', {
      reason: 'sender-cannot-receive',
    });
  if (
    actor.kind === 'member' &&
    !hasPermission(actor, 'message.send.external') &&
    (await threadHasContacts(db, root.threadId))
  ) {
    throw new Problem(
      'forbidden',
      'This conversation includes external contacts: replying needs the "message.send.external" permission.',
    );
  }
  const hash = key ? requestHash({ messageId, ...input }) : '';
  const t = now();
  const outcome = await withKeyRetry(db, senderId, key, hash, () =>
    db.transaction(async (tx) => {
      const prior = await replayed(tx, senderId, key, hash);
      if (prior) return { id: prior.id, replayed: true };
      const body = await checkedBody(tx, input.body, undefined, actor);
      const [sender] =
        actor.kind === 'member'
          ? await tx.select({ departmentId: members.departmentId }).from(members).where(eq(members.id, senderId))
          : [];
      const id = newId();
      const subject = `Re: ${first.subject}`.slice(0, MAX_SUBJECT);
      await tx.insert(messages).values({
        id,
        threadId: root.threadId,
        parentId: root.id,
        senderKind: actor.kind,
        senderId,
        senderDepartmentId: sender?.departmentId ?? null,
        kind: root.kind,
        priority: 'normal',
        subject,
        body: body.doc,
        bodyText: body.text,
        preview: previewOf(body.text),
        links: body.links,
        status: 'sent',
        deliveredAt: t,
        idempotencyKey: key ?? null,
        requestHash: key ? hash : null,
        createdAt: t,
        updatedAt: t,
      });
      const files = await claimAttachments(tx, actor, input.attachmentIds ?? [], id);
      await assertInlineImages(tx, id, body.images);
      const delivered = await deliverToThread(tx, root.threadId, senderId, {
        messageId: id,
        threadId: root.threadId,
        senderId,
        priority: 'normal',
        deliveredAt: t,
        expiresAt: null,
        receiptRequired: false,
        hasAttachments: files.length > 0,
      });
      await tx.update(messages).set({ recipientCount: delivered }).where(eq(messages.id, id));
      await flagMentions(
        tx,
        id,
        body.mentions.map((m) => m.id),
      );
      await indexMessage(tx, id);
      await recordAudit(tx, actor, {
        action: 'message.reply',
        targetType: 'message',
        targetId: id,
        after: {
          threadId: root.threadId,
          parentId: root.id,
          recipientCount: delivered,
          attachments: files.map((f) => f.name),
        },
        ...info,
      });
      await publishToMailboxes(tx, id, 'message.received', {
        messageId: id,
        threadId: root.threadId,
        priority: 'normal',
      });
      await notifyDelivered(tx, { id, priority: 'normal', receiptRequired: false }, t);
      // Issue 19 #5: a reply in a customer conversation moves its status (staff → waiting, customer → open).
      await conversationReplied(tx, actor, root.threadId, info);
      return { id, replayed: false };
    }),
  );
  return { message: await senderView(db, actor, outcome.id), replayed: outcome.replayed };
}

function assertReplyable(access: MessageAccess): void {
  const m = access.message;
  if (m.recalledAt !== null) throw new Problem('message-recalled', 'A recalled message cannot be answered.');
  if (m.status !== 'sent' || m.deletedAt !== null || contentHidden(access))
    throw new Problem('conflict', 'This message can no longer be answered.');
}

/**
 * A conversation whose first message was recalled, deleted or has expired is closed: no reply may revive its subject.
 */
async function assertThreadOpen(db: DbOrTx, threadId: string): Promise<MessageRow> {
  const [first] = await db.select().from(messages).where(eq(messages.id, threadId));
  if (!first) throw new Problem('not-found');
  if (first.recalledAt !== null)
    throw new Problem('message-recalled', "The conversation's first message was recalled.");
  if (first.deletedAt !== null || (first.expiresAt !== null && first.expiresAt <= now()))
    throw new Problem('conflict', 'This conversation is closed.');
  return first;
}
