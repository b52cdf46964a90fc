import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** R14: one row for every state change — who, what, when, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text().primaryKey(),
    at: integer().notNull(),
    actorKind: text({ enum: ['member', 'contact', 'api-key', 'system'] }).notNull(),
    actorId: text(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
    requestId: text(),
    ip: text(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_target_idx').on(t.targetType, t.targetId, t.at),
  ],
);
