// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import { messages } from '../messages/schema.pg.js';
import type { FlowConditions, FlowNode, FlowSnapshot } from './schema.sqlite.js';
import { DECISIONS, REQUEST_STATUSES, SELF_APPROVAL, SIGNATURE_KINDS } from './schema.sqlite.js';

export const approvalFlows = pgTable(
  'approval_flows',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    position: int().notNull(),
    enabled: boolean().notNull().default(true),
    conditions: jsonText().$type<FlowConditions>().notNull(),
    nodes: jsonText().$type<FlowNode[]>().notNull(),
    selfApproval: text({ enum: SELF_APPROVAL }).notNull().default('skip'),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [index('approval_flows_position_idx').on(t.position)],
);

export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    flowId: text().notNull(),
    flow: jsonText().$type<FlowSnapshot>().notNull(),
    senderId: text().notNull(),
    round: int().notNull().default(1),
    status: text({ enum: REQUEST_STATUSES }).notNull(),
    currentNode: int().notNull().default(0),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [
    uniqueIndex('approval_requests_message_idx').on(t.messageId),
    index('approval_requests_sender_idx').on(t.senderId, t.createdAt),
    index('approval_requests_status_idx').on(t.status),
  ],
);

export const approvalTasks = pgTable(
  'approval_tasks',
  {
    id: text().primaryKey(),
    requestId: text()
      .notNull()
      .references(() => approvalRequests.id, { onDelete: 'cascade' }),
    round: int().notNull(),
    nodeIndex: int().notNull(),
    approverId: text().notNull(),
    decision: text({ enum: DECISIONS }),
    comment: text(),
    decidedAt: int(),
    createdAt: int().notNull(),
  },
  (t) => [
    uniqueIndex('approval_tasks_idx').on(t.requestId, t.round, t.nodeIndex, t.approverId),
    index('approval_tasks_queue_idx').on(t.approverId, t.decision),
  ],
);

export const approvalSignatures = pgTable(
  'approval_signatures',
  {
    id: text().primaryKey(),
    taskId: text()
      .notNull()
      .references(() => approvalTasks.id, { onDelete: 'cascade' }),
    requestId: text()
      .notNull()
      .references(() => approvalRequests.id, { onDelete: 'cascade' }),
    signerId: text().notNull(),
    kind: text({ enum: SIGNATURE_KINDS }).notNull(),
    typedName: text(),
    blobKey: text(),
    size: int(),
    sha256: text(),
    width: int(),
    height: int(),
    createdAt: int().notNull(),
  },
  (t) => [
    uniqueIndex('approval_signatures_task_idx').on(t.taskId),
    index('approval_signatures_request_idx').on(t.requestId),
  ],
);
