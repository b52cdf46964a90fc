import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from './actor.js';
import { assertWithinOwnRights, whereOf } from './ceiling.js';
import { BUILTIN_ROLES, SCOPABLE, unscopable, type Permission } from './permissions.js';
import { roleGrants, roles } from './schema.js';
import type { RequestInfo } from './service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { actorIsSuperAdmin, isSuperAdmin } from '../org/access.js';
import { getDepartment } from '../org/departments.js';
import { members } from '../org/schema.js';
import { dialect } from '../../db/dialect.js';

export type RoleView = {
  id: string;
  builtinKey: string | null;
  name: string;
  permissions: Permission[];
  memberCount: number;
};

const ORG_WIDE = { departmentPath: null };
const audit = (info: RequestInfo) => ({ requestId: info.requestId, ip: info.ip });
const SCOPABLE_LIST = SCOPABLE.map((p) => `"${p}"`).join(', ');
const builtinOrder = new Map(BUILTIN_ROLES.map((r, i) => [r.key, i]));

const roleViews = (db: DbOrTx, id?: string) =>
  db
    .select({
      id: roles.id,
      builtinKey: roles.builtinKey,
      name: roles.name,
      permissions: roles.permissions,
      memberCount:
        sql<number>`(select count(distinct g.member_id) from ${roleGrants} g where g.role_id = "roles"."id")`.mapWith(
          Number,
        ),
    })
    .from(roles)
    .where(id ? eq(roles.id, id) : undefined);

/** Built-in roles first (in the permission list's order), then custom ones by name. */
export async function listRoles(db: DbOrTx): Promise<RoleView[]> {
  const rows = await roleViews(db);
  const rank = (r: RoleView) => (r.builtinKey ? (builtinOrder.get(r.builtinKey) ?? 99) : 100);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

async function roleView(db: DbOrTx, id: string): Promise<RoleView> {
  const [role] = await roleViews(db, id);
  if (!role) throw new Problem('not-found', 'No such role.');
  return role;
}

async function assertUniqueName(db: DbOrTx, name: string, except?: string) {
  const [clash] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(dialect.ciEq(roles.name, name), except ? ne(roles.id, except) : undefined));
  if (clash)
    throw new Problem('conflict', `There is already a role "${name}".`, {
      errors: [{ path: 'name', code: 'duplicate', message: 'The name is taken' }],
    });
}

async function holders(db: DbOrTx, roleId: string) {
  const rows = await db
    .selectDistinct({ id: roleGrants.memberId })
    .from(roleGrants)
    .where(eq(roleGrants.roleId, roleId));
  return rows.map((r) => ({ kind: 'member' as const, id: r.id }));
}

export async function createRole(
  db: Db,
  actor: Actor,
  input: { name: string; permissions: Permission[] },
  info: RequestInfo,
) {
  const row = {
    id: newId(),
    builtinKey: null,
    name: input.name.trim(),
    permissions: [...new Set(input.permissions)],
    createdAt: now(),
  };
  await assertWithinOwnRights(db, actor, row.permissions, ORG_WIDE, 'This role');
  await db.transaction(async (tx) => {
    await assertUniqueName(tx, row.name);
    await tx.insert(roles).values(row);
    await recordAudit(tx, actor, {
      action: 'role.create',
      targetType: 'role',
      targetId: row.id,
      after: { name: row.name, permissions: row.permissions },
      ...audit(info),
    });
  });
  return roleView(db, row.id);
}

async function customRole(db: DbOrTx, id: string) {
  const role = await roleView(db, id);
  if (role.builtinKey)
    throw new Problem('conflict', `"${role.name}" is a built-in role and cannot be changed or deleted.`);
  return role;
}

