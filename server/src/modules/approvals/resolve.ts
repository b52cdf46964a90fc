import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { roleGrants } from '../auth/schema.js';
import { departments, members } from '../org/schema.js';
import type { ApproverRule, SelfApproval } from './schema.js';
import { dialect } from '../../db/dialect.js';

export type Sender = { id: string; departmentId: string | null };

/** The department ids from the root down to the sender's primary department (empty without one). */
async function senderChain(db: DbOrTx, sender: Sender): Promise<string[]> {
  if (!sender.departmentId) return [];
  const [d] = await db
    .select({ path: departments.path })
    .from(departments)
    .where(eq(departments.id, sender.departmentId));
  return d ? d.path.split('/').filter(Boolean) : [];
}

async function headOf(db: DbOrTx, departmentId: string | undefined): Promise<string[]> {
  if (!departmentId) return [];
  const [d] = await db
    .select({ head: departments.headMemberId })
    .from(departments)
    .where(eq(departments.id, departmentId));
  return d?.head ? [d.head] : [];
}

/** Who a rule names for this sender, before disabled members and self-approval are taken out. */
async function named(db: DbOrTx, rule: ApproverRule, sender: Sender): Promise<string[]> {
  switch (rule.kind) {
    case 'members':
      return rule.memberIds;
    case 'department-head':
      return headOf(db, sender.departmentId ?? undefined);
    case 'department-head-up': {
      // The path lists ancestors root first: `levels` steps up from the sender's own department.
      const chain = await senderChain(db, sender);
      return headOf(db, chain[chain.length - 1 - rule.levels]);
    }
    case 'role': {
      const grants = await db
        .select({ memberId: roleGrants.memberId, departmentId: roleGrants.departmentId })
        .from(roleGrants)
        .where(eq(roleGrants.roleId, rule.roleId));
      if (!rule.inSenderDepartment) return grants.map((g) => g.memberId);
      const chain = new Set(await senderChain(db, sender));
      // A grant reaches the sender's department when it is organisation-wide or limited to it or an ancestor.
      return grants.filter((g) => g.departmentId === null || chain.has(g.departmentId)).map((g) => g.memberId);
    }
  }
}

export type Resolution = { approverIds: string[] } | { skip: true } | { stuck: string };

/**
 * A node's approvers for this sender: active members only. The sender is never their own approver: with
 * `skip` a node the sender alone would approve is skipped, with `forbid` it is stuck. Nobody at all → stuck.
 */
export async function resolveApprovers(
  db: DbOrTx,
  rule: ApproverRule,
  sender: Sender,
  selfApproval: SelfApproval,
): Promise<Resolution> {
  const ids = [...new Set(await named(db, rule, sender))];
  const active = ids.length
    ? (
        await db
          .select({ id: members.id })
          .from(members)
          .where(and(inArray(members.id, ids), eq(members.disabled, false)))
      ).map((m) => m.id)
    : [];
  const others = active.filter((id) => id !== sender.id);
  if (others.length) return { approverIds: others.sort() };
  // Skipped only when the rule names the sender alone: other approvers who are disabled leave the node stuck, never
  // approved by nobody.
  if (ids.length === 1 && ids[0] === sender.id && active.includes(sender.id)) {
    return selfApproval === 'skip'
      ? { skip: true }
      : { stuck: 'the sender is the only approver and self-approval is forbidden' };
  }
  if (active.includes(sender.id)) return { stuck: 'no active approver besides the sender' };
  return { stuck: rule.kind === 'members' || rule.kind === 'role' ? 'no active approver' : 'no department head' };
}

/** Every active member holding `approval.admin` (super admins hold every permission): told when a request is stuck. */
export async function approvalAdmins(db: DbOrTx): Promise<string[]> {
  const rows = await dialect.all<{ id: string }>(
    db,
    sql`
    select m.id from members m where m.disabled = false and (m.is_super_admin = true or exists (
      select 1 from role_grants g join roles r on r.id = g.role_id
      where g.member_id = m.id and g.department_id is null and exists (select 1
        from ${dialect.jsonEach(sql`r.permissions`, 'p')} where p.value = 'approval.admin')))`,
  );
  return rows.map((r) => r.id);
}
