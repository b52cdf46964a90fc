import { and, asc, eq, inArray, isNull, like, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { roleGrants } from '../auth/schema.js';
import { inScope, requireScope, scopeOfAny } from '../auth/scope.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { MANAGE, manages } from './access.js';
import { departments, memberDepartments, members, positions } from './schema.js';
import { dialect } from '../../db/dialect.js';

export type DepartmentView = {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  sortOrder: number;
  headMemberId: string | null;
  headName: string | null;
  memberCount: number;
};
type DepartmentRow = typeof departments.$inferSelect;

const audit = (info: RequestInfo) => ({ requestId: info.requestId, ip: info.ip });

async function selectViews(db: DbOrTx, id?: string): Promise<DepartmentView[]> {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      parentId: departments.parentId,
      path: departments.path,
      sortOrder: departments.sortOrder,
      headMemberId: departments.headMemberId,
      headName: members.name,
      memberCount: sql<number>`(select count(*) from ${members} m where m.department_id = ${departments.id})`.mapWith(
        Number,
      ),
    })
    .from(departments)
    .leftJoin(members, eq(members.id, departments.headMemberId))
    .where(id ? eq(departments.id, id) : undefined);
}

/**
 * Every department, parents before children and siblings by `sortOrder`: the order a tree is drawn in. Each says
 * whether the caller may act inside it (`manageable`): org.admin everywhere, department.manage inside a granted
 * subtree (its root included: sub-departments and members; renaming, moving or deleting the root itself needs
 * the parent's scope, see `manages()`).
 */
export async function listDepartments(
  db: DbOrTx,
  actor: Actor,
): Promise<Array<DepartmentView & { manageable: boolean }>> {
  const scope = await scopeOfAny(db, actor, MANAGE);
  return (await orderedViews(db)).map((d) => ({ ...d, manageable: scope ? inScope(scope, d.path) : false }));
}

async function orderedViews(db: DbOrTx): Promise<DepartmentView[]> {
  const rows = await selectViews(db);
  const children = new Map<string | null, DepartmentView[]>();
  for (const d of rows) {
    const list = children.get(d.parentId) ?? [];
    list.push(d);
    children.set(d.parentId, list);
  }
  const ordered: DepartmentView[] = [];
  const walk = (parentId: string | null) => {
    const list = (children.get(parentId) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
    );
    for (const d of list) {
      ordered.push(d);
      walk(d.id);
    }
  };
  walk(null);
  return ordered;
}

async function departmentView(db: DbOrTx, id: string): Promise<DepartmentView> {
  const [view] = await selectViews(db, id);
  if (!view) throw new Problem('not-found', 'No such department.');
  return view;
}

export async function getDepartment(db: DbOrTx, id: string, field?: string): Promise<DepartmentRow> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  if (!row) {
    if (field)
      throw new Problem('validation', `No department ${id}.`, {
        errors: [{ path: field, code: 'unknown-department', message: 'No such department' }],
      });
    throw new Problem('not-found', 'No such department.');
  }
  return row;
}

const siblingsCondition = (parentId: string | null) =>
  parentId ? eq(departments.parentId, parentId) : isNull(departments.parentId);

async function siblingIds(db: DbOrTx, parentId: string | null, except?: string): Promise<string[]> {
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(siblingsCondition(parentId), except ? ne(departments.id, except) : undefined))
    .orderBy(asc(departments.sortOrder), asc(departments.name));
  return rows.map((r) => r.id);
}

/** Numbers siblings 0, 1, 2 … in the given order, in one statement. */
async function renumber(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const cases = sql.join(
    ids.map((id, i) => sql`when ${id} then cast(${i} as bigint)`),
    sql` `,
  );
  await db
    .update(departments)
    .set({ sortOrder: sql`case ${departments.id} ${cases} end` })
    .where(inArray(departments.id, ids));
}

const insertAt = (ids: string[], id: string, index: number | undefined) => {
  const at = index === undefined ? ids.length : Math.max(0, Math.min(index, ids.length));
  return [...ids.slice(0, at), id, ...ids.slice(at)];
};

