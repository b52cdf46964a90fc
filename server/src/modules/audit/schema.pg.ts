// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';

export const auditLog = pgTable(
  'audit_log',
  {
    id: text().primaryKey(),
    at: int().notNull(),
    actorKind: text({ enum: ['member', 'contact', 'api-key', 'system'] }).notNull(),
    actorId: text(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: jsonText(),
    after: jsonText(),
    requestId: text(),
    ip: text(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_target_idx').on(t.targetType, t.targetId, t.at),
  ],
);
