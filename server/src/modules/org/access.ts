import { and, eq, exists } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import { roleGrants, roles } from '../auth/schema.js';
import type { Scope } from '../auth/scope.js';
import { members } from './schema.js';

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
  const [grant] = await db.select({ id: roleGrants.id }).from(roleGrants)
    .where(and(eq(roleGrants.memberId, memberId), exists(
      db.select({ id: roles.id }).from(roles).where(and(eq(roles.id, roleGrants.roleId), eq(roles.builtinKey, 'super-admin'))),
    ))).limit(1);
  return !!grant;
}

export const actorIsSuperAdmin = async (db: DbOrTx, actor: Actor): Promise<boolean> =>
  actor.kind === 'member' && isSuperAdmin(db, actor.subject.id);