async function assertUniqueName(db: DbOrTx, parentId: string | null, name: string, except?: string) {
  const [clash] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        siblingsCondition(parentId),
        dialect.ciEq(departments.name, name),
        except ? ne(departments.id, except) : undefined,
      ),
    );
  // Department paths (`总部/技术部/前端组`) name departments in imports: siblings must not share a name.
  if (clash)
    throw new Problem('conflict', `There is already a department "${name}" there.`, {
      errors: [{ path: 'name', code: 'duplicate', message: 'The name is taken' }],
    });
}

export async function createDepartment(
  db: Db,
  actor: Actor,
  input: { name: string; parentId: string | null; index?: number | undefined },
  info: RequestInfo,
) {
  const scope = await requireScope(db, actor, MANAGE);
  const name = input.name.trim();
  if (!input.parentId && !scope.all)
    throw new Problem('forbidden', 'Only an organisation admin creates a top-level department.');
  const id = newId();
  const t = now();
  await db.transaction(async (tx) => {
    // The parent is read under the write lock: a concurrent move or delete of it cannot leave a stale path here.
    let parentPath = '/';
    if (input.parentId) {
      const parent = await getDepartment(tx, input.parentId, 'parentId');
      if (!inScope(scope, parent.path))
        throw new Problem('forbidden', 'That department is outside the part of the organisation you manage.');
      parentPath = parent.path;
    }
    await assertUniqueName(tx, input.parentId, name);
    const order = insertAt(await siblingIds(tx, input.parentId), id, input.index);
    await tx.insert(departments).values({
      id,
      name,
      parentId: input.parentId,
      path: `${parentPath}${id}/`,
      sortOrder: order.indexOf(id),
      createdAt: t,
      updatedAt: t,
    });
    await renumber(tx, order);
    await recordAudit(tx, actor, {
      action: 'department.create',
      targetType: 'department',
      targetId: id,
      after: { name, parentId: input.parentId, index: order.indexOf(id) },
      ...audit(info),
    });
  });
  return departmentView(db, id);
}

export type DepartmentPatch = {
  name?: string | undefined;
  parentId?: string | null | undefined;
  index?: number | undefined;
  headMemberId?: string | null | undefined;
};

/**
 * Rename, move (with its whole subtree), reorder among siblings, set the head. The department and its new parent
 * are read inside the transaction (under the write lock), so the "not into its own subtree" check and the new
 * paths see every move committed before: two crossing moves cannot make a cycle.
 */
export async function updateDepartment(db: Db, actor: Actor, id: string, patch: DepartmentPatch, info: RequestInfo) {
  const scope = await requireScope(db, actor, MANAGE);
  let head: { departmentPath: string | null } | undefined;
  if (patch.headMemberId) {
    const [row] = await db
      .select({ id: members.id, disabled: members.disabled, departmentPath: departments.path })
      .from(members)
      .leftJoin(departments, eq(departments.id, members.departmentId))
      .where(eq(members.id, patch.headMemberId));
    if (!row || row.disabled)
      throw new Problem('validation', 'The head must be an active member.', {
        errors: [{ path: 'headMemberId', code: 'unknown-member', message: 'Not an active member' }],
      });
    head = row;
  }
  await db.transaction(async (tx) => {
    const dept = await getDepartment(tx, id);
    if (!manages(scope, dept.path))
      throw new Problem('forbidden', 'Changing this department needs the scope of its parent.');
    // A department admin picks heads among the people it manages: a head is an approver (department-head steps).
    if (head && !scope.all && (!head.departmentPath || !inScope(scope, head.departmentPath))) {
      throw new Problem('validation', 'The head must be a member of the part of the organisation you manage.', {
        errors: [{ path: 'headMemberId', code: 'out-of-scope', message: 'Not a member of the departments you manage' }],
      });
    }
    const moving = patch.parentId !== undefined && patch.parentId !== dept.parentId;
    let newPath = dept.path;
    if (moving) {
      if (patch.parentId === null) {
        if (!scope.all) throw new Problem('forbidden', 'Only an organisation admin makes a top-level department.');
        newPath = `/${id}/`;
      } else {
        const parent = await getDepartment(tx, patch.parentId!, 'parentId');
        if (parent.path.startsWith(dept.path))
          throw new Problem('invalid-move', `"${dept.name}" cannot move into its own subtree.`);
        if (!inScope(scope, parent.path))
          throw new Problem('forbidden', 'The new parent is outside the part of the organisation you manage.');
        newPath = `${parent.path}${id}/`;
      }
    }
    const parentId = moving ? patch.parentId! : dept.parentId;
    const name = patch.name?.trim() ?? dept.name;
    const before = await departmentView(tx, id);
    if (patch.name !== undefined || moving) await assertUniqueName(tx, parentId, name, id);
    await tx
      .update(departments)
      .set({
        name,
        parentId,
        updatedAt: now(),
        ...(patch.headMemberId !== undefined ? { headMemberId: patch.headMemberId } : {}),
      })
      .where(eq(departments.id, id));
    if (moving) {
      // The whole subtree's materialised paths in one statement: replace the old prefix with the new one.
      await tx
        .update(departments)
        .set({ path: sql`${newPath} || substr(${departments.path}, ${dept.path.length + 1})` })
        .where(like(departments.path, `${dept.path}%`));
      await renumber(tx, await siblingIds(tx, dept.parentId, id));
    }
    if (moving || patch.index !== undefined) {
      await renumber(tx, insertAt(await siblingIds(tx, parentId, id), id, patch.index));
    }
    const after = await departmentView(tx, id);
    await recordAudit(tx, actor, {
      action: moving ? 'department.move' : 'department.update',
      targetType: 'department',
      targetId: id,
      before: pick(before),
      after: pick(after),
      ...audit(info),
    });
  });
  return departmentView(db, id);
}

