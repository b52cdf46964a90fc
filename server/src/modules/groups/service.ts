import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, isOrgAdmin, seesContacts, type Actor } from '../auth/actor.js';
import { inScope, scopeOfAny } from '../auth/scope.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { contacts } from '../contacts/schema.js';
import { afterCursor, page } from '../../lib/keyset.js';
import { matchesWords } from '../../lib/search.js';
import { departments, members } from '../org/schema.js';
import { groupEntries, groups } from './schema.js';
import { dialect } from '../../db/dialect.js';

export type EntryKind = 'member' | 'department' | 'contact';
export type EntryInput = { kind: EntryKind; targetId: string; includeSubdepartments?: boolean | undefined };
export type GroupInput = {
  name: string;
  description?: string | null | undefined;
  endsAt?: number | null | undefined;
  entries: EntryInput[];
};
export type GroupPatch = Partial<GroupInput>;

const mayManage = (actor: Actor) => isOrgAdmin(actor) || hasPermission(actor, 'department.manage');

/** Only members (and API keys) read groups: they are the staff's recipient lists, not a customer's. */
function assertMember(actor: Actor) {
  if (actor.kind === 'contact') throw new Problem('forbidden', 'Groups are for staff.');
}

/**
 * Each group's recipients as (group, member) pairs, de-duplicated, active members only: member entries,
 * and department entries through primary and extra departments (with the subtree when asked).
 * One statement for a whole page of groups.
 */
export async function memberCounts(db: DbOrTx, groupIds: string[]): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const ids = sql.join(
    groupIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await dialect.all<{ groupId: string; n: number }>(
    db,
    sql`
    with dept_targets as (
      select ge.group_id, d.id as department_id
      from group_entries ge
      join departments root on root.id = ge.target_id
      join departments d on d.id = root.id or (ge.include_subdepartments = true and d.path like root.path || '%')
      where ge.kind = 'department' and ge.group_id in (${ids})
    ),
    group_members as (
      select group_id, target_id as member_id from group_entries where kind = 'member' and group_id in (${ids})
      union select dt.group_id, m.id from dept_targets dt join members m on m.department_id = dt.department_id
      union select dt.group_id, md.member_id from dept_targets dt join member_departments md
        on md.department_id = dt.department_id
    )
    select gm.group_id as "groupId", count(*) as n
    from group_members gm join members m on m.id = gm.member_id and m.disabled = false
    group by gm.group_id`,
  );
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

type GroupRow = typeof groups.$inferSelect;

async function summaries(db: DbOrTx, rows: GroupRow[]) {
  const ids = rows.map((g) => g.id);
  const counts = await memberCounts(db, ids);
  const entryCounts = new Map<string, { entries: number; contacts: number }>();
  if (ids.length) {
    const found = await db
      .select({
        groupId: groupEntries.groupId,
        entries: sql<number>`count(*)`,
        contacts: sql<number>`sum(case when ${groupEntries.kind} = 'contact' then 1 else 0 end)`,
      })
      .from(groupEntries)
      .where(inArray(groupEntries.groupId, ids))
      .groupBy(groupEntries.groupId);
    for (const f of found) entryCounts.set(f.groupId, { entries: Number(f.entries), contacts: Number(f.contacts) });
  }
  const t = now();
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    endsAt: g.endsAt,
    ended: g.endsAt !== null && g.endsAt <= t,
    entryCount: entryCounts.get(g.id)?.entries ?? 0,
    memberCount: counts.get(g.id) ?? 0,
    contactCount: entryCounts.get(g.id)?.contacts ?? 0,
    createdBy: g.createdBy,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  }));
}

/** Groups by name; a temporary group leaves the list once it has ended, unless `includeEnded`. */
export async function listGroups(
  db: DbOrTx,
  actor: Actor,
  q: { q?: string | undefined; includeEnded: boolean; cursor?: string | undefined; limit: number },
) {
  assertMember(actor);
  const rows = await db
    .select()
    .from(groups)
    .where(
      and(
        q.includeEnded ? undefined : or(isNull(groups.endsAt), gt(groups.endsAt, now())),
        matchesWords(sql`lower(${groups.name})`, q.q),
        afterCursor(q.cursor, groups.name, groups.id),
      ),
    )
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(q.limit + 1);
  const { items, nextCursor } = page(rows, q.limit);
  return { items: await summaries(db, items), nextCursor };
}

