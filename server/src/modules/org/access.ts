import { and, eq, exists, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { PERMISSIONS, type Permission } from '../auth/permissions.js';
import { roleGrants, roles } from '../auth/schema.js';
import { inScope, scopeOf, type Scope } from '../auth/scope.js';
import { departments, members } from './schema.js';

/** Who may change departments and members (in their scope). */
export const MANAGE: Permission[] = ['org.admin', 'department.manage'];
/** Who may look at members (in their scope). */
export const VIEW: Permission[] = ['org.admin', 'department.manage', 'data.view'];

/**
 * A department admin changes the departments *below* the root of its subtree, not the root itself: renaming,
 * moving or deleting the root needs the parent's scope (docs/api.md, "Scope").
 */
export const manages = (scope: Scope, departmentPath: string): boolean =>
  scope.all || scope.paths.some((p) => departmentPath.startsWith(p) && departmentPath !== p);

/** Organisation data (the tree, positions, roles) is for staff and API keys, not for external contacts. */
export function requireStaff(actor: Actor): void {
  if (actor.kind === 'contact') throw new Problem('forbidden', 'External contacts cannot see the organisation.');
}

/** A super admin: the account created at first start, or anyone granted the super-admin role. */
export async function isSuperAdmin(db: DbOrTx, memberId: string): Promise<boolean> {
  const [row] = await db.select({ flag: members.isSuperAdmin }).from(members).where(eq(members.id, memberId));
  if (!row) return false;
  if (row.flag) return true;
  const [grant] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.memberId, memberId),
        exists(
          db
            .select({ id: roles.id })
            .from(roles)
            .where(and(eq(roles.id, roleGrants.roleId), eq(roles.builtinKey, 'super-admin'))),
        ),
      ),
    )
    .limit(1);
  return !!grant;
}

export const actorIsSuperAdmin = async (db: DbOrTx, actor: Actor): Promise<boolean> =>
  actor.kind === 'member' && isSuperAdmin(db, actor.subject.id);

// ---- rights beyond the caller's reach ----

/** One grant a member holds: its role's permissions and where (`departmentPath` null = organisation-wide). */
export type HeldGrant = { builtinKey: string | null; permissions: Permission[]; departmentPath: string | null };

/** The grants of these members, by member id (members without grants are absent). */
export async function heldGrants(db: DbOrTx, memberIds: string[]): Promise<Map<string, HeldGrant[]>> {
  const out = new Map<string, HeldGrant[]>();
  const ids = [...new Set(memberIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({
        memberId: roleGrants.memberId,
        builtinKey: roles.builtinKey,
        permissions: roles.permissions,
        departmentPath: departments.path,
      })
      .from(roleGrants)
      .innerJoin(roles, eq(roles.id, roleGrants.roleId))
      .leftJoin(departments, eq(departments.id, roleGrants.departmentId))
      .where(inArray(roleGrants.memberId, ids.slice(i, i + 500)));
    for (const { memberId, ...g } of rows) out.set(memberId, [...(out.get(memberId) ?? []), g]);
  }
  return out;
}

/** Where the caller's own rights reach: organisation-wide `org.admin`, or each permission's scope. */
export type Reach = { orgAdmin: boolean; manage: Scope | null; scopes: Map<Permission, Scope> };

export async function reachOf(db: DbOrTx, actor: Actor, manage: Scope | null): Promise<Reach> {
  const orgAdmin = actor.grants.some((g) => g.permission === 'org.admin' && g.departmentId === null);
  const scopes = new Map<Permission, Scope>();
  for (const p of PERMISSIONS) {
    const s = await scopeOf(db, actor, p);
    if (s) scopes.set(p, s);
  }
  return { orgAdmin, manage, scopes };
}

/**
 * Whether a member's grants reach beyond the caller: a permission the caller does not hold where the member holds it
 * (organisation-wide, or in that department); and for anyone without organisation-wide `org.admin`, any
 * organisation-wide grant or one outside the caller's managed subtrees. Taking over such an account (a password
 * reset, disabling it, moving it) would hand the caller rights it does not have (issue 13: an org admin resetting the
 * password of an `approval.admin` holder), or take them from someone above it.
 */
export function beyondReach(reach: Reach, grants: readonly HeldGrant[]): boolean {
  return grants.some((g) => {
    const path = g.departmentPath;
    if (!reach.orgAdmin && (path === null || !reach.manage || !inScope(reach.manage, path))) return true;
    return g.permissions.some((p) => {
      const s = reach.scopes.get(p);
      return !s || (path === null ? !s.all : !inScope(s, path));
    });
  });
}

/** A super admin by the flag or by a grant of the super-admin role (the grants as read by `heldGrants`). */
export const superAdminByGrants = (flag: boolean, grants: readonly HeldGrant[]): boolean =>
  flag || grants.some((g) => g.builtinKey === 'super-admin');