const pick = (d: DepartmentView) => ({
  name: d.name,
  parentId: d.parentId,
  path: d.path,
  sortOrder: d.sortOrder,
  headMemberId: d.headMemberId,
});

/**
 * Deletes an empty department. Members (primary or extra) block it unless `moveMembersTo` names where they
 * go; they move in the same transaction as the delete.
 */
export async function deleteDepartment(
  db: Db,
  actor: Actor,
  id: string,
  moveMembersTo: string | undefined,
  info: RequestInfo,
) {
  const scope = await requireScope(db, actor, MANAGE);
  const dept = await getDepartment(db, id);
  if (!manages(scope, dept.path))
    throw new Problem('forbidden', 'Deleting this department needs the scope of its parent.');
  let target: DepartmentRow | undefined;
  if (moveMembersTo) {
    if (moveMembersTo === id)
      throw new Problem('validation', 'Members cannot move to the department being deleted.', {
        errors: [{ path: 'moveMembersTo', code: 'invalid-value', message: 'Not the department being deleted' }],
      });
    target = await getDepartment(db, moveMembersTo, 'moveMembersTo');
    if (!inScope(scope, target.path))
      throw new Problem('forbidden', 'The members would move outside the part of the organisation you manage.');
  }
  const { moved, grantHolders } = await db.transaction(async (tx) => {
    const [children] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(departments)
      .where(eq(departments.parentId, id));
    if (Number(children!.n) > 0)
      throw new Problem('department-not-empty', `"${dept.name}" still has sub-departments.`, {
        subDepartments: Number(children!.n),
      });
    const [primary] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(members)
      .where(eq(members.departmentId, id));
    const [extra] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(memberDepartments)
      .where(eq(memberDepartments.departmentId, id));
    const counts = { primaryMembers: Number(primary!.n), extraMembers: Number(extra!.n) };
    if ((counts.primaryMembers || counts.extraMembers) && !target) {
      throw new Problem('department-not-empty', `"${dept.name}" still has members; say where they move.`, counts);
    }
    if (target) {
      await tx.update(members).set({ departmentId: target.id, updatedAt: now() }).where(eq(members.departmentId, id));
      // Extra memberships follow, unless the member is already in the target (as primary or extra).
      await tx.run(sql`insert into ${memberDepartments} (member_id, department_id)
        select md.member_id, ${target.id} from ${memberDepartments} md
        where md.department_id = ${id}
          and not exists (select 1 from ${members} m where m.id = md.member_id and m.department_id = ${target.id})
        on conflict do nothing`);
      // Someone whose primary department is now the target does not also hold it as an extra.
      await tx.run(sql`delete from ${memberDepartments} where department_id = ${target.id}
        and member_id in (select id from ${members} where department_id = ${target.id})`);
    }
    await tx.delete(memberDepartments).where(eq(memberDepartments.departmentId, id));
    // Grants scoped to this department go with it (foreign key cascade); their holders must hear of it.
    const holders = await tx
      .selectDistinct({ memberId: roleGrants.memberId })
      .from(roleGrants)
      .where(eq(roleGrants.departmentId, id));
    await tx.update(departments).set({ headMemberId: null }).where(eq(departments.id, id));
    await tx.delete(departments).where(eq(departments.id, id));
    await renumber(tx, await siblingIds(tx, dept.parentId));
    await recordAudit(tx, actor, {
      action: 'department.delete',
      targetType: 'department',
      targetId: id,
      before: { name: dept.name, parentId: dept.parentId, path: dept.path, ...counts },
      after: target ? { movedMembersTo: target.id } : null,
      ...audit(info),
    });
    await publishEvent(
      tx,
      holders.map((h) => ({ kind: 'member' as const, id: h.memberId })),
      'me.updated',
      { reason: 'grants-changed' },
    );
    return { moved: counts, grantHolders: holders.length };
  });
  return { ...moved, grantHolders };
}

