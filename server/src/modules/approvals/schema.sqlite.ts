import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { messages } from '../messages/schema.sqlite.js';

export const METHODS = ['any', 'all'] as const;
export const SELF_APPROVAL = ['skip', 'forbid'] as const;
export type SelfApproval = (typeof SELF_APPROVAL)[number];
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'stuck'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const DECISIONS = ['approved', 'rejected'] as const;
/** A signature drawn on the pad (a PNG in the blob store) or typed as a name by a keyboard user (issue 19 item 2). */
export const SIGNATURE_KINDS = ['drawn', 'typed'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];
export type Decision = (typeof DECISIONS)[number];

/** When a flow applies (docs/api.md "Approvals"); an absent condition holds for any message. */
export type FlowConditions = {
  kinds?: Array<'internal' | 'external' | 'urgent'> | undefined;
  priorities?: Array<'normal' | 'high' | 'urgent'> | undefined;
  senderDepartmentId?: string | undefined;
  hasExternalRecipients?: boolean | undefined;
  minRecipients?: number | undefined;
  hasAttachments?: boolean | undefined;
};

/** Who approves a node, resolved against the sender when the node becomes current. */
export type ApproverRule =
  | { kind: 'members'; memberIds: string[] }
  | { kind: 'department-head' }
  | { kind: 'department-head-up'; levels: number }
  | { kind: 'role'; roleId: string; inSenderDepartment?: boolean | undefined };

/** `signOff` (签批, issue 19 item 2): each decision on the step needs an opinion and the approver's signature. */
export type FlowNode = {
  name: string;
  approvers: ApproverRule;
  method: (typeof METHODS)[number];
  cc: string[];
  signOff?: boolean | undefined;
};

/** Why a flow applied, one per condition that held: a code with its parameters, put into words by the widgets. */
export const MATCH_REASONS = [
  'kind',
  'priority',
  'sender-department',
  'external-recipients',
  'min-recipients',
  'attachments',
  'every-message',
] as const;
export type MatchReason = { code: (typeof MATCH_REASONS)[number]; params: Record<string, string | number> };

/**
 * What a request runs by: the flow as it was when the message was submitted (edits to the flow do not reach it).
 * `reasons` of requests submitted before reasons were codes are English sentences (answered as code `text`).
 */
export type FlowSnapshot = {
  id: string;
  name: string;
  reasons: Array<MatchReason | string>;
  conditions: FlowConditions;
  nodes: FlowNode[];
  selfApproval: SelfApproval;
};

/** A flow (R5): which messages wait for approval and who approves them; tried in `position` order. */
export const approvalFlows = sqliteTable(
  'approval_flows',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    position: integer().notNull(),
    enabled: integer({ mode: 'boolean' }).notNull().default(true),
    conditions: text({ mode: 'json' }).$type<FlowConditions>().notNull(),
    nodes: text({ mode: 'json' }).$type<FlowNode[]>().notNull(),
    selfApproval: text({ enum: SELF_APPROVAL }).notNull().default('skip'),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('approval_flows_position_idx').on(t.position)],
);

/**
 * One message's approval: its round (a resubmission starts the next) and the node it waits on. History is the audit
 * trail (`targetType = 'approval'`).
 */
export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The flow it started from (it may since have been deleted); the snapshot is what it runs by. */
    flowId: text().notNull(),
    flow: text({ mode: 'json' }).$type<FlowSnapshot>().notNull(),
    senderId: text().notNull(),
    round: integer().notNull().default(1),
    status: text({ enum: REQUEST_STATUSES }).notNull(),
    currentNode: integer().notNull().default(0),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex('approval_requests_message_idx').on(t.messageId),
    index('approval_requests_sender_idx').on(t.senderId, t.createdAt),
    index('approval_requests_status_idx').on(t.status),
  ],
);

/** One approver's part in one node of one round; the todo queue is the undecided ones of current nodes. */
export const approvalTasks = sqliteTable(
  'approval_tasks',
  {
    id: text().primaryKey(),
    requestId: text()
      .notNull()
      .references(() => approvalRequests.id, { onDelete: 'cascade' }),
    round: integer().notNull(),
    nodeIndex: integer().notNull(),
    approverId: text().notNull(),
    decision: text({ enum: DECISIONS }),
    comment: text(),
    decidedAt: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex('approval_tasks_idx').on(t.requestId, t.round, t.nodeIndex, t.approverId),
    index('approval_tasks_queue_idx').on(t.approverId, t.decision),
  ],
);

/**
 * The signature of one decision on a sign-off step (签批, issue 19 item 2): a drawn PNG kept in the blob store like an
 * attachment (`blobKey`, `size`, `sha256`, checked dimensions), or a typed name (`typedName`). Never inlined in lists.
 */
export const approvalSignatures = sqliteTable(
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
    size: integer(),
    sha256: text(),
    width: integer(),
    height: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex('approval_signatures_task_idx').on(t.taskId),
    index('approval_signatures_request_idx').on(t.requestId),
  ],
);
