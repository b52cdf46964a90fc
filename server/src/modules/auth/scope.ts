import { inArray, like, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { departments } from '../org/schema.js';
import type { Actor } from './actor.js';
import type { Permission } from './permissions.js';

/**
 * Where an actor may use a permission: everywhere, or inside some department subtrees (given by their
 * materialised paths, `/root/…/id/`). A grant without a department is organisation-wide.
 */
export type Scope = { all: true } | { all: false; paths: string[] };

/** The actor's scope for a permission, or null when the actor does not hold it at all. */
export async function scopeOf(db: DbOrTx, actor: Actor, permission: Permission): Promise<Scope | null> {
  const grants = actor.grants.filter((g) => g.permission === permission);
  if (grants.length === 0) return null;
  if (grants.some((g) => g.departmentId === null)) return { all: true };
  const ids = [...new Set(grants.map((g) => g.departmentId!))];
  const rows = await db.select({ path: departments.path }).from(departments).where(inArray(departments.id, ids));
  return { all: false, paths: rows.map((r) => r.path) };
}

/** The widest scope among several permissions (e.g. org.admin or department.manage). */
export async function scopeOfAny(db: DbOrTx, actor: Actor, permissions: Permission[]): Promise<Scope | null> {
  const scopes = (await Promise.all(permissions.map((p) => scopeOf(db, actor, p)))).filter(
    (s): s is Scope => s !== null,
  );
  if (scopes.length === 0) return null;
  if (scopes.some((s) => s.all)) return { all: true };
  return { all: false, paths: [...new Set(scopes.flatMap((s) => (s.all ? [] : s.paths)))] };
}

export const inScope = (scope: Scope, departmentPath: string): boolean =>
  scope.all || scope.paths.some((p) => departmentPath.startsWith(p));

/** A WHERE condition limiting a department `path` column to the scope (always true for `all`). */
export function scopeCondition(scope: Scope, pathColumn: SQLWrapper): SQL {
  if (scope.all) return sql`1 = 1`;
  if (scope.paths.length === 0) return sql`1 = 0`;
  // Paths are made of UUIDs and slashes: nothing in them is a LIKE wildcard.
  return or(...scope.paths.map((p) => like(pathColumn as never, `${p}%`)))!;
}

/** The scope, or `403 forbidden` naming the permissions that would allow the call. */
export async function requireScope(db: DbOrTx, actor: Actor, permissions: Permission[]): Promise<Scope> {
  const scope = await scopeOfAny(db, actor, permissions);
  if (!scope) throw new Problem('forbidden', `This needs ${permissions.map((p) => `"${p}"`).join(' or ')}.`);
  return scope;
}
