import { createHash } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { claimAttachments } from '../attachments/service.js';
import { attachments } from '../attachments/schema.js';
import { matchFlow } from '../approvals/match.js';
import { openRequest } from '../approvals/run.js';
import { recordAudit } from '../audit/service.js';
import { publishToMailboxes } from '../live/service.js';
import { notifyDelivered } from '../notify/outbox.js';
import { members } from '../org/schema.js';
import { messagingSettings } from '../settings/service.js';
import { contentHidden, messageAccess, type MessageAccess, type MessageRow } from './access.js';
import type { RichDoc } from './content/index.js';
import { checkedBody } from './body.js';
import { indexMessage } from '../mailbox/search-index.js';
import { actAsMember } from '../apps/on-behalf.js';
import { checkAudience, countAudience, deliverToAudience, deliverToThread, requireSendPermission, threadHasContacts, type AudienceInput } from './recipients.js';
import { drafts, messageAudience, messages, type MessageKind, type Priority } from './schema.js';
import { messageViews, type MessageView } from './view.js';

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
};
export type ReplyInput = { body: RichDoc; attachmentIds?: string[] | undefined };
export type SendResult = { message: MessageView; replayed: boolean };

const MAX_SUBJECT = 200;

/** A message as its sender sees it right after sending (or replaying). */
async function senderView(db: DbOrTx, actor: Actor, id: string): Promise<MessageView> {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  const settings = await messagingSettings(db);
  const [view] = await messageViews(db, actor, [access], { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  return view!;
}

const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

/**
 * `Idempotency-Key` (R10): inside the writing transaction (writes are serialised, so a concurrent twin sees the
 * first one's row), the same key with the same body answers the first message; with another body it is refused.
 */
async function replayed(tx: DbOrTx, senderId: string, key: string | undefined, hash: string): Promise<MessageRow | null> {
  if (!key) return null;
  const [prior] = await tx.select().from(messages).where(and(eq(messages.senderId, senderId), eq(messages.idempotencyKey, key)));
  if (!prior) return null;
  if (prior.requestHash !== hash) throw new Problem('idempotency-key-reused', 'This Idempotency-Key was already used with a different request; use a new key for a new message.');
  return prior;
}

function checkTimes(input: SendInput, t: number): void {
  const errors: FieldError[] = [];
  if (input.expiresInMinutes != null && input.expiresAt != null) {
    errors.push({ path: 'expiresAt', code: 'invalid-value', message: 'Give expiresInMinutes or expiresAt, not both' });
  }
  if (input.expiresAt != null && input.expiresAt <= t) errors.push({ path: 'expiresAt', code: 'too-small', message: 'Must be in the future' });
  if (input.dueAt != null && input.dueAt <= t) errors.push({ path: 'dueAt', code: 'too-small', message: 'Must be in the future' });
  if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
}

/**
 * Delivery (R6): a mailbox row for each person the audience reaches now, the search index, `message.received` and
 * the outbox's notifications by e-mail, webhook and SMS (R9).
 * At send, or at the final approval (R5): `deliveredAt` is `at`, and an expiry given as a duration counts from it.
 */
export async function deliverMessage(tx: DbOrTx, messageId: string, at: number): Promise<{ delivered: number; expiresAt: number | null }> {
  const [m] = await tx.select().from(messages).where(eq(messages.id, messageId));
  if (!m) throw new Problem('not-found');
  const audience = (await tx.select().from(messageAudience).where(eq(messageAudience.messageId, messageId)))
    .map((a) => ({ kind: a.kind, targetId: a.targetId, includeSubdepartments: a.includeSubdepartments, label: a.label }));
  const [files] = await tx.select({ n: count() }).from(attachments).where(eq(attachments.messageId, messageId));
  const expiresAt = m.expiresInMs !== null ? at + m.expiresInMs : m.expiresAt;
  const delivered = await deliverToAudience(tx, m.kind, audience, m.senderId, {
    messageId, threadId: m.threadId, senderId: m.senderId, priority: m.priority, deliveredAt: at, expiresAt, receiptRequired: m.receiptRequired, hasAttachments: Number(files?.n ?? 0) > 0,
  });
  await tx.update(messages).set({ status: 'sent', deliveredAt: at, expiresAt, recipientCount: delivered, updatedAt: at }).where(eq(messages.id, messageId));
  // A fixed expiry may pass while the message waits for approval: then its content never enters the search index.
  if (expiresAt === null || expiresAt > at) await indexMessage(tx, messageId);
  await publishToMailboxes(tx, messageId, 'message.received', { messageId, threadId: m.threadId, priority: m.priority });
  await notifyDelivered(tx, m, at);
  return { delivered, expiresAt };
}

/** Sends a new message (R6–R10): checks, stores, resolves recipients and delivers, all in one transaction. */
export async function sendMessage(db: Db, caller: Actor, request: SendInput & { onBehalfOf?: string | undefined }, key: string | undefined, info: RequestInfo): Promise<SendResult> {
  const { onBehalfOf, ...input } = request;
  if (caller.kind === 'contact') throw new Problem('forbidden', 'Messages are sent by members and API keys; contacts reply to conversations they are in.');
  // An API key sends as itself, or, if a super admin allowed it, as a member it names (with that member's rights).
  const delegated = onBehalfOf !== undefined ? await actAsMember(db, caller, onBehalfOf) : null;
  const actor = delegated?.member ?? caller;
  // On behalf of someone, both must be allowed to send this kind: the key's own permissions bound the delegation.
  if (delegated) requireSendPermission(delegated.key, input.kind);
  requireSendPermission(actor, input.kind);
  const senderId = actorId(actor);
  const hash = requestHash(input);
  const t = now();
  checkTimes(input, t);
  const subject = input.subject.trim().slice(0, MAX_SUBJECT);
  const priority: Priority = input.kind === 'urgent' ? 'urgent' : input.priority ?? 'normal';

  const outcome = await withKeyRetry(db, senderId, key, hash, () => db.transaction(async (tx) => {
    const prior = await replayed(tx, senderId, key, hash);
    if (prior) return { id: prior.id, replayed: true };
    const body = await checkedBody(tx, input.body);
    const audience = await checkAudience(tx, input.kind, input.audience);
    const counts = await countAudience(tx, input.kind, audience, senderId);
    const [sender] = actor.kind === 'member' ? await tx.select({ departmentId: members.departmentId }).from(members).where(eq(members.id, senderId)) : [];
    const id = newId();
    const expiresInMs = input.expiresInMinutes != null ? input.expiresInMinutes * 60_000 : null;
    const expiresAt = expiresInMs !== null ? t + expiresInMs : input.expiresAt ?? null;
    // Approval flows (R5) decide here whether the message waits as `pending-approval`: then nobody receives it yet.
    const flow = await matchFlow(tx, {
      kind: input.kind, priority, senderDepartmentId: sender?.departmentId ?? null, audience,
      recipientTotal: counts.total, attachmentCount: input.attachmentIds?.length ?? 0,
    });
    if (flow && counts.total === 0) throw new Problem('no-recipients', 'These recipients reach nobody (no active members, or only yourself).');
    await tx.insert(messages).values({
      id, threadId: id, parentId: null, senderKind: actor.kind === 'api-key' ? 'api-key' : 'member', senderId, senderDepartmentId: sender?.departmentId ?? null,
      kind: input.kind, priority, subject, body: body.doc, bodyText: body.text, links: body.links,
      receiptRequired: input.receiptRequired ?? false, expiresInMs, expiresAt: flow && expiresInMs !== null ? null : expiresAt, dueAt: input.dueAt ?? null,
      status: flow ? 'pending-approval' : 'sent', deliveredAt: flow ? null : t, idempotencyKey: key ?? null, requestHash: key ? hash : null, createdAt: t, updatedAt: t,
    });
    await tx.insert(messageAudience).values(audience.map((a, i) => ({ id: newId(), messageId: id, ...a, resolvedCount: counts.counts[i] ?? 0 })));
    const files = await claimAttachments(tx, actor, input.attachmentIds ?? [], id);
    if (input.draftId) await tx.delete(drafts).where(and(eq(drafts.id, input.draftId), eq(drafts.ownerId, senderId)));
    // The key is on the record whether the message is delivered now or waits for approval.
    if (delegated) {
      await recordAudit(tx, delegated.key, { action: 'api-key.send-on-behalf', targetType: 'message', targetId: id, after: { onBehalfOf: senderId, subject }, ...info });
    }
    if (flow) {
      await recordAudit(tx, actor, {
        action: 'message.send', targetType: 'message', targetId: id,
        after: { kind: input.kind, priority, subject, audience, status: 'pending-approval', recipientCount: counts.total, attachments: files.map((f) => f.name), receiptRequired: input.receiptRequired ?? false, expiresAt: input.expiresAt ?? null, expiresInMs, dueAt: input.dueAt ?? null },
        ...info,
      });
      await openRequest(tx, actor, id, senderId, flow, info);
      return { id, replayed: false };
    }
    const delivered = await deliverMessage(tx, id, t);
    if (delivered.delivered === 0) throw new Problem('no-recipients', 'These recipients reach nobody (no active members, or only yourself).');
    await recordAudit(tx, actor, {
      action: 'message.send', targetType: 'message', targetId: id,
      after: { kind: input.kind, priority, subject, audience, recipientCount: delivered.delivered, attachments: files.map((f) => f.name), receiptRequired: input.receiptRequired ?? false, expiresAt, dueAt: input.dueAt ?? null },
      ...info,
    });
    return { id, replayed: false };
  }));
  return { message: await senderView(db, actor, outcome.id), replayed: outcome.replayed };
}

/** A participant's reply (threads, S5–S7): to everyone in the thread but the replier, without approval. */
export async function replyToMessage(db: Db, actor: Actor, messageId: string, input: ReplyInput, key: string | undefined, info: RequestInfo): Promise<SendResult> {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'Replies come from members or contacts.');
  const senderId = actorId(actor);
  const access = await messageAccess(db, actor, messageId);
  if (!access || (!access.sender && !access.entry)) throw new Problem('not-found');
  assertReplyable(access);
  const root = access.message;
  const first = await assertThreadOpen(db, root.threadId);
  // A system's message (an API key sending as itself) has nobody to answer a reply: say so, rather than deliver to no one.
  if (first.senderKind === 'api-key') throw new Problem('forbidden', 'This message was sent by a system and cannot be answered here.', { reason: 'sender-cannot-receive' });
  if (actor.kind === 'member' && !hasPermission(actor, 'message.send.external') && await threadHasContacts(db, root.threadId)) {
    throw new Problem('forbidden', 'This conversation includes external contacts: replying needs the "message.send.external" permission.');
  }
  const hash = requestHash({ messageId, ...input });
  const t = now();
  const outcome = await withKeyRetry(db, senderId, key, hash, () => db.transaction(async (tx) => {
    const prior = await replayed(tx, senderId, key, hash);
    if (prior) return { id: prior.id, replayed: true };
    const body = await checkedBody(tx, input.body);
    const [sender] = actor.kind === 'member' ? await tx.select({ departmentId: members.departmentId }).from(members).where(eq(members.id, senderId)) : [];
    const id = newId();
    const subject = `Re: ${first.subject}`.slice(0, MAX_SUBJECT);
    await tx.insert(messages).values({
      id, threadId: root.threadId, parentId: root.id, senderKind: actor.kind, senderId, senderDepartmentId: sender?.departmentId ?? null,
      kind: root.kind, priority: 'normal', subject, body: body.doc, bodyText: body.text, links: body.links,
      status: 'sent', deliveredAt: t, idempotencyKey: key ?? null, requestHash: key ? hash : null, createdAt: t, updatedAt: t,
    });
    const files = await claimAttachments(tx, actor, input.attachmentIds ?? [], id);
    const delivered = await deliverToThread(tx, root.threadId, senderId, {
      messageId: id, threadId: root.threadId, senderId, priority: 'normal', deliveredAt: t, expiresAt: null, receiptRequired: false, hasAttachments: files.length > 0,
    });
    await tx.update(messages).set({ recipientCount: delivered }).where(eq(messages.id, id));
    await indexMessage(tx, id);
    await recordAudit(tx, actor, { action: 'message.reply', targetType: 'message', targetId: id, after: { threadId: root.threadId, parentId: root.id, recipientCount: delivered, attachments: files.map((f) => f.name) }, ...info });
    await publishToMailboxes(tx, id, 'message.received', { messageId: id, threadId: root.threadId, priority: 'normal' });
    await notifyDelivered(tx, { id, priority: 'normal', receiptRequired: false }, t);
    return { id, replayed: false };
  }));
  return { message: await senderView(db, actor, outcome.id), replayed: outcome.replayed };
}

/** Runs a send; if its twin won the race for the key meanwhile, answers the twin's message instead of an error. */
async function withKeyRetry(db: Db, senderId: string, key: string | undefined, hash: string, run: () => Promise<{ id: string; replayed: boolean }>) {
  try {
    return await run();
  } catch (err) {
    if (!key || !isKeyConflict(err)) throw err;
    const prior = await replayed(db, senderId, key, hash);
    if (!prior) throw err;
    return { id: prior.id, replayed: true };
  }
}

function assertReplyable(access: MessageAccess): void {
  const m = access.message;
  if (m.recalledAt !== null) throw new Problem('message-recalled', 'A recalled message cannot be answered.');
  if (m.status !== 'sent' || m.deletedAt !== null || contentHidden(access)) throw new Problem('conflict', 'This message can no longer be answered.');
}

/** A conversation whose first message was recalled, deleted or has expired is closed: no reply may revive its subject. */
async function assertThreadOpen(db: DbOrTx, threadId: string): Promise<MessageRow> {
  const [first] = await db.select().from(messages).where(eq(messages.id, threadId));
  if (!first) throw new Problem('not-found');
  if (first.recalledAt !== null) throw new Problem('message-recalled', 'The conversation\'s first message was recalled.');
  if (first.deletedAt !== null || (first.expiresAt !== null && first.expiresAt <= now())) throw new Problem('conflict', 'This conversation is closed.');
  return first;
}

/** Whether a failed insert was the twin of a concurrent request with the same Idempotency-Key (a libSQL server does not serialise them for us). */
const isKeyConflict = (err: unknown): boolean => /idempotency_key|messages_idempotency_idx/.test(String((err as { cause?: unknown })?.cause ?? err));
