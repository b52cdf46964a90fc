import { apiKeys } from '../apps/schema.js';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { BlobStore } from '../../blob-store/store.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit, type AuditActor } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { messageAccess } from '../messages/access.js';
import { deliverOrSchedule } from '../messages/deliver.js';
import { messages } from '../messages/schema.js';
import { members } from '../org/schema.js';
import { approvalAdmins, resolveApprovers } from './resolve.js';
import { approvalFlows, approvalRequests, approvalTasks, type FlowNode, type FlowSnapshot } from './schema.js';
import {
  discardSignature,
  insertSignature,
  prepareSignature,
  signatureInfo,
  type PreparedSignature,
  type SignatureInput,
} from './signature.js';

export type RequestRow = typeof approvalRequests.$inferSelect;

const requestMeta = (info?: RequestInfo) => (info ? { requestId: info.requestId, ip: info.ip } : {});
const asMembers = (ids: string[]) => [...new Set(ids)].map((id) => ({ kind: 'member' as const, id }));

/** One history line: an `approval.*` audit row on the request (R14); `GET /approvals/{id}` reads them back. */
async function record(
  tx: DbOrTx,
  actor: AuditActor,
  req: RequestRow,
  action: string,
  extra: Record<string, unknown>,
  info?: RequestInfo,
) {
  await recordAudit(tx, actor, {
    action: `approval.${action}`,
    targetType: 'approval',
    targetId: req.id,
    after: { round: req.round, messageId: req.messageId, ...extra },
    ...requestMeta(info),
  });
}

/** Set-once changes of a request: only from the state the caller saw, so two deciders never both move it. */
async function moveRequest(tx: DbOrTx, req: RequestRow, set: Partial<RequestRow>): Promise<void> {
  const result = await tx
    .update(approvalRequests)
    .set({ ...set, updatedAt: now() })
    .where(
      and(
        eq(approvalRequests.id, req.id),
        eq(approvalRequests.status, req.status),
        eq(approvalRequests.round, req.round),
        eq(approvalRequests.currentNode, req.currentNode),
      ),
    )
    .returning({ id: approvalRequests.id });
  if (result.length !== 1) throw new Problem('conflict', 'The approval moved on meanwhile; reload it.');
}

async function senderOf(tx: DbOrTx, req: RequestRow) {
  const [m] = await tx.select({ departmentId: members.departmentId }).from(members).where(eq(members.id, req.senderId));
  return { id: req.senderId, departmentId: m?.departmentId ?? null };
}

/**
 * Makes node `index` of the request's round current (skipping nodes the sender alone would approve); past the last
 * node, approves and delivers the message now. A node that resolves to nobody makes the request stuck: never approved
 * by itself.
 */
async function enterNode(
  tx: DbOrTx,
  actor: AuditActor,
  req: RequestRow,
  index: number,
  info?: RequestInfo,
): Promise<RequestRow> {
  const flow = req.flow;
  const sender = await senderOf(tx, req);
  const [message] = await tx
    .select({ subject: messages.subject, deletedAt: messages.deletedAt })
    .from(messages)
    .where(eq(messages.id, req.messageId));
  if (!message || message.deletedAt !== null) throw new Problem('conflict', 'The message was deleted.');
  const payload = { approvalId: req.id, messageId: req.messageId, subject: message.subject };
  for (let i = index; i < flow.nodes.length; i++) {
    const node = flow.nodes[i]!;
    const resolved = await resolveApprovers(tx, node.approvers, sender, flow.selfApproval);
    if ('skip' in resolved) {
      await record(
        tx,
        actor,
        req,
        'skip',
        { node: i, nodeName: node.name, reason: 'the sender was its only approver' },
        info,
      );
      continue;
    }
    if ('stuck' in resolved) {
      await moveRequest(tx, req, { status: 'stuck', currentNode: i });
      const stuck = { ...req, status: 'stuck' as const, currentNode: i };
      await record(tx, actor, stuck, 'stuck', { node: i, nodeName: node.name, reason: resolved.stuck }, info);
      await publishEvent(tx, asMembers([req.senderId, ...(await approvalAdmins(tx))]), 'approval.stuck', {
        ...payload,
        node: i,
        reason: resolved.stuck,
      });
      return stuck;
    }
    const t = now();
    await tx
      .insert(approvalTasks)
      .values(
        resolved.approverIds.map((approverId) => ({
          id: newId(),
          requestId: req.id,
          round: req.round,
          nodeIndex: i,
          approverId,
          createdAt: t,
        })),
      )
      .onConflictDoNothing();
    await moveRequest(tx, req, { status: 'pending', currentNode: i });
    await publishEvent(tx, asMembers(resolved.approverIds), 'approval.assigned', {
      ...payload,
      node: i,
      nodeName: node.name,
    });
    return { ...req, status: 'pending', currentNode: i };
  }
  // Delivered only for a sender who may still send: one disabled meanwhile leaves it stuck for an admin to see.
  const [author] = await tx.select({ disabled: members.disabled }).from(members).where(eq(members.id, req.senderId));
  // A message an API key sent as itself: delivered while the key is not revoked.
  const [key] = author
    ? []
    : await tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, req.senderId));
  if (author ? author.disabled : !key || key.revokedAt !== null) {
    const reason = 'the sender was disabled before the last approval';
    await moveRequest(tx, req, { status: 'stuck', currentNode: flow.nodes.length });
    const stuck = { ...req, status: 'stuck' as const, currentNode: flow.nodes.length };
    await record(tx, actor, stuck, 'stuck', { node: flow.nodes.length, reason }, info);
    await publishEvent(tx, asMembers(await approvalAdmins(tx)), 'approval.stuck', {
      ...payload,
      node: flow.nodes.length,
      reason,
    });
    return stuck;
  }
  await moveRequest(tx, req, { status: 'approved', currentNode: flow.nodes.length });
  const approved = { ...req, status: 'approved' as const, currentNode: flow.nodes.length };
  // Issue 20 #1: a message scheduled for later waits for its time once approved (`scheduledAt` in the history).
  const { delivered, scheduledAt } = await deliverOrSchedule(tx, req.messageId, now());
  await record(
    tx,
    actor,
    approved,
    'deliver',
    { recipientCount: delivered, ...(scheduledAt ? { scheduledAt } : {}) },
    info,
  );
  return approved;
}

