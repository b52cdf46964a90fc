import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { matchesWords } from '../../lib/search.js';
import { and, asc, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { randomToken } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { Problem } from '../../http/problem.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { PERMISSIONS, type Permission } from '../auth/permissions.js';
import { roleGrants, roles, sessions } from '../auth/schema.js';
import { inScope, requireScope, scopeCondition, scopeOfAny, type Scope } from '../auth/scope.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { actorIsSuperAdmin, beyondReach, heldGrants, isSuperAdmin, MANAGE, reachOf, VIEW } from './access.js';
import { getDepartment } from './departments.js';
import { departments, memberDepartments, members, positions } from './schema.js';
import { searchText } from './search-text.js';
import { checkEmail, checkEmployeeNo, checkPhone } from './validation.js';
import { dialect } from '../../db/dialect.js';

export type MemberView = {
  id: string;
  employeeNo: string;
  name: string;
  email: string | null;
  phone: string | null;
  departmentId: string | null;
  departmentName: string | null;
  extraDepartmentIds: string[];
  positionId: string | null;
  positionName: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  locale: string | null;
  createdAt: number;
  updatedAt: number;
};

const audit = (info: RequestInfo) => ({ requestId: info.requestId, ip: info.ip });

const memberColumns = {
  id: members.id,
  employeeNo: members.employeeNo,
  name: members.name,
  email: members.email,
  phone: members.phone,
  departmentId: members.departmentId,
  departmentName: departments.name,
  departmentPath: departments.path,
  positionId: members.positionId,
  positionName: positions.name,
  disabled: members.disabled,
  mustChangePassword: members.mustChangePassword,
  locale: members.locale,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  isSuperAdmin: members.isSuperAdmin,
};

const selectMembers = (db: DbOrTx) =>
  db
    .select(memberColumns)
    .from(members)
    .leftJoin(departments, eq(departments.id, members.departmentId))
    .leftJoin(positions, eq(positions.id, members.positionId));

type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['execute']>>[number];

/** Adds each member's extra departments (one query for the page). */
async function toViews(db: DbOrTx, rows: MemberRow[]): Promise<MemberView[]> {
  const extras = new Map<string, string[]>();
  if (rows.length) {
    const links = await db
      .select()
      .from(memberDepartments)
      .where(
        inArray(
          memberDepartments.memberId,
          rows.map((r) => r.id),
        ),
      );
    for (const l of links) extras.set(l.memberId, [...(extras.get(l.memberId) ?? []), l.departmentId]);
  }
  return rows.map(({ departmentPath: _p, isSuperAdmin: _s, ...m }) => ({
    ...m,
    extraDepartmentIds: extras.get(m.id) ?? [],
  }));
}

export type MemberQuery = {
  q?: string | undefined;
  departmentId?: string | undefined;
  subtree?: boolean | undefined;
  status?: 'active' | 'disabled' | 'all' | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** Members the caller may see, found by name / pinyin / number / e-mail / phone, by employee number. */
export async function listMembers(
  db: DbOrTx,
  actor: Actor,
  query: MemberQuery,
): Promise<{ items: MemberView[]; nextCursor: string | null }> {
  const scope = await requireScope(db, actor, VIEW);
  const where: Array<SQL | undefined> = [scopeCondition(scope, departments.path)];
  if (query.status === 'active') where.push(eq(members.disabled, false));
  if (query.status === 'disabled') where.push(eq(members.disabled, true));
  where.push(matchesWords(members.searchText, query.q)); // `zhang san`, `zs`, `张`, `E10`, `138` …
  if (query.departmentId) {
    const dept = await getDepartment(db, query.departmentId);
    const extra = (cond: SQL) =>
      exists(
        db
          .select({ one: sql`1` })
          .from(memberDepartments)
          .innerJoin(sql`${departments} d2`, sql`d2.id = ${memberDepartments.departmentId}`)
          .where(and(eq(memberDepartments.memberId, members.id), cond)),
      );
    where.push(
      query.subtree
        ? or(sql`${departments.path} like ${`${dept.path}%`}`, extra(sql`d2.path like ${`${dept.path}%`}`))
        : or(eq(members.departmentId, dept.id), extra(sql`d2.id = ${dept.id}`)),
    );
  }
  if (query.cursor) {
    const after = decodeCursor(query.cursor, ['string'] as const)[0];
    where.push(sql`${dialect.ciOrder(members.employeeNo)} > ${dialect.ciOrder(sql`${after}`)}`);
  }
  const rows = await selectMembers(db)
    .where(and(...where))
    .orderBy(dialect.ciOrder(members.employeeNo))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await toViews(db, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.employeeNo.toLowerCase()) : null,
  };
}

const memberVisible = (scope: Scope, row: MemberRow) =>
  scope.all || (row.departmentPath !== null && inScope(scope, row.departmentPath));

async function memberRow(db: DbOrTx, id: string): Promise<MemberRow | undefined> {
  const [row] = await selectMembers(db).where(eq(members.id, id));
  return row;
}

/** The member if the caller may see it, else `404` (a member outside the scope does not exist for the caller). */
async function visibleMember(db: DbOrTx, actor: Actor, id: string): Promise<MemberRow> {
  const scope = await requireScope(db, actor, VIEW);
  const row = await memberRow(db, id);
  if (!row || !memberVisible(scope, row)) throw new Problem('not-found', 'No such member.');
  return row;
}

/**
 * The member if the caller may change it: visible, in the manage scope, a super admin only by a super admin, and a
 * member holding rights beyond the caller's reach (`beyondReach`) not at all.
 */
async function manageableMember(db: DbOrTx, actor: Actor, id: string): Promise<{ row: MemberRow; scope: Scope }> {
  const row = await visibleMember(db, actor, id);
  const scope = await scopeOfAny(db, actor, MANAGE);
  if (!scope || !memberVisible(scope, row))
    throw new Problem('forbidden', 'You may look at this member but not change it.');
  if ((await isSuperAdmin(db, row.id)) && !(await actorIsSuperAdmin(db, actor))) {
    throw new Problem('forbidden', 'Only a super admin changes a super admin.');
  }
  const reach = await reachOf(db, actor, scope);
  if (beyondReach(reach, (await heldGrants(db, [row.id])).get(row.id) ?? [])) {
    throw new Problem(
      'forbidden',
      `${row.name} holds rights beyond your own (an organisation-wide role, one limited to a department ` +
        `outside your subtrees, or a permission you do not hold); only an admin holding them changes, disables ` +
        `or resets this member.`,
      { reason: 'beyond-own-rights' },
    );
  }
  return { row, scope };
}

export type GrantView = {
  id: string;
  roleId: string;
  roleName: string;
  builtinKey: string | null;
  departmentId: string | null;
  departmentName: string | null;
};
export type EffectivePermission = { permission: Permission; departmentIds: string[] | null };

export async function memberGrants(db: DbOrTx, memberId: string): Promise<GrantView[]> {
  return db
    .select({
      id: roleGrants.id,
      roleId: roleGrants.roleId,
      roleName: roles.name,
      builtinKey: roles.builtinKey,
      departmentId: roleGrants.departmentId,
      departmentName: departments.name,
    })
    .from(roleGrants)
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .leftJoin(departments, eq(departments.id, roleGrants.departmentId))
    .where(eq(roleGrants.memberId, memberId))
    .orderBy(asc(roleGrants.createdAt));
}

/** What the member may do, and where (null = organisation-wide), in the permission list's order. */
export async function effectivePermissions(
  db: DbOrTx,
  memberId: string,
  superAdmin: boolean,
): Promise<EffectivePermission[]> {
  const grants = await loadGrants(db, memberId, superAdmin);
  return PERMISSIONS.flatMap((permission): EffectivePermission[] => {
    const held = grants.filter((g) => g.permission === permission);
    if (!held.length) return [];
    if (held.some((g) => g.departmentId === null)) return [{ permission, departmentIds: null }];
    return [{ permission, departmentIds: [...new Set(held.map((g) => g.departmentId!))] }];
  });
}

export async function getMember(db: DbOrTx, actor: Actor, id: string) {
  const row = await visibleMember(db, actor, id);
  const [view] = await toViews(db, [row]);
  return {
    ...view!,
    grants: (await memberGrants(db, id)).map(({ builtinKey: _b, ...g }) => g),
    effectivePermissions: await effectivePermissions(db, id, row.isSuperAdmin),
  };
}

async function memberView(db: DbOrTx, id: string): Promise<MemberView> {
  const row = await memberRow(db, id);
  if (!row) throw new Problem('not-found', 'No such member.');
  return (await toViews(db, [row]))[0]!;
}

/** Departments and position named in a draft must exist, and departments must be in the caller's scope. */
async function checkPlacement(
  db: DbOrTx,
  scope: Scope,
  input: {
    departmentId?: string | undefined;
    extraDepartmentIds?: string[] | undefined;
    positionId?: string | null | undefined;
  },
) {
  for (const [field, id] of [
    ['departmentId', input.departmentId],
    ...(input.extraDepartmentIds ?? []).map((d) => ['extraDepartmentIds', d]),
  ] as Array<[string, string | undefined]>) {
    if (!id) continue;
    const dept = await getDepartment(db, id, field);
    if (!inScope(scope, dept.path))
      throw new Problem(
        'forbidden',
        `The department "${dept.name}" is outside the part of the organisation you manage.`,
      );
  }
  if (input.positionId) {
    const [p] = await db.select({ id: positions.id }).from(positions).where(eq(positions.id, input.positionId));
    if (!p)
      throw new Problem('validation', 'No such position.', {
        errors: [{ path: 'positionId', code: 'unknown-position', message: 'No such position' }],
      });
  }
}

async function assertUnique(
  db: DbOrTx,
  employeeNo: string | undefined,
  email: string | null | undefined,
  except?: string,
) {
  if (employeeNo) {
    const [clash] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(dialect.ciEq(members.employeeNo, employeeNo), except ? ne(members.id, except) : undefined));
    if (clash)
      throw new Problem('conflict', `The employee number ${employeeNo} is taken.`, {
        errors: [{ path: 'employeeNo', code: 'duplicate', message: 'The employee number is taken' }],
      });
  }
  if (email) {
    const [clash] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.email, email), except ? ne(members.id, except) : undefined));
    if (clash)
      throw new Problem('conflict', `The e-mail ${email} is taken.`, {
        errors: [{ path: 'email', code: 'duplicate', message: 'The e-mail is taken' }],
      });
  }
}