/** Changing a role's permissions changes what every holder may do: each hears of it. */
export async function updateRole(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; permissions?: Permission[] | undefined },
  info: RequestInfo,
) {
  const before = await customRole(db, id);
  // Changing what a role carries needs every permission it carried and will carry: nobody widens a role beyond
  // their own rights, nor strips rights they could not have handed out.
  if (patch.permissions !== undefined)
    await assertWithinOwnRights(db, actor, [...before.permissions, ...patch.permissions], ORG_WIDE, 'This role');
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.permissions !== undefined ? { permissions: [...new Set(patch.permissions)] } : {}),
  };
  await db.transaction(async (tx) => {
    if (set.name !== undefined) await assertUniqueName(tx, set.name, id);
    if (set.permissions) await assertScopableWhileLimited(tx, id, set.permissions);
    if (Object.keys(set).length) await tx.update(roles).set(set).where(eq(roles.id, id));
    await recordAudit(tx, actor, {
      action: 'role.update',
      targetType: 'role',
      targetId: id,
      before: { name: before.name, permissions: before.permissions },
      after: { name: set.name ?? before.name, permissions: set.permissions ?? before.permissions },
      ...audit(info),
    });
    if (set.permissions) await publishEvent(tx, await holders(tx, id), 'me.updated', { reason: 'grants-changed' });
  });
  return roleView(db, id);
}

/** A role granted somewhere with a department may only hold permissions that can be limited to a department. */
async function assertScopableWhileLimited(db: DbOrTx, roleId: string, permissions: Permission[]) {
  const wide = unscopable(permissions);
  if (!wide.length) return;
  const [limited] = await db
    .select({ n: sql<number>`count(*)` })
    .from(roleGrants)
    .where(and(eq(roleGrants.roleId, roleId), isNotNull(roleGrants.departmentId)));
  if (Number(limited!.n) > 0) {
    throw new Problem(
      'conflict',
      `The role is granted limited to a department ${limited!.n} time(s); ` +
        `${wide.map((p) => `"${p}"`).join(', ')} cannot be limited to a department. Revoke those grants first.`,
      { grantCount: Number(limited!.n) },
    );
  }
}

/** A custom role nobody holds; revoke its grants first (`409 in-use`), so nobody loses rights by surprise. */
export async function deleteRole(db: Db, actor: Actor, id: string, info: RequestInfo) {
  const before = await customRole(db, id);
  await db.transaction(async (tx) => {
    const [used] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(roleGrants)
      .where(eq(roleGrants.roleId, id));
    if (Number(used!.n) > 0)
      throw new Problem('in-use', `"${before.name}" is still granted ${used!.n} time(s).`, {
        grantCount: Number(used!.n),
      });
    await tx.delete(roles).where(eq(roles.id, id));
    await recordAudit(tx, actor, {
      action: 'role.delete',
      targetType: 'role',
      targetId: id,
      before: { name: before.name, permissions: before.permissions },
      ...audit(info),
    });
  });
}

// ---- grants ----

/** Four eyes on rights: only a super admin changes their own grants; anyone else asks another admin. */
async function assertNotOwnGrants(db: DbOrTx, actor: Actor, memberId: string) {
  // A key answers for the member who created it: nobody changes their own roles through their own key either.
  const self = actor.kind === 'member' ? actor.subject.id : actor.kind === 'api-key' ? actor.createdBy : null;
  if (self === memberId && !(await isSuperAdmin(db, memberId))) {
    throw new Problem('forbidden', 'You cannot change your own roles; ask another admin.');
  }
}

async function existingMember(db: DbOrTx, id: string) {
  const [m] = await db.select({ id: members.id }).from(members).where(eq(members.id, id));
  if (!m) throw new Problem('not-found', 'No such member.');
  return m;
}

/**
 * Grants a role to a member, optionally limited to a department subtree. The super-admin role: by a super admin only.
 */