/** On send (inside its transaction): opens round 1 and makes the first node current. */
export async function openRequest(
  tx: DbOrTx,
  actor: Actor,
  messageId: string,
  senderId: string,
  flow: FlowSnapshot,
  info: RequestInfo,
): Promise<RequestRow> {
  const t = now();
  const req: RequestRow = {
    id: newId(),
    messageId,
    flowId: flow.id,
    flow,
    senderId,
    round: 1,
    status: 'pending',
    currentNode: 0,
    createdAt: t,
    updatedAt: t,
  };
  await tx.insert(approvalRequests).values(req);
  await record(tx, actor, req, 'submit', { flowId: flow.id, flowName: flow.name, reasons: flow.reasons }, info);
  return enterNode(tx, actor, req, 0, info);
}

export async function requestRow(db: DbOrTx, id: string): Promise<RequestRow> {
  const [req] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  if (!req) throw new Problem('not-found', 'No such approval.');
  return req;
}

export type DecisionInput = {
  decision: 'approve' | 'reject';
  comment?: string | null | undefined;
  /** On a sign-off step (签批): required, with the comment as the opinion (issue 19 item 2). */
  signature?: SignatureInput | undefined;
};

/** The caller's undecided task on the request's current node, or the refusal (403 not an approver, 409 too late). */
async function currentTask(tx: DbOrTx, req: RequestRow, me: string) {
  const mine = await tx
    .select()
    .from(approvalTasks)
    .where(and(eq(approvalTasks.requestId, req.id), eq(approvalTasks.approverId, me)));
  const task = mine.find((t) => t.round === req.round && t.nodeIndex === req.currentNode);
  if (req.status !== 'pending' || !task) {
    if (mine.length) throw new Problem('conflict', 'This approval no longer waits for your decision.');
    throw new Problem('forbidden', 'Only the approvers of the current step may decide.');
  }
  if (task.decision !== null) throw new Problem('conflict', 'You already decided.');
  return task;
}

/** A sign-off step needs an opinion and a signature; any other step takes no signature (issue 19 item 2). */
function checkSignOff(node: FlowNode, comment: string | null, signature: SignatureInput | undefined): void {
  const errors: FieldError[] = [];
  if (node.signOff) {
    if (!comment) errors.push({ path: 'comment', code: 'required', message: 'A sign-off step needs an opinion' });
    if (!signature) errors.push({ path: 'signature', code: 'required', message: 'A sign-off step needs a signature' });
  } else if (signature) {
    errors.push({ path: 'signature', code: 'invalid-value', message: 'This step is not a sign-off step' });
  }
  if (errors.length) throw new Problem('validation', 'Sign off with an opinion and a signature.', { errors });
}

/**
 * One approver's decision on the current node (R5): race-safe, and the last approval delivers in the same transaction.
 * On a sign-off step the signature is checked (and a drawn one's PNG stored) before the transaction, once the caller
 * is known to be an approver of that step; it is written with the decision, or its bytes removed if the decision
 * fails.
 */
