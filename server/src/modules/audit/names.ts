// Issue 23: the audit trail reads like sentences — "张三 sent 'Q4 launch' to 技术部 (12 people)". A page of entries gets
// its targets' names (and a sent message's audience) set-based: one query per kind of target on the page, never one
// per entry. Names are as they are now; a deleted target keeps only its id (the entry's before/after has the rest).
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvalFlows } from '../approvals/schema.js';
import { apiKeys, embedApps } from '../apps/schema.js';
import { roles } from '../auth/schema.js';
import { contacts } from '../contacts/schema.js';
import { groups } from '../groups/schema.js';
import { messages } from '../messages/schema.js';
import { departments, members, positions } from '../org/schema.js';
import { tags } from '../tags/schema.js';
import { auditLog } from './schema.js';

type NameRow = { id: string; name: string; key?: string | null };
const NAMED = {
  member: (db: DbOrTx, ids: string[]) =>
    db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids)),
  department: (db: DbOrTx, ids: string[]) =>
    db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids)),
  position: (db: DbOrTx, ids: string[]) =>
    db.select({ id: positions.id, name: positions.name }).from(positions).where(inArray(positions.id, ids)),
  role: (db: DbOrTx, ids: string[]) =>
    db.select({ id: roles.id, name: roles.name, key: roles.builtinKey }).from(roles).where(inArray(roles.id, ids)),
  contact: (db: DbOrTx, ids: string[]) =>
    db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, ids)),
  group: (db: DbOrTx, ids: string[]) =>
    db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, ids)),
  message: (db: DbOrTx, ids: string[]) =>
    db.select({ id: messages.id, name: messages.subject }).from(messages).where(inArray(messages.id, ids)),
  'approval-flow': (db: DbOrTx, ids: string[]) =>
    db
      .select({ id: approvalFlows.id, name: approvalFlows.name })
      .from(approvalFlows)
      .where(inArray(approvalFlows.id, ids)),
  'embed-app': (db: DbOrTx, ids: string[]) =>
    db.select({ id: embedApps.id, name: embedApps.name }).from(embedApps).where(inArray(embedApps.id, ids)),
  'api-key': (db: DbOrTx, ids: string[]) =>
    db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, ids)),
  tag: (db: DbOrTx, ids: string[]) =>
    db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, ids)),
} satisfies Record<string, (db: DbOrTx, ids: string[]) => Promise<NameRow[]>>;

/** `type:id` → name (and a built-in role's key), for every (type, id) asked, one query per type. */
async function namesOf(db: DbOrTx, wanted: Array<{ type: string; id: string }>): Promise<Map<string, NameRow>> {
  const byType = new Map<string, Set<string>>();
  for (const { type, id } of wanted)
    if (type in NAMED) (byType.get(type) ?? byType.set(type, new Set()).get(type)!).add(id);
  const found = new Map<string, NameRow>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      for (const row of await NAMED[type as keyof typeof NAMED](db, [...ids])) found.set(`${type}:${row.id}`, row);
    }),
  );
  return found;
}

export interface AudienceName {
  kind: string;
  id: string;
  name: string | null;
}
export interface TargetNames {
  targetName: string | null;
  /** A built-in role's key (its name in the reader's language), else null. */
  targetKey: string | null;
  /** For `message.send`: whom it went to, by name, and how many people it reached. */
  audience: AudienceName[] | null;
  recipientCount: number | null;
}

type SentAfter = { audience?: Array<{ kind?: string; targetId?: string }>; recipientCount?: number };

/** Names for a page of entries (`message.send` entries also get their audience and recipient count). */
export async function withTargetNames<
  T extends { id: string; action: string; targetType: string; targetId: string | null },
>(db: DbOrTx, items: T[]): Promise<Array<T & TargetNames>> {
  const sentIds = items.filter((i) => i.action === 'message.send').map((i) => i.id);
  const sent = new Map<string, SentAfter>();
  if (sentIds.length) {
    const rows = await db
      .select({ id: auditLog.id, after: auditLog.after })
      .from(auditLog)
      .where(inArray(auditLog.id, sentIds));
    for (const row of rows) sent.set(row.id, (row.after ?? {}) as SentAfter);
  }
  const wanted = items.filter((i) => i.targetId).map((i) => ({ type: i.targetType, id: i.targetId! }));
  for (const after of sent.values())
    for (const a of after.audience ?? []) if (a.kind && a.targetId) wanted.push({ type: a.kind, id: a.targetId });
  const names = await namesOf(db, wanted);
  return items.map((item) => {
    const target = item.targetId ? names.get(`${item.targetType}:${item.targetId}`) : undefined;
    const after = sent.get(item.id);
    return {
      ...item,
      targetName: target?.name ?? null,
      targetKey: target?.key ?? null,
      audience: after
        ? (after.audience ?? []).map((a) => ({
            kind: a.kind ?? '',
            id: a.targetId ?? '',
            name: names.get(`${a.kind}:${a.targetId}`)?.name ?? null,
          }))
        : null,
      recipientCount: after && typeof after.recipientCount === 'number' ? after.recipientCount : null,
    };
  });
}