async function findGroup(db: DbOrTx, id: string): Promise<GroupRow> {
  const [g] = await db.select().from(groups).where(eq(groups.id, id));
  if (!g) throw new Problem('not-found', 'No such group.');
  return g;
}

/** The group and its entries with display names (an entry whose target is gone keeps an empty name). */
export async function getGroup(db: DbOrTx, actor: Actor, id: string) {
  assertMember(actor);
  const g = await findGroup(db, id);
  const [summary] = await summaries(db, [g]);
  const entries = await db
    .select({
      id: groupEntries.id,
      kind: groupEntries.kind,
      targetId: groupEntries.targetId,
      includeSubdepartments: groupEntries.includeSubdepartments,
      name: sql<string | null>`case ${groupEntries.kind}
      when 'member' then (select name from members where id = ${groupEntries.targetId})
      when 'department' then (select name from departments where id = ${groupEntries.targetId})
      else (select name from contacts where id = ${groupEntries.targetId}) end`,
    })
    .from(groupEntries)
    .where(eq(groupEntries.groupId, id))
    .orderBy(asc(groupEntries.kind), asc(groupEntries.id));
  // External contacts are visible only to those who may reach them; others see that there is one, not who.
  return {
    ...summary!,
    entries: entries.map((e) => ({ ...e, name: e.kind === 'contact' && !seesContacts(actor) ? '' : (e.name ?? '') })),
  };
}

/** Every target must exist; contacts need someone allowed to reach them. */
async function checkEntries(db: DbOrTx, actor: Actor, entries: EntryInput[]) {
  const unique = [...new Map(entries.map((e) => [`${e.kind}:${e.targetId}`, e])).values()];
  if (unique.some((e) => e.kind === 'contact') && !seesContacts(actor)) {
    throw new Problem('forbidden', 'Adding external contacts to a group needs "message.send.external".');
  }
  const errors: FieldError[] = [];
  const tables = { member: members, department: departments, contact: contacts } as const;
  for (const kind of ['member', 'department', 'contact'] as const) {
    const wanted = unique.filter((e) => e.kind === kind).map((e) => e.targetId);
    if (!wanted.length) continue;
    const table = tables[kind];
    const found = new Set(
      (await db.select({ id: table.id }).from(table).where(inArray(table.id, wanted))).map((r) => r.id),
    );
    entries.forEach((e, i) => {
      if (e.kind === kind && !found.has(e.targetId))
        errors.push({ path: `entries.${i}.targetId`, code: `unknown-${kind}`, message: `No ${kind} ${e.targetId}` });
    });
  }
  if (errors.length) throw new Problem('validation', 'Some group entries name nothing known.', { errors });
  await checkEntriesInScope(db, actor, entries);
  return unique;
}

/** A department admin's group reaches only their subtrees: its members and departments must lie inside. */
async function checkEntriesInScope(db: DbOrTx, actor: Actor, entries: EntryInput[]) {
  const scope = await scopeOfAny(db, actor, ['org.admin', 'department.manage']);
  if (!scope || scope.all) return;
  const ids = (kind: EntryInput['kind']) => entries.filter((e) => e.kind === kind).map((e) => e.targetId);
  const paths = new Map<string, string | null>();
  const memberIds = ids('member');
  if (memberIds.length) {
    for (const r of await db
      .select({ id: members.id, path: departments.path })
      .from(members)
      .leftJoin(departments, eq(departments.id, members.departmentId))
      .where(inArray(members.id, memberIds)))
      paths.set(`member:${r.id}`, r.path);
  }
  const departmentIds = ids('department');
  if (departmentIds.length) {
    for (const r of await db
      .select({ id: departments.id, path: departments.path })
      .from(departments)
      .where(inArray(departments.id, departmentIds)))
      paths.set(`department:${r.id}`, r.path);
  }
  const errors: FieldError[] = [];
  entries.forEach((e, i) => {
    if (e.kind === 'contact') return;
    const path = paths.get(`${e.kind}:${e.targetId}`);
    if (!path || !inScope(scope, path))
      errors.push({
        path: `entries.${i}.targetId`,
        code: 'out-of-scope',
        message: 'Outside the departments you manage.',
      });
  });
  if (errors.length)
    throw new Problem('forbidden', 'A group may only include people and departments you manage.', { errors });
}