export async function decide(
  db: Db,
  actor: Actor,
  id: string,
  input: DecisionInput,
  info: RequestInfo,
  blobs?: BlobStore,
): Promise<RequestRow> {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'Approvals are decided by members.');
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) {
    throw new Problem('validation', 'Say why the message is rejected.', {
      errors: [{ path: 'comment', code: 'required', message: 'Required to reject' }],
    });
  }
  const me = actor.subject.id;
  // Who may sign is settled first: a stranger's signature is refused as a stranger, never stored.
  const seen = await requestRow(db, id);
  await currentTask(db, seen, me);
  checkSignOff(seen.flow.nodes[seen.currentNode]!, comment, input.signature);
  if (input.signature && !blobs) throw new Error('decide: a signature needs the blob store');
  const signature = input.signature ? await prepareSignature(blobs!, input.signature) : null;
  try {
    return await decideNow(db, actor, me, id, { ...input, comment }, info, signature);
  } catch (e) {
    await discardSignature(blobs!, signature);
    throw e;
  }
}

async function decideNow(
  db: Db,
  actor: Actor,
  me: string,
  id: string,
  input: DecisionInput & { comment: string | null },
  info: RequestInfo,
  signature: PreparedSignature | null,
): Promise<RequestRow> {
  const { comment } = input;
  return db.transaction(async (tx) => {
    const req = await requestRow(tx, id);
    const task = await currentTask(tx, req, me);
    // The step may have moved on since the check above: the one now current decides what is needed.
    checkSignOff(req.flow.nodes[req.currentNode]!, comment, signature ? input.signature : undefined);
    const [message] = await tx
      .select({ deletedAt: messages.deletedAt })
      .from(messages)
      .where(eq(messages.id, req.messageId));
    if (!message || message.deletedAt !== null) throw new Problem('conflict', 'The message was deleted.');
    const t = now();
    const decision = input.decision === 'approve' ? ('approved' as const) : ('rejected' as const);
    const marked = await tx
      .update(approvalTasks)
      .set({ decision, comment, decidedAt: t })
      .where(and(eq(approvalTasks.id, task.id), isNull(approvalTasks.decision)))
      .returning({ id: approvalTasks.id });
    if (marked.length !== 1) throw new Problem('conflict', 'You already decided.');
    if (signature) await insertSignature(tx, signature, task);
    // The audit trail names the signature (its id and kind, a typed name), never its bytes.
    const signed = signature ? { signature: signatureInfo(signature) } : {};
    const node = req.flow.nodes[req.currentNode]!;
    let after: RequestRow = req;
    if (decision === 'rejected') {
      await moveRequest(tx, req, { status: 'rejected' });
      after = { ...req, status: 'rejected' };
      await tx.update(messages).set({ status: 'rejected', updatedAt: t }).where(eq(messages.id, req.messageId));
      await record(tx, actor, req, 'reject', { node: req.currentNode, nodeName: node.name, comment, ...signed }, info);
    } else {
      await record(tx, actor, req, 'approve', { node: req.currentNode, nodeName: node.name, comment, ...signed }, info);
      // Approvers disabled since the node began no longer hold it up (a disabled member cannot decide).
      const [open] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(approvalTasks)
        .innerJoin(members, and(eq(members.id, approvalTasks.approverId), eq(members.disabled, false)))
        .where(
          and(
            eq(approvalTasks.requestId, id),
            eq(approvalTasks.round, req.round),
            eq(approvalTasks.nodeIndex, req.currentNode),
            isNull(approvalTasks.decision),
          ),
        );
      // 或签: the first approval decides; 会签: every approver must approve.
      if (node.method === 'any' || Number(open?.n ?? 0) === 0) {
        const next = req.currentNode + 1;
        await moveRequest(tx, req, { currentNode: next });
        if (node.cc.length)
          await publishEvent(tx, asMembers(node.cc), 'approval.cc', {
            approvalId: id,
            messageId: req.messageId,
            node: req.currentNode,
            nodeName: node.name,
          });
        after = await enterNode(tx, actor, { ...req, currentNode: next }, next, info);
      }
    }
    await publishEvent(tx, asMembers([req.senderId]), 'approval.decided', {
      approvalId: id,
      messageId: req.messageId,
      decision,
      comment,
      by: me,
      node: req.currentNode,
      status: after.status,
    });
    return after;
  });
}

async function ownRequest(tx: DbOrTx, actor: Actor, messageId: string): Promise<RequestRow> {
  const [req] = await tx.select().from(approvalRequests).where(eq(approvalRequests.messageId, messageId));
  const [message] = await tx
    .select({ senderId: messages.senderId, deletedAt: messages.deletedAt })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!message || actor.kind !== 'member' || message.senderId !== actor.subject.id) {
    // Only the sender hears about the message at all; others get what an unknown id gets.
    if (message && actor.kind !== 'api-key' && (await messageAccess(tx, actor, messageId)))
      throw new Problem('forbidden', 'Only the sender may do this.');
    throw new Problem('not-found');
  }
  if (message.deletedAt !== null) throw new Problem('conflict', 'The message was deleted.');
  if (!req) throw new Problem('conflict', 'This message is not waiting for approval.');
  return req;
}

