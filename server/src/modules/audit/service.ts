import type { DbOrTx } from '../../db/client.js';
import { execute } from '../../db/prepared.js';
import { newId } from '../../lib/ids.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';

export type AuditActor = Actor | { kind: 'system' } | { kind: 'anonymous'; ip?: string | null };

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  ip?: string | null;
};

/** Writes one audit row. Call it with the transaction that makes the change, so both commit or neither. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const who =
    actor.kind === 'api-key'
      ? { actorKind: 'api-key' as const, actorId: actor.keyId }
      : actor.kind === 'member' || actor.kind === 'contact'
        ? { actorKind: actor.kind, actorId: actor.subject.id }
        : { actorKind: 'system' as const, actorId: null };
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  // Hand-written (issue 15): every change writes one, and drizzle's insert building cost more than the insert.
  await execute(
    db,
    `insert into audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, before, after,
    request_id, ip) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      newId(),
      now(),
      who.actorKind,
      who.actorId,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      json(entry.before),
      json(entry.after),
      entry.requestId ?? null,
      entry.ip ?? null,
    ],
  );
}
