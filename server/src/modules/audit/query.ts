import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { and, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { scopeOf } from '../auth/scope.js';
import { apiKeys } from '../apps/schema.js';
import { contacts } from '../contacts/schema.js';
import { members } from '../org/schema.js';
import { auditLog } from './schema.js';

export type AuditFilters = {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
};

/** The trail is organisation-wide: reading it needs `data.view` without a department limit (R14). */
export async function requireAuditReader(db: DbOrTx, actor: Actor): Promise<void> {
  const scope = await scopeOf(db, actor, 'data.view');
  if (!scope?.all) throw new Problem('forbidden', 'The audit trail needs organisation-wide "data.view".');
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorKind: auditLog.actorKind,
  actorId: auditLog.actorId,
  actorName: sql<string | null>`coalesce(${members.name}, ${contacts.name}, ${apiKeys.name})`,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  requestId: auditLog.requestId,
  ip: auditLog.ip,
};

const select = (db: DbOrTx) =>
  db
    .select(columns)
    .from(auditLog)
    .leftJoin(members, and(eq(auditLog.actorKind, 'member'), eq(members.id, auditLog.actorId)))
    .leftJoin(contacts, and(eq(auditLog.actorKind, 'contact'), eq(contacts.id, auditLog.actorId)))
    .leftJoin(apiKeys, and(eq(auditLog.actorKind, 'api-key'), eq(apiKeys.id, auditLog.actorId)));

const selectFull = (db: DbOrTx) =>
  db
    .select({ ...columns, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(members, and(eq(auditLog.actorKind, 'member'), eq(members.id, auditLog.actorId)))
    .leftJoin(contacts, and(eq(auditLog.actorKind, 'contact'), eq(contacts.id, auditLog.actorId)))
    .leftJoin(apiKeys, and(eq(auditLog.actorKind, 'api-key'), eq(apiKeys.id, auditLog.actorId)));

function conditions(f: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  // `member.*` selects a family of actions; otherwise the action is matched exactly.
  if (f.action) {
    const prefix = f.action.slice(0, -1); // `member.`
    where.push(
      f.action.endsWith('.*')
        ? sql`substr(${auditLog.action}, 1, ${prefix.length}) = ${prefix}`
        : eq(auditLog.action, f.action),
    );
  }
  if (f.targetType) where.push(eq(auditLog.targetType, f.targetType));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  if (f.from !== undefined) where.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) where.push(lte(auditLog.at, f.to));
  return where;
}

type Position = { at: number; id: string };
const positionOf = (cursor: string): Position => {
  const [at, id] = decodeCursor(cursor, ['number', 'string'] as const);
  return { at, id };
};
const after = (p: Position) =>
  or(sql`${auditLog.at} < ${p.at}`, and(eq(auditLog.at, p.at), sql`${auditLog.id} < ${p.id}`))!;

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['items'][number];

/** Newest first, keyset-paged on (at, id). */
export async function listAudit(db: DbOrTx, filters: AuditFilters, cursor: string | undefined, limit: number) {
  const where = conditions(filters);
  if (cursor) where.push(after(positionOf(cursor)));
  const rows = await select(db)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.at, items.at(-1)!.id) : null };
}

export async function getAudit(db: DbOrTx, id: string) {
  const [row] = await selectFull(db).where(eq(auditLog.id, id));
  if (!row) throw new Problem('not-found', 'No such audit entry.');
  return row;
}

export const EXPORT_MAX_ROWS = 100_000;
/** Entries a page: one page (its read, JSON and the file's lines) stays a few milliseconds (issue 15: no stalls). */
export const AUDIT_EXPORT_BATCH = 250;

/** Every matching entry with before/after, newest first, a batch at a time (never the whole trail in memory). */
export async function* auditBatches(db: DbOrTx, filters: AuditFilters, max = EXPORT_MAX_ROWS) {
  let position: Position | undefined;
  let sent = 0;
  while (sent < max) {
    const where = conditions(filters);
    if (position) where.push(after(position));
    const rows = await selectFull(db)
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(Math.min(AUDIT_EXPORT_BATCH, max - sent));
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    position = rows.at(-1)!;
    if (rows.length < AUDIT_EXPORT_BATCH) return;
  }
}