/** A password to hand over once: 16 characters from 96 random bits. It must be changed at first sign-in. */
const oneTimePassword = () => randomToken(12);

export type MemberDraft = {
  employeeNo: string;
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  departmentId: string;
  extraDepartmentIds?: string[] | undefined;
  positionId?: string | null | undefined;
  locale?: string | null | undefined;
};

export async function createMember(db: Db, actor: Actor, input: MemberDraft, info: RequestInfo) {
  const scope = await requireScope(db, actor, MANAGE);
  const employeeNo = checkEmployeeNo(input.employeeNo);
  const email = checkEmail(input.email) ?? null;
  const phone = checkPhone(input.phone) ?? null;
  const name = input.name.trim();
  await checkPlacement(db, scope, input);
  await assertUnique(db, employeeNo, email);
  const initialPassword = oneTimePassword();
  const passwordHash = await hashPassword(initialPassword); // slow: before the (serialising) transaction
  const id = newId();
  const t = now();
  const extras = [...new Set(input.extraDepartmentIds ?? [])].filter((d) => d !== input.departmentId);
  await db.transaction(async (tx) => {
    await assertUnique(tx, employeeNo, email);
    await tx.insert(members).values({
      id,
      employeeNo,
      name,
      email,
      phone,
      passwordHash,
      mustChangePassword: true,
      departmentId: input.departmentId,
      positionId: input.positionId ?? null,
      locale: input.locale ?? null,
      searchText: searchText(name, employeeNo, email, phone),
      createdAt: t,
      updatedAt: t,
    });
    if (extras.length)
      await tx.insert(memberDepartments).values(extras.map((departmentId) => ({ memberId: id, departmentId })));
    await recordAudit(tx, actor, {
      action: 'member.create',
      targetType: 'member',
      targetId: id,
      after: await memberView(tx, id),
      ...audit(info),
    });
  });
  return { ...(await memberView(db, id)), initialPassword };
}

