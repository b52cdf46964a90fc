import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import { auditLog } from '../audit/schema.js';
import { contacts } from '../contacts/schema.js';
import { messageAccess, type MessageAccess } from '../messages/access.js';
import { countAudience } from '../messages/recipients.js';
import { messageAudience, messages } from '../messages/schema.js';
import { messageViews } from '../messages/view.js';
import { members } from '../org/schema.js';
import { messagingSettingsForViews } from '../settings/service.js';
import { requestRow, type RequestRow } from './run.js';
import { mayView } from './visibility.js';
import { signaturesOfTasks, type SignatureInfo } from './signature.js';
import { approvalRequests, approvalTasks } from './schema.js';

const memberId = (actor: Actor) => (actor.kind === 'member' ? actor.subject.id : null);

const HISTORY_ACTIONS: Record<string, string> = {
  'approval.submit': 'submit',
  'approval.approve': 'approve',
  'approval.reject': 'reject',
  'approval.resubmit': 'resubmit',
  'approval.withdraw': 'withdraw',
  'approval.stuck': 'stuck',
  'approval.retry': 'retry',
  'approval.skip': 'skip',
  'approval.deliver': 'deliver',
};

type NodeStatus = 'waiting' | 'pending' | 'approved' | 'skipped' | 'rejected' | 'stuck' | 'withdrawn';

/**
 * `Approval` (docs/api.md): the request, the message as recipients will see it, every node of this round, and the
 * history.
 */
export async function approvalView(db: DbOrTx, actor: Actor, req: RequestRow, checked = false) {
  const [message] = await db.select().from(messages).where(eq(messages.id, req.messageId));
  if (!message) throw new Problem('not-found');
  if (!checked && !(await mayView(db, actor, req, message))) throw new Problem('not-found', 'No such approval.');
  // Approvers read an undelivered message as recipients will see it; once it is sent (then maybe recalled or deleted)
  // everyone sees it as their own access allows, like any delivered message.
  const undelivered = message.status !== 'sent' && message.deletedAt === null;
  const access: MessageAccess = (await messageAccess(db, actor, message.id)) ?? {
    message,
    sender: false,
    entry: null,
    viewer: false,
    manager: false,
  };
  const settings = await messagingSettingsForViews(db);
  const [messageView] = await messageViews(db, actor, [{ ...access, approver: access.approver || undelivered }], {
    recallWindowMs: settings.recallWindowMinutes * 60_000,
  });
  const [tasks, audience, trail] = await Promise.all([
    db
      .select()
      .from(approvalTasks)
      .where(and(eq(approvalTasks.requestId, req.id), eq(approvalTasks.round, req.round)))
      .orderBy(asc(approvalTasks.nodeIndex), asc(approvalTasks.createdAt)),
    db.select().from(messageAudience).where(eq(messageAudience.messageId, message.id)).orderBy(asc(messageAudience.id)),
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'approval'), eq(auditLog.targetId, req.id)))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  ]);
  const total =
    message.status === 'sent'
      ? message.recipientCount
      : (
          await countAudience(
            db,
            message.kind,
            audience.map((a) => ({
              kind: a.kind,
              targetId: a.targetId,
              includeSubdepartments: a.includeSubdepartments,
              label: a.label,
            })),
            message.senderId,
            true,
          )
        ).total;
  const signatures = await signaturesOfTasks(
    db,
    tasks.map((t) => t.id),
  );
  const peopleIds = [
    ...new Set([...tasks.map((t) => t.approverId), ...trail.flatMap((h) => (h.actorId ? [h.actorId] : []))]),
  ];
  const names = new Map<string, string>();
  if (peopleIds.length) {
    for (const r of await db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(inArray(members.id, peopleIds)))
      names.set(r.id, r.name);
    for (const r of await db
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(inArray(contacts.id, peopleIds)))
      names.set(r.id, r.name);
  }
  const nodes = req.flow.nodes.map((node, i) => {
    const mine = tasks.filter((t) => t.nodeIndex === i);
    const status: NodeStatus =
      i < req.currentNode
        ? mine.length
          ? 'approved'
          : 'skipped'
        : i > req.currentNode
          ? 'waiting'
          : req.status === 'rejected'
            ? 'rejected'
            : req.status === 'stuck'
              ? 'stuck'
              : req.status === 'withdrawn'
                ? 'withdrawn'
                : 'pending';
    return {
      name: node.name,
      method: node.method,
      signOff: node.signOff === true,
      status,
      approvers: mine.map((t) => ({
        id: t.approverId,
        name: names.get(t.approverId) ?? '',
        decision: t.decision,
        comment: t.comment,
        decidedAt: t.decidedAt,
        signature: signatures.get(t.id) ?? null,
      })),
    };
  });
  const me = memberId(actor);
  const waitingOnMe =
    req.status === 'pending' &&
    tasks.some((t) => t.nodeIndex === req.currentNode && t.approverId === me && t.decision === null);
  const isSender = me === req.senderId;
  return {
    id: req.id,
    status: req.status,
    round: req.round,
    createdAt: req.createdAt,
    updatedAt: req.updatedAt,
    flow: {
      id: req.flowId,
      name: req.flow.name,
      reasons: req.flow.reasons.map((r) =>
        typeof r === 'string' ? { code: 'text' as const, params: { text: r } } : r,
      ),
    },
    message: messageView!,
    recipients: {
      total,
      entries: audience.map((a) => ({ kind: a.kind, targetId: a.targetId, label: a.label, count: a.resolvedCount })),
    },
    nodes,
    history: trail.map((h) => {
      const after = (h.after ?? {}) as {
        round?: number;
        comment?: string | null;
        node?: number;
        reason?: string;
        signature?: SignatureInfo;
      };
      return {
        round: after.round ?? 1,
        at: h.at,
        action: HISTORY_ACTIONS[h.action] ?? h.action,
        comment: after.comment ?? null,
        node: after.node ?? null,
        reason: after.reason ?? null,
        actor: h.actorId ? { id: h.actorId, name: names.get(h.actorId) ?? '' } : null,
        signature: after.signature ?? null,
      };
    }),
    can: {
      decide: waitingOnMe,
      withdraw: isSender && (req.status === 'pending' || req.status === 'stuck' || req.status === 'rejected'),
      resubmit: isSender && req.status === 'rejected',
      retry: req.status === 'stuck' && hasPermission(actor, 'approval.admin'),
    },
  };
}
export type ApprovalView = Awaited<ReturnType<typeof approvalView>>;

