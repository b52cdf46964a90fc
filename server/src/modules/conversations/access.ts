import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import type { Audience } from '../live/service.js';
import { customerConversations } from './schema.js';

/**
 * Who may work a customer conversation (issue 19 item 5): the contact's owner, a member of the service group it was
 * addressed to (resolved now, as groups are: a department entry counts its members, primary and extra), its assignee,
 * or an org admin. Contacts only ever see their own.
 */
export const seesEveryConversation = (actor: Actor) => actor.kind === 'member' && hasPermission(actor, 'org.admin');

/**
 * The condition on `customer_conversations` for the ones a member works now (null: every one, an org admin): the
 * contact's owner, the service group's members, the assignee. The queue lists these, and the message routes let the
 * same people read and answer their threads (`worksThreads`): one rule for both.
 */
export async function workedBy(db: DbOrTx, actor: Actor & { kind: 'member' }): Promise<SQL | null> {
  if (seesEveryConversation(actor)) return null;
  const me = actor.subject.id;
  const mine = await groupsOfMember(db, me);
  const owned = sql`exists (select 1 from contacts c where c.id = ${customerConversations.contactId}
    and c.owner_member_id = ${me})`;
  const conditions: SQL[] = [owned, eq(customerConversations.assigneeId, me)];
  if (mine.length) conditions.push(inArray(customerConversations.groupId, mine));
  return or(...conditions)!;
}

/**
 * Of these threads, the customer conversations the member works now (review of issue 19 item 5: working one is
 * reading it). Asked by `accessTo` only for messages the caller could not read otherwise; no conversation among
 * them costs one primary-key look-up.
 */
export async function worksThreads(db: DbOrTx, actor: Actor, threadIds: string[]): Promise<Set<string>> {
  if (actor.kind !== 'member' || !threadIds.length) return new Set();
  const ids = [...new Set(threadIds)];
  const found = await db
    .select({ id: customerConversations.id })
    .from(customerConversations)
    .where(inArray(customerConversations.id, ids));
  if (!found.length) return new Set();
  const rule = await workedBy(db, actor);
  const inFound = inArray(
    customerConversations.id,
    found.map((r) => r.id),
  );
  const rows = await db
    .select({ id: customerConversations.id })
    .from(customerConversations)
    .where(rule ? and(inFound, rule) : inFound);
  return new Set(rows.map((r) => r.id));
}

/** The groups a member is in now: picked by name, or through a department entry (its subtree when asked). */
export async function groupsOfMember(db: DbOrTx, memberId: string): Promise<string[]> {
  const rows = await dialect.all<{ id: string }>(
    db,
    sql`
    select ge.group_id as id from group_entries ge where ge.kind = 'member' and ge.target_id = ${memberId}
    union
    select ge.group_id from group_entries ge
      join departments root on root.id = ge.target_id
      join departments d on d.id = root.id or (ge.include_subdepartments = true and d.path like root.path || '%')
    where ge.kind = 'department' and d.id in (
      select department_id from members where id = ${memberId}
      union select department_id from member_departments where member_id = ${memberId})`,
  );
  return rows.map((r) => String(r.id));
}

/** The active members of a group now (the people a conversation to it may be assigned to), by name. */
export async function membersOfGroup(db: DbOrTx, groupId: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await dialect.all<{ id: string; name: string }>(
    db,
    sql`
    select distinct m.id, m.name from members m where m.disabled = false and (
      m.id in (select target_id from group_entries where group_id = ${groupId} and kind = 'member')
      or exists (
        select 1 from group_entries ge join departments root on root.id = ge.target_id
          join departments d on d.id = root.id or (ge.include_subdepartments = true and d.path like root.path || '%')
        where ge.group_id = ${groupId} and ge.kind = 'department' and (d.id = m.department_id
          or d.id in (select department_id from member_departments where member_id = m.id))))
    order by m.name, m.id limit 500`,
  );
  return rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
}

/**
 * Who hears of a conversation's changes live: the contact, everyone holding a message of its thread, and its assignee.
 * Org admins who hold no copy reload the queue to see others' changes.
 */
export async function conversationAudience(
  db: DbOrTx,
  c: { id: string; contactId: string; assigneeId: string | null },
): Promise<Audience[]> {
  const rows = await dialect.all<{ kind: string; id: string }>(
    db,
    sql`select distinct owner_kind as kind, owner_id as id from mailbox
    where thread_id = ${c.id} and owner_kind = 'member'`,
  );
  const seen = new Set<string>();
  const audience: Audience[] = [{ kind: 'contact', id: c.contactId }];
  for (const id of [...rows.map((r) => String(r.id)), ...(c.assigneeId ? [c.assigneeId] : [])]) {
    if (seen.has(id)) continue;
    seen.add(id);
    audience.push({ kind: 'member', id });
  }
  return audience;
}