export type MemberPatch = Partial<Omit<MemberDraft, 'employeeNo' | 'departmentId'>> & {
  departmentId?: string | undefined;
  disabled?: boolean | undefined;
};

export async function updateMember(db: Db, actor: Actor, id: string, patch: MemberPatch, info: RequestInfo) {
  const { row, scope } = await manageableMember(db, actor, id);
  const email = checkEmail(patch.email);
  const phone = checkPhone(patch.phone);
  const name = patch.name?.trim();
  if (patch.disabled === true && actor.kind === 'member' && actor.subject.id === id) {
    throw new Problem('conflict', 'You cannot disable yourself.');
  }
  await checkPlacement(db, scope, patch);
  await assertUnique(db, undefined, email, id);
  const before = await memberView(db, id);
  const departmentId = patch.departmentId ?? row.departmentId;
  await db.transaction(async (tx) => {
    await assertUnique(tx, undefined, email, id);
    const set = {
      ...(name !== undefined ? { name } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(patch.departmentId !== undefined ? { departmentId: patch.departmentId } : {}),
      ...(patch.positionId !== undefined ? { positionId: patch.positionId } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    };
    const next = {
      name: name ?? before.name,
      email: email === undefined ? before.email : email,
      phone: phone === undefined ? before.phone : phone,
    };
    await tx
      .update(members)
      .set({ ...set, searchText: searchText(next.name, row.employeeNo, next.email, next.phone), updatedAt: now() })
      .where(eq(members.id, id));
    if (patch.extraDepartmentIds !== undefined || patch.departmentId !== undefined) {
      // The caller decides the extra departments inside its scope; those outside it stay as they are.
      const kept = [];
      for (const d of before.extraDepartmentIds) {
        const dept = await getDepartment(tx, d);
        if (patch.extraDepartmentIds === undefined || !inScope(scope, dept.path)) kept.push(d);
      }
      const extras = [...new Set([...kept, ...(patch.extraDepartmentIds ?? [])])].filter((d) => d !== departmentId);
      await tx.delete(memberDepartments).where(eq(memberDepartments.memberId, id));
      if (extras.length)
        await tx.insert(memberDepartments).values(extras.map((d) => ({ memberId: id, departmentId: d })));
    }
    // A disabled member is signed out everywhere at once.
    if (patch.disabled === true) await tx.delete(sessions).where(eq(sessions.memberId, id));
    const after = await memberView(tx, id);
    const action =
      patch.disabled === true && !before.disabled
        ? 'member.disable'
        : patch.disabled === false && before.disabled
          ? 'member.enable'
          : 'member.update';
    await recordAudit(tx, actor, { action, targetType: 'member', targetId: id, before, after, ...audit(info) });
    await publishEvent(tx, [{ kind: 'member', id }], 'me.updated', { reason: 'profile-changed' });
  });
  return memberView(db, id);
}

/** A temporary password, shown once; the member must change it at next sign-in, and every session ends. */
export async function resetPassword(db: Db, actor: Actor, id: string, info: RequestInfo) {
  await manageableMember(db, actor, id);
  const temporaryPassword = oneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ passwordHash, mustChangePassword: true, updatedAt: now() })
      .where(eq(members.id, id));
    const ended = await tx.delete(sessions).where(eq(sessions.memberId, id)).returning({ id: sessions.id });
    await recordAudit(tx, actor, {
      action: 'member.password-reset',
      targetType: 'member',
      targetId: id,
      after: { mustChangePassword: true, sessionsEnded: ended.length },
      ...audit(info),
    });
    await publishEvent(tx, [{ kind: 'member', id }], 'me.updated', { reason: 'password-reset' });
  });
  return { temporaryPassword };
}