const entryRows = (groupId: string, entries: EntryInput[]) =>
  entries.map((e) => ({
    id: newId(),
    groupId,
    kind: e.kind,
    targetId: e.targetId,
    includeSubdepartments: e.kind === 'department' ? (e.includeSubdepartments ?? true) : false,
  }));

export async function createGroup(db: Db, actor: Actor, input: GroupInput, info: RequestInfo) {
  if (!mayManage(actor)) throw new Problem('forbidden', 'This needs "org.admin" or "department.manage".');
  const entries = await checkEntries(db, actor, input.entries);
  const t = now();
  const g: GroupRow = {
    id: newId(),
    name: input.name.trim(),
    description: input.description?.trim() || null,
    endsAt: input.endsAt ?? null,
    createdBy: actorId(actor),
    createdAt: t,
    updatedAt: t,
  };
  await db.transaction(async (tx) => {
    await tx.insert(groups).values(g);
    if (entries.length) await tx.insert(groupEntries).values(entryRows(g.id, entries));
    await recordAudit(tx, actor, {
      action: 'group.create',
      targetType: 'group',
      targetId: g.id,
      after: { ...g, entries },
      ...info,
    });
  });
  return getGroup(db, actor, g.id);
}

/** An org admin changes any group; a department admin the groups they created. */
async function manageable(db: DbOrTx, actor: Actor, id: string) {
  if (!mayManage(actor)) throw new Problem('forbidden', 'This needs "org.admin" or "department.manage".');
  const g = await findGroup(db, id);
  if (!isOrgAdmin(actor) && g.createdBy !== actorId(actor))
    throw new Problem('forbidden', "Only the group's creator or an organisation admin can change it.");
  return g;
}

const entriesOf = async (db: DbOrTx, id: string) =>
  db
    .select({
      kind: groupEntries.kind,
      targetId: groupEntries.targetId,
      includeSubdepartments: groupEntries.includeSubdepartments,
    })
    .from(groupEntries)
    .where(eq(groupEntries.groupId, id));

/** Renames, re-describes, sets or clears `endsAt`, and (when `entries` is given) replaces every entry. */
export async function updateGroup(db: Db, actor: Actor, id: string, patch: GroupPatch, info: RequestInfo) {
  const before = await manageable(db, actor, id);
  const entries = patch.entries ? await checkEntries(db, actor, patch.entries) : undefined;
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.description !== undefined ? { description: patch.description?.trim() || null } : {}),
    ...(patch.endsAt !== undefined ? { endsAt: patch.endsAt } : {}),
    updatedAt: now(),
  };
  await db.transaction(async (tx) => {
    const beforeEntries = await entriesOf(tx, id);
    await tx.update(groups).set(set).where(eq(groups.id, id));
    if (entries) {
      await tx.delete(groupEntries).where(eq(groupEntries.groupId, id));
      if (entries.length) await tx.insert(groupEntries).values(entryRows(id, entries));
    }
    await recordAudit(tx, actor, {
      action: 'group.update',
      targetType: 'group',
      targetId: id,
      before: { ...before, entries: beforeEntries },
      after: { ...before, ...set, entries: entries ?? beforeEntries },
      ...info,
    });
  });
  return getGroup(db, actor, id);
}

export async function deleteGroup(db: Db, actor: Actor, id: string, info: RequestInfo) {
  const before = await manageable(db, actor, id);
  await db.transaction(async (tx) => {
    const beforeEntries = await entriesOf(tx, id);
    await tx.delete(groups).where(eq(groups.id, id)); // entries cascade
    await recordAudit(tx, actor, {
      action: 'group.delete',
      targetType: 'group',
      targetId: id,
      before: { ...before, entries: beforeEntries },
      ...info,
    });
  });
}