// ---- positions (job levels) ----

export type PositionView = { id: string; name: string; level: number };

const positionViews = (db: DbOrTx, id?: string) =>
  db
    .select({
      id: positions.id,
      name: positions.name,
      level: positions.level,
    })
    .from(positions)
    .where(id ? eq(positions.id, id) : undefined)
    .orderBy(asc(positions.level), asc(positions.name));

export const listPositions = (db: DbOrTx): Promise<PositionView[]> => positionViews(db);

async function positionView(db: DbOrTx, id: string): Promise<PositionView> {
  const [p] = await positionViews(db, id);
  if (!p) throw new Problem('not-found', 'No such position.');
  return p;
}

async function assertUniquePosition(db: DbOrTx, name: string, except?: string) {
  const [clash] = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(dialect.ciEq(positions.name, name), except ? ne(positions.id, except) : undefined));
  if (clash)
    throw new Problem('conflict', `There is already a position "${name}".`, {
      errors: [{ path: 'name', code: 'duplicate', message: 'The name is taken' }],
    });
}

export async function createPosition(db: Db, actor: Actor, input: { name: string; level: number }, info: RequestInfo) {
  const row = { id: newId(), name: input.name.trim(), level: input.level, createdAt: now() };
  await db.transaction(async (tx) => {
    await assertUniquePosition(tx, row.name);
    await tx.insert(positions).values(row);
    await recordAudit(tx, actor, {
      action: 'position.create',
      targetType: 'position',
      targetId: row.id,
      after: { name: row.name, level: row.level },
      ...audit(info),
    });
  });
  return positionView(db, row.id);
}

export async function updatePosition(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; level?: number | undefined },
  info: RequestInfo,
) {
  const before = await positionView(db, id);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.level !== undefined ? { level: patch.level } : {}),
  };
  await db.transaction(async (tx) => {
    if (set.name !== undefined) await assertUniquePosition(tx, set.name, id);
    if (Object.keys(set).length) await tx.update(positions).set(set).where(eq(positions.id, id));
    await recordAudit(tx, actor, {
      action: 'position.update',
      targetType: 'position',
      targetId: id,
      before: { name: before.name, level: before.level },
      after: { name: set.name ?? before.name, level: set.level ?? before.level },
      ...audit(info),
    });
  });
  return positionView(db, id);
}

export async function deletePosition(db: Db, actor: Actor, id: string, info: RequestInfo) {
  const before = await positionView(db, id);
  await db.transaction(async (tx) => {
    const [used] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(members)
      .where(eq(members.positionId, id));
    if (Number(used!.n) > 0)
      throw new Problem('in-use', `${used!.n} member(s) hold the position "${before.name}".`, {
        memberCount: Number(used!.n),
      });
    await tx.delete(positions).where(eq(positions.id, id));
    await recordAudit(tx, actor, {
      action: 'position.delete',
      targetType: 'position',
      targetId: id,
      before: { name: before.name, level: before.level },
      ...audit(info),
    });
  });
}