export async function grantRole(
  db: Db,
  actor: Actor,
  memberId: string,
  input: { roleId: string; departmentId?: string | null | undefined },
  info: RequestInfo,
) {
  await existingMember(db, memberId);
  await assertNotOwnGrants(db, actor, memberId);
  const [role] = await db.select().from(roles).where(eq(roles.id, input.roleId));
  if (!role)
    throw new Problem('validation', 'No such role.', {
      errors: [{ path: 'roleId', code: 'unknown-role', message: 'No such role' }],
    });
  if (role.builtinKey === 'super-admin') {
    if (!(await actorIsSuperAdmin(db, actor)))
      throw new Problem('forbidden', 'Only a super admin grants the super-admin role.');
    if (input.departmentId)
      throw new Problem('validation', 'The super-admin role is organisation-wide.', {
        errors: [{ path: 'departmentId', code: 'invalid-value', message: 'The super-admin role is organisation-wide' }],
      });
  }
  const wide = unscopable(role.permissions);
  if (input.departmentId && wide.length) {
    const detail =
      `"${role.name}" holds ${wide.map((p) => `"${p}"`).join(', ')}, which cannot be limited to a department: ` +
      `grant it organisation-wide or choose a role of ${SCOPABLE_LIST} only.`;
    throw new Problem('validation', detail, {
      errors: [{ path: 'departmentId', code: 'invalid-value', message: 'This role is organisation-wide' }],
    });
  }
  const department = input.departmentId ? await getDepartment(db, input.departmentId, 'departmentId') : null;
  await assertWithinOwnRights(
    db,
    actor,
    role.permissions,
    { departmentPath: department?.path ?? null },
    `"${role.name}"`,
  );
  const grant = { id: newId(), memberId, roleId: role.id, departmentId: department?.id ?? null, createdAt: now() };
  await db.transaction(async (tx) => {
    if (department) {
      // The role may have changed since it was read: decide on its permissions as they are now.
      const [current] = await tx.select({ permissions: roles.permissions }).from(roles).where(eq(roles.id, role.id));
      if (!current || unscopable(current.permissions).length)
        throw new Problem('conflict', `"${role.name}" changed meanwhile and can no longer be limited to a department.`);
    }
    const [same] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.memberId, memberId),
          eq(roleGrants.roleId, role.id),
          department ? eq(roleGrants.departmentId, department.id) : isNull(roleGrants.departmentId),
        ),
      );
    if (same) throw new Problem('conflict', 'The member already holds this role there.');
    await tx.insert(roleGrants).values(grant);
    await recordAudit(tx, actor, {
      action: 'grant.create',
      targetType: 'member',
      targetId: memberId,
      after: {
        grantId: grant.id,
        roleId: role.id,
        roleName: role.name,
        permissions: role.permissions,
        departmentId: grant.departmentId,
      },
      ...audit(info),
    });
    await publishEvent(tx, [{ kind: 'member', id: memberId }], 'me.updated', { reason: 'grants-changed' });
  });
  return {
    id: grant.id,
    roleId: role.id,
    roleName: role.name,
    departmentId: grant.departmentId,
    departmentName: department?.name ?? null,
  };
}

export async function revokeGrant(db: Db, actor: Actor, memberId: string, grantId: string, info: RequestInfo) {
  const [grant] = await db
    .select({ grant: roleGrants, role: roles })
    .from(roleGrants)
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.memberId, memberId)));
  if (!grant) throw new Problem('not-found', 'No such grant.');
  await assertNotOwnGrants(db, actor, memberId);
  if (grant.role.builtinKey === 'super-admin' && !(await actorIsSuperAdmin(db, actor))) {
    throw new Problem('forbidden', 'Only a super admin revokes the super-admin role.');
  }
  await assertWithinOwnRights(
    db,
    actor,
    grant.role.permissions,
    await whereOf(db, grant.grant.departmentId),
    `"${grant.role.name}"`,
  );
  await db.transaction(async (tx) => {
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordAudit(tx, actor, {
      action: 'grant.delete',
      targetType: 'member',
      targetId: memberId,
      before: {
        grantId,
        roleId: grant.role.id,
        roleName: grant.role.name,
        permissions: grant.role.permissions,
        departmentId: grant.grant.departmentId,
      },
      ...audit(info),
    });
    await publishEvent(tx, [{ kind: 'member', id: memberId }], 'me.updated', { reason: 'grants-changed' });
  });
}
