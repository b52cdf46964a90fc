import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const MESSAGE_KINDS = ['internal', 'external', 'urgent'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/**
 * `pending-approval`, `rejected` and `withdrawn` belong to approval flows; recall and delete are timestamps.
 * `scheduled` (issue 20 #1): approved if it had to be, waiting for its `scheduledAt`; cancelled, it is `withdrawn`.
 */
export const MESSAGE_STATUSES = ['pending-approval', 'sent', 'rejected', 'withdrawn', 'scheduled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const PURGE_REASONS = ['expired', 'retention'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];
export const AUDIENCE_KINDS = ['member', 'department', 'group', 'contact'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/** A link found in a message body when it was checked; `flag` says why recipients see a warning. */
export type CheckedLink = { href: string; host: string | null; flag: 'unlisted' | 'lookalike' | null };

/**
 * One message: a thread's first message (`threadId = id`) or a reply (`parentId`). The body is a Herald rich-text
 * document (JSON, see messages/content), never HTML; `bodyText` is its plain text (search, e-mail, SMS).
 */
export const messages = sqliteTable(
  'messages',
  {
    id: text().primaryKey(),
    threadId: text().notNull(),
    parentId: text(),
    /** `api-key`: a host back end sending as itself (README, "Server to server"); shown with the key's name. */
    senderKind: text({ enum: ['member', 'contact', 'api-key'] }).notNull(),
    senderId: text().notNull(),
    /** The sender's primary department when sent: what `message.manage` and `data.view` scopes are checked against. */
    senderDepartmentId: text(),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    priority: text({ enum: PRIORITIES }).notNull().default('normal'),
    subject: text().notNull(),
    body: text({ mode: 'json' }).notNull(),
    bodyText: text().notNull().default(''),
    /**
     * Issue 20 #5: the start of `bodyText` on one line (≤ `PREVIEW_CHARS` + an ellipsis), written with it at send and
     * edit, so the list reads a short column instead of the whole text.
     */
    preview: text().notNull().default(''),
    links: text({ mode: 'json' }).$type<CheckedLink[]>().notNull().default([]),
    receiptRequired: integer({ mode: 'boolean' }).notNull().default(false),
    /** Expiry as a duration, counted from delivery (R9 "void after 24 h"), or as a fixed time. */
    expiresInMs: integer(),
    expiresAt: integer(),
    dueAt: integer(),
    status: text({ enum: MESSAGE_STATUSES }).notNull(),
    recipientCount: integer().notNull().default(0),
    deliveredAt: integer(),
    revision: integer().notNull().default(1),
    editedAt: integer(),
    recalledAt: integer(),
    recalledBy: text(),
    deletedAt: integer(),
    deletedBy: text(),
    /** The sender last reminded those who had not read or confirmed (at most once per 5 minutes). */
    remindedAt: integer(),
    /** Set by the expiry sweep once the content left the search index and recipients were told. */
    expirySweptAt: integer(),
    /**
     * When the purge removed the content for everyone (issue 19 item 8; retention/purge.ts): `expired` after expiry
     * plus the admin's grace period, `retention` by the retention policy. What is left is a stub: who, when, to whom.
     */
    purgedAt: integer(),
    purgeReason: text({ enum: PURGE_REASONS }),
    idempotencyKey: text(),
    requestHash: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
    /** Scheduled send (issue 20 #1): when its sender asked it to be delivered; kept after delivery. */
    scheduledAt: integer(),
    /**
     * Issue 20 #4: the message this one forwards. Set only on forwards (after the insert, in the same transaction);
     * a forward delivered later (after approval, or scheduled) is withdrawn if its original went meanwhile.
     */
    forwardOf: text(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_idx')
      .on(t.senderId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('messages_sender_idx').on(t.senderId, t.createdAt, t.id),
    index('messages_thread_idx').on(t.threadId, t.createdAt),
    // The reach dashboard's window (issue 24): messages delivered in the last days, one b-tree entry per message.
    index('messages_delivered_idx').on(t.deliveredAt),
    // No index on `status` alone (migration 0014, issue 15): no query looks messages up by it, and every send wrote it.
    index('messages_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null and ${t.expirySweptAt} is null`),
    // The purge's two queues (retention/purge.ts): expired messages by expiry, and every unpurged one by age.
    index('messages_purge_expired_idx')
      .on(t.expiresAt, t.id)
      .where(sql`${t.expiresAt} is not null and ${t.purgedAt} is null`),
    index('messages_retention_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.purgedAt} is null`),
    // The scheduled-send worker's queue (issue 20 #1): only messages still waiting for their time.
    index('messages_scheduled_idx')
      .on(t.scheduledAt, t.id)
      .where(sql`${t.status} = 'scheduled' and ${t.deletedAt} is null`),
  ],
);

/** What the sender picked (R7), with the name and head count when sent: the preview and history show it. */
export const messageAudience = sqliteTable(
  'message_audience',
  {
    id: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    kind: text({ enum: AUDIENCE_KINDS }).notNull(),
    targetId: text().notNull(),
    includeSubdepartments: integer({ mode: 'boolean' }).notNull().default(true),
    label: text().notNull(),
    resolvedCount: integer().notNull().default(0),
  },
  // Read only by message, in entry order: the key is both (migration 0014, issue 15), one b-tree fewer per send
  // than an id key plus an index on the message.
  (t) => [primaryKey({ columns: [t.messageId, t.id] })],
);

/** The content before each edit (R4, R14): revision N holds what recipients saw until revision N+1. */
export const messageRevisions = sqliteTable(
  'message_revisions',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    subject: text().notNull(),
    body: text({ mode: 'json' }).notNull(),
    bodyText: text().notNull(),
    /** Who replaced this version with the next one. */
    replacedBy: text(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex('message_revisions_idx').on(t.messageId, t.revision)],
);

/** A composer's unsent state, saved as the user types; loosely checked (a draft may be incomplete). */
export const drafts = sqliteTable(
  'drafts',
  {
    id: text().primaryKey(),
    ownerId: text().notNull(),
    data: text({ mode: 'json' }).notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('drafts_owner_idx').on(t.ownerId, t.updatedAt)],
);