export async function viewApproval(db: DbOrTx, actor: Actor, id: string): Promise<ApprovalView> {
  return approvalView(db, actor, await requestRow(db, id));
}

const PAGE = 20;
const encode = (at: number, id: string) => Buffer.from(`${at}:${id}`).toString('base64url');
function decode(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!id || !Number.isFinite(Number(at)))
    throw new Problem('validation', 'Bad cursor.', {
      errors: [{ path: 'cursor', code: 'invalid-value', message: 'Not a cursor from this list' }],
    });
  return { at: Number(at), id };
}
const after = (key: SQL, id: SQL, c: { at: number; id: string } | null) =>
  c ? or(lt(key, c.at), and(eq(key, c.at), lt(id, c.id))) : undefined;

/** `todo`: waiting for my decision; `done`: decided by me; `mine`: my requests. Newest first. */
export async function listApprovals(
  db: DbOrTx,
  actor: Actor,
  q: { tab: 'todo' | 'done' | 'mine'; cursor?: string | undefined },
) {
  const me = memberId(actor);
  if (!me) return { items: [], nextCursor: null };
  const cursor = decode(q.cursor);
  let rows: Array<{ req: RequestRow; at: number }>;
  if (q.tab === 'mine') {
    const found = await db
      .select()
      .from(approvalRequests)
      .where(
        and(
          eq(approvalRequests.senderId, me),
          after(sql`${approvalRequests.createdAt}`, sql`${approvalRequests.id}`, cursor),
        ),
      )
      .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id))
      .limit(PAGE + 1);
    rows = found.map((req) => ({ req, at: req.createdAt }));
  } else if (q.tab === 'todo') {
    const found = await db
      .select({ req: approvalRequests, at: approvalTasks.createdAt })
      .from(approvalTasks)
      .innerJoin(
        approvalRequests,
        and(
          eq(approvalRequests.id, approvalTasks.requestId),
          eq(approvalRequests.round, approvalTasks.round),
          eq(approvalRequests.currentNode, approvalTasks.nodeIndex),
        ),
      )
      // a deleted message waits for nobody
      .innerJoin(messages, and(eq(messages.id, approvalRequests.messageId), isNull(messages.deletedAt)))
      .where(
        and(
          eq(approvalTasks.approverId, me),
          isNull(approvalTasks.decision),
          eq(approvalRequests.status, 'pending'),
          after(sql`${approvalTasks.createdAt}`, sql`${approvalRequests.id}`, cursor),
        ),
      )
      .orderBy(desc(approvalTasks.createdAt), desc(approvalRequests.id))
      .limit(PAGE + 1);
    rows = found;
  } else {
    const last = sql<number>`max(${approvalTasks.decidedAt})`;
    const found = await db
      .select({ req: approvalRequests, at: last })
      .from(approvalTasks)
      .innerJoin(approvalRequests, eq(approvalRequests.id, approvalTasks.requestId))
      .where(and(eq(approvalTasks.approverId, me), isNotNull(approvalTasks.decision)))
      .groupBy(approvalRequests.id)
      .having(after(last, sql`${approvalRequests.id}`, cursor))
      .orderBy(desc(last), desc(approvalRequests.id))
      .limit(PAGE + 1);
    rows = found.map((r) => ({ req: r.req, at: Number(r.at) }));
  }
  const page = rows.slice(0, PAGE);
  const items = [];
  for (const r of page) items.push(await approvalView(db, actor, r.req, true));
  const lastRow = page[page.length - 1];
  return { items, nextCursor: rows.length > PAGE && lastRow ? encode(lastRow.at, lastRow.req.id) : null };
}
