import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { getDepartment } from '../org/departments.js';
import type { Actor } from './actor.js';
import type { Permission } from './permissions.js';
import { inScope, scopeOf } from './scope.js';

/** Where rights are handed out: organisation-wide (`null`) or in one department's subtree (its materialised path). */
export type Where = { departmentPath: string | null };

/** The permissions of `wanted` that the actor does not hold there (org-wide needs an org-wide grant). */
export async function missingRights(
  db: DbOrTx,
  actor: Actor,
  wanted: readonly Permission[],
  where: Where,
): Promise<Permission[]> {
  const missing: Permission[] = [];
  for (const permission of new Set(wanted)) {
    const scope = await scopeOf(db, actor, permission);
    const held = scope !== null && (where.departmentPath === null ? scope.all : inScope(scope, where.departmentPath));
    if (!held) missing.push(permission);
  }
  return missing;
}

/**
 * No one hands out more than they hold (R4): an API key, a role or a grant carries only permissions its creator
 * holds where it applies. `system` (the command line, run by the operator) is not limited.
 */
export async function assertWithinOwnRights(
  db: DbOrTx,
  actor: Actor | { kind: 'system' },
  wanted: readonly Permission[],
  where: Where,
  what: string,
): Promise<void> {
  if (actor.kind === 'system') return;
  const missing = await missingRights(db, actor, wanted, where);
  if (missing.length === 0) return;
  const place = where.departmentPath === null ? 'organisation-wide' : 'in that department';
  throw new Problem(
    'forbidden',
    `${what} would carry ${missing.map((p) => `"${p}"`).join(', ')}, which you do not hold ${place}.`,
    {
      reason: 'exceeds-own-rights',
      permissions: missing,
    },
  );
}

/** The `Where` of a department id (null: organisation-wide). */
export const whereOf = async (db: DbOrTx, departmentId: string | null | undefined): Promise<Where> => ({
  departmentPath: departmentId ? (await getDepartment(db, departmentId, 'departmentId')).path : null,
});
