import type { DbOrTx } from '../../db/client.js';
import { newId } from '../../lib/ids.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { auditLog } from './schema.js';

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
    actor.kind === 'api-key' ? { actorKind: 'api-key' as const, actorId: actor.keyId }
    : actor.kind === 'member' || actor.kind === 'contact' ? { actorKind: actor.kind, actorId: actor.subject.id }
    : { actorKind: 'system' as const, actorId: null };
  await db.insert(auditLog).values({
    id: newId(),
    at: now(),
    ...who,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
    ip: entry.ip ?? null,
  });
}
