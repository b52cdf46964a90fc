import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../auth/actor.js';
import { roles } from '../auth/schema.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { departments, members } from '../org/schema.js';
import { approvalFlows, type FlowConditions, type FlowNode, type SelfApproval } from './schema.js';

export type FlowRow = typeof approvalFlows.$inferSelect;
export type FlowInput = {
  name: string;
  enabled?: boolean | undefined;
  conditions: FlowConditions;
  nodes: FlowNode[];
  selfApproval?: SelfApproval | undefined;
};
export type FlowPatch = Partial<FlowInput>;

const audit = (info: RequestInfo) => ({ requestId: info.requestId, ip: info.ip });
const view = (f: FlowRow) => ({
  id: f.id,
  name: f.name,
  position: f.position,
  enabled: f.enabled,
  conditions: f.conditions,
  nodes: f.nodes,
  selfApproval: f.selfApproval,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});
export type FlowView = ReturnType<typeof view>;

/** Flows in the order they are tried. */
export async function listFlows(db: DbOrTx): Promise<FlowView[]> {
  return (await db.select().from(approvalFlows).orderBy(asc(approvalFlows.position), asc(approvalFlows.createdAt))).map(
    view,
  );
}

async function flowRow(db: DbOrTx, id: string): Promise<FlowRow> {
  const [row] = await db.select().from(approvalFlows).where(eq(approvalFlows.id, id));
  if (!row) throw new Problem('not-found', 'No such approval flow.');
  return row;
}

/** What the zod schema cannot know: every member, role and department named exists. */
async function checkReferences(
  db: DbOrTx,
  conditions: FlowConditions | undefined,
  nodes: FlowNode[] | undefined,
): Promise<void> {
  const errors: FieldError[] = [];
  if (conditions?.senderDepartmentId) {
    const [d] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.id, conditions.senderDepartmentId));
    if (!d)
      errors.push({ path: 'conditions.senderDepartmentId', code: 'unknown-department', message: 'No such department' });
  }
  for (const [i, node] of (nodes ?? []).entries()) {
    const memberIds = [
      ...new Set([...(node.approvers.kind === 'members' ? node.approvers.memberIds : []), ...node.cc]),
    ];
    const found = memberIds.length
      ? new Set(
          (await db.select({ id: members.id }).from(members).where(inArray(members.id, memberIds))).map((m) => m.id),
        )
      : new Set<string>();
    if (node.approvers.kind === 'members') {
      node.approvers.memberIds.forEach((id, j) => {
        if (!found.has(id))
          errors.push({
            path: `nodes.${i}.approvers.memberIds.${j}`,
            code: 'unknown-member',
            message: 'No such member',
          });
      });
    }
    node.cc.forEach((id, j) => {
      if (!found.has(id))
        errors.push({ path: `nodes.${i}.cc.${j}`, code: 'unknown-member', message: 'No such member' });
    });
    if (node.approvers.kind === 'role') {
      const [r] = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, node.approvers.roleId));
      if (!r) errors.push({ path: `nodes.${i}.approvers.roleId`, code: 'unknown-role', message: 'No such role' });
    }
  }
  if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
}

/** Every send tries the flows in order: a bounded list keeps that cheap (and reorder takes them all at once). */
export const MAX_FLOWS = 100;

export async function createFlow(db: Db, actor: Actor, input: FlowInput, info: RequestInfo): Promise<FlowView> {
  const t = now();
  const id = newId();
  await db.transaction(async (tx) => {
    await checkReferences(tx, input.conditions, input.nodes);
    const [count] = await tx.select({ n: sql<number>`count(*)` }).from(approvalFlows);
    if (Number(count?.n ?? 0) >= MAX_FLOWS)
      throw new Problem('conflict', `At most ${MAX_FLOWS} approval flows; delete one first.`);
    const [last] = await tx.select({ max: sql<number | null>`max(${approvalFlows.position})` }).from(approvalFlows);
    const row = {
      id,
      name: input.name.trim(),
      position: Number(last?.max ?? -1) + 1,
      enabled: input.enabled ?? true,
      conditions: input.conditions,
      nodes: input.nodes,
      selfApproval: input.selfApproval ?? 'skip',
      createdAt: t,
      updatedAt: t,
    };
    await tx.insert(approvalFlows).values(row);
    await recordAudit(tx, actor, {
      action: 'approval.flow.create',
      targetType: 'approval-flow',
      targetId: id,
      after: view(row),
      ...audit(info),
    });
  });
  return view(await flowRow(db, id));
}

/** Running requests keep their snapshot: the change reaches messages sent from now on. */
export async function updateFlow(
  db: Db,
  actor: Actor,
  id: string,
  patch: FlowPatch,
  info: RequestInfo,
): Promise<FlowView> {
  await db.transaction(async (tx) => {
    const before = await flowRow(tx, id);
    await checkReferences(tx, patch.conditions, patch.nodes);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.conditions !== undefined ? { conditions: patch.conditions } : {}),
      ...(patch.nodes !== undefined ? { nodes: patch.nodes } : {}),
      ...(patch.selfApproval !== undefined ? { selfApproval: patch.selfApproval } : {}),
      updatedAt: now(),
    };
    await tx.update(approvalFlows).set(set).where(eq(approvalFlows.id, id));
    await recordAudit(tx, actor, {
      action: 'approval.flow.update',
      targetType: 'approval-flow',
      targetId: id,
      before: view(before),
      after: view({ ...before, ...set }),
      ...audit(info),
    });
  });
  return view(await flowRow(db, id));
}

export async function deleteFlow(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await flowRow(tx, id);
    await tx.delete(approvalFlows).where(eq(approvalFlows.id, id));
    await recordAudit(tx, actor, {
      action: 'approval.flow.delete',
      targetType: 'approval-flow',
      targetId: id,
      before: view(before),
      ...audit(info),
    });
  });
}

/** `ids` must name every flow exactly once: the order is total. */
export async function reorderFlows(db: Db, actor: Actor, ids: string[], info: RequestInfo): Promise<FlowView[]> {
  await db.transaction(async (tx) => {
    const all = await tx
      .select({ id: approvalFlows.id, position: approvalFlows.position })
      .from(approvalFlows)
      .orderBy(asc(approvalFlows.position));
    const known = new Set(all.map((f) => f.id));
    if (new Set(ids).size !== ids.length || ids.length !== all.length || ids.some((id) => !known.has(id))) {
      throw new Problem('validation', 'Give every flow exactly once.', {
        errors: [{ path: 'ids', code: 'invalid-value', message: 'Must list every flow exactly once' }],
      });
    }
    for (const [position, id] of ids.entries())
      await tx.update(approvalFlows).set({ position }).where(eq(approvalFlows.id, id));
    await recordAudit(tx, actor, {
      action: 'approval.flow.reorder',
      targetType: 'approval-flow',
      before: all.map((f) => f.id),
      after: ids,
      ...audit(info),
    });
  });
  return listFlows(db);
}