/** The sender takes back a pending, stuck or rejected message: nobody ever receives it. */
export async function withdraw(db: Db, actor: Actor, messageId: string, info: RequestInfo): Promise<string> {
  return db.transaction(async (tx) => {
    const req = await ownRequest(tx, actor, messageId);
    if (req.status !== 'pending' && req.status !== 'stuck' && req.status !== 'rejected')
      throw new Problem('conflict', `An approval that is ${req.status} cannot be withdrawn.`);
    await moveRequest(tx, req, { status: 'withdrawn' });
    await tx.update(messages).set({ status: 'withdrawn', updatedAt: now() }).where(eq(messages.id, messageId));
    await record(tx, actor, req, 'withdraw', {}, info);
    const waiting = await tx
      .select({ id: approvalTasks.approverId })
      .from(approvalTasks)
      .where(
        and(
          eq(approvalTasks.requestId, req.id),
          eq(approvalTasks.round, req.round),
          eq(approvalTasks.nodeIndex, req.currentNode),
          isNull(approvalTasks.decision),
        ),
      );
    await publishEvent(tx, asMembers(waiting.map((w) => w.id)), 'approval.withdrawn', {
      approvalId: req.id,
      messageId,
    });
    return req.id;
  });
}

/** After editing a rejected message: round N+1 from the first node, the earlier rounds kept in the history. */
export async function resubmit(db: Db, actor: Actor, messageId: string, info: RequestInfo): Promise<string> {
  return db.transaction(async (tx) => {
    const req = await ownRequest(tx, actor, messageId);
    if (req.status !== 'rejected') throw new Problem('conflict', 'Only a rejected message can be resubmitted.');
    await moveRequest(tx, req, { status: 'pending', round: req.round + 1, currentNode: 0 });
    const next: RequestRow = { ...req, status: 'pending', round: req.round + 1, currentNode: 0 };
    await tx.update(messages).set({ status: 'pending-approval', updatedAt: now() }).where(eq(messages.id, messageId));
    await record(tx, actor, next, 'resubmit', {}, info);
    await enterNode(tx, actor, next, 0, info);
    return req.id;
  });
}

/**
 * `approval.admin`, once the flow or organisation is fixed: a new round from the first node, with the flow as it is
 * now when it still exists (that is the usual fix; the reasons it matched are kept) — never the old node index
 * against edited nodes. Decisions of earlier rounds stay in the history.
 */
export async function retry(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<RequestRow> {
  if (!hasPermission(actor, 'approval.admin'))
    throw new Problem('forbidden', 'This needs the "approval.admin" permission.');
  return db.transaction(async (tx) => {
    const req = await requestRow(tx, id);
    if (req.status !== 'stuck') throw new Problem('conflict', 'Only a stuck approval can be retried.');
    const [live] = await tx.select().from(approvalFlows).where(eq(approvalFlows.id, req.flowId));
    const flow: FlowSnapshot = live
      ? { ...req.flow, name: live.name, nodes: live.nodes, selfApproval: live.selfApproval }
      : req.flow;
    await moveRequest(tx, req, { status: 'pending', flow, round: req.round + 1, currentNode: 0 });
    const next: RequestRow = { ...req, status: 'pending', flow, round: req.round + 1, currentNode: 0 };
    await record(tx, actor, next, 'retry', { node: 0 }, info);
    return enterNode(tx, actor, next, 0, info);
  });
}

/**
 * The sender (or a manager) deleted a message that was waiting: its request ends as withdrawn, so it leaves every
 * queue with a line in its history, and nothing can revive or deliver it.
 */
export async function endForDeletedMessage(
  tx: DbOrTx,
  actor: Actor,
  messageId: string,
  info: RequestInfo,
): Promise<void> {
  const [req] = await tx.select().from(approvalRequests).where(eq(approvalRequests.messageId, messageId));
  if (!req || (req.status !== 'pending' && req.status !== 'stuck' && req.status !== 'rejected')) return;
  await moveRequest(tx, req, { status: 'withdrawn' });
  await record(tx, actor, { ...req, status: 'withdrawn' }, 'withdraw', { reason: 'the message was deleted' }, info);
  const waiting = await tx
    .select({ id: approvalTasks.approverId })
    .from(approvalTasks)
    .where(
      and(
        eq(approvalTasks.requestId, req.id),
        eq(approvalTasks.round, req.round),
        eq(approvalTasks.nodeIndex, req.currentNode),
        isNull(approvalTasks.decision),
      ),
    );
  await publishEvent(tx, asMembers(waiting.map((w) => w.id)), 'approval.withdrawn', { approvalId: req.id, messageId });
}
