import type { DbOrTx } from '../../db/client.js';
import { forEngine, JSON_IDS } from '../../db/engine.js';
import { execute } from '../../db/prepared.js';
import type { MessageRow } from './access.js';
import type { AudienceRow } from './view.js';

/**
 * The send path's SQL (issue 15), written by hand and prepared once per connection (like mailbox/page.ts): drizzle's
 * query building cost more CPU than these statements. The SQL both engines accept, except where a JSON parameter is
 * read as rows: those few fragments are picked per engine here (`forEngine`, issue 18), the statements stay one text.
 */

const bit = (b: boolean) => (b ? 1 : 0);

/**
 * The arrays of a JSON array-of-arrays parameter as rows `j` (cell i: `j.value ->> i`, text). PostgreSQL casts no
 * text to a boolean or bigint column by itself: `AS_BOOL` / `AS_INT` read a cell as one (SQLite stores it as given).
 */
const JSON_ROWS = forEngine('json_each(?) as j', 'json_array_elements(?::json) as j(value)');
const AS_BOOL = forEngine(
  (cell: string) => cell,
  (cell: string) => `(${cell})::int <> 0`,
);
const AS_INT = forEngine(
  (cell: string) => cell,
  (cell: string) => `(${cell})::bigint`,
);

/** A message sent earlier with this `Idempotency-Key` by this sender (R10). */
export async function priorWithKey(db: DbOrTx, senderId: string, key: string) {
  const { rows } = await execute(
    db,
    'select id, request_hash from messages where sender_id = ? and idempotency_key = ?',
    [senderId, key],
  );
  const row = rows[0];
  return row ? { id: String(row[0]), requestHash: row[1] === null ? null : String(row[1]) } : undefined;
}

/** Names of the audience targets of one kind that may receive a message now; ids as one JSON parameter. */
const TARGETS = {
  member: `select id, name from members where id in ${JSON_IDS} and disabled = false`,
  department: `select id, name from departments where id in ${JSON_IDS}`,
  group: `select id, name from groups where id in ${JSON_IDS} and (ends_at is null or ends_at > ?)`,
  contact: `select id, name from contacts where id in ${JSON_IDS} and disabled = false`,
} as const;

export async function targetNames(db: DbOrTx, kind: keyof typeof TARGETS, ids: string[], at: number) {
  const args = kind === 'group' ? [JSON.stringify(ids), at] : [JSON.stringify(ids)];
  const { rows } = await execute(db, TARGETS[kind], args);
  return rows.map((r) => ({ id: String(r[0]), name: String(r[1]) }));
}

const MESSAGE_COLUMNS = [
  'id',
  'thread_id',
  'parent_id',
  'sender_kind',
  'sender_id',
  'sender_department_id',
  'kind',
  'priority',
  'subject',
  'body',
  'body_text',
  'preview',
  'links',
  'receipt_required',
  'expires_in_ms',
  'expires_at',
  'due_at',
  'status',
  'recipient_count',
  'delivered_at',
  'revision',
  'edited_at',
  'recalled_at',
  'recalled_by',
  'deleted_at',
  'deleted_by',
  'reminded_at',
  'expiry_swept_at',
  'idempotency_key',
  'request_hash',
  'created_at',
  'updated_at',
  'scheduled_at',
];
const INSERT_MESSAGE = `insert into messages (${MESSAGE_COLUMNS.join(', ')})
  values (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`;

/** What no new message has yet: an edit, a recall, a deletion, a reminder, an expiry sweep or a purge. */
const NOTHING_YET = {
  revision: 1,
  editedAt: null,
  recalledAt: null,
  recalledBy: null,
  deletedAt: null,
  deletedBy: null,
  remindedAt: null,
  expirySweptAt: null,
  purgedAt: null,
  purgeReason: null,
} as const satisfies Partial<MessageRow>;

/** A new message's row: what the send or conversation decided, and `NOTHING_YET` for the rest. */
export const newMessageRow = (m: Omit<MessageRow, keyof typeof NOTHING_YET>): MessageRow => ({ ...m, ...NOTHING_YET });

/** Writes a message row exactly as given: the caller keeps the same object as what the database holds. */
export async function insertMessage(tx: DbOrTx, m: MessageRow): Promise<void> {
  await execute(tx, INSERT_MESSAGE, [
    m.id,
    m.threadId,
    m.parentId,
    m.senderKind,
    m.senderId,
    m.senderDepartmentId,
    m.kind,
    m.priority,
    m.subject,
    JSON.stringify(m.body),
    m.bodyText,
    m.preview,
    JSON.stringify(m.links),
    bit(m.receiptRequired),
    m.expiresInMs,
    m.expiresAt,
    m.dueAt,
    m.status,
    m.recipientCount,
    m.deliveredAt,
    m.revision,
    m.editedAt,
    m.recalledAt,
    m.recalledBy,
    m.deletedAt,
    m.deletedBy,
    m.remindedAt,
    m.expirySweptAt,
    m.idempotencyKey,
    m.requestHash,
    m.createdAt,
    m.updatedAt,
    m.scheduledAt,
  ]);
}

/** What the sender picked, all entries in one statement (one JSON parameter, the same SQL for any number). */
export async function insertAudience(tx: DbOrTx, rows: AudienceRow[]): Promise<void> {
  if (!rows.length) return;
  await execute(
    tx,
    `insert into message_audience
      (id, message_id, kind, target_id, include_subdepartments, label, resolved_count)
    select j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, ${AS_BOOL('j.value ->> 4')}, j.value ->> 5,
      ${AS_INT('j.value ->> 6')}
    from ${JSON_ROWS}`,
    [
      JSON.stringify(
        rows.map((a) => [
          a.id,
          a.messageId,
          a.kind,
          a.targetId,
          bit(a.includeSubdepartments),
          a.label,
          a.resolvedCount,
        ]),
      ),
    ],
  );
}

/** Delivered: the count triggers (migration 0009) add every recipient's counts in this one statement. */
export async function markSent(
  tx: DbOrTx,
  id: string,
  d: { deliveredAt: number; expiresAt: number | null; recipientCount: number },
): Promise<void> {
  await execute(
    tx,
    `update messages set status = 'sent', delivered_at = ?, expires_at = ?, recipient_count = ?,
    updated_at = ? where id = ?`,
    [d.deliveredAt, d.expiresAt, d.recipientCount, d.deliveredAt, id],
  );
}

/** The draft a message was written from, once it is sent (the sender's own only). */
export async function deleteDraft(tx: DbOrTx, draftId: string, ownerId: string): Promise<boolean> {
  return (await execute(tx, 'delete from drafts where id = ? and owner_id = ?', [draftId, ownerId])).rowsAffected > 0;
}

/** A mailbox row's copy of its message (what `recipients.ts` calls a `Delivery`). */
type Entry = {
  messageId: string;
  threadId: string;
  senderId: string;
  priority: string;
  deliveredAt: number;
  expiresAt: number | null;
  receiptRequired: boolean;
  hasAttachments: boolean;
};

/** The mailbox row's columns a delivery writes (the rest keep their defaults). */
const ENTRY_COLUMNS = `message_id, owner_kind, owner_id, thread_id, sender_id, priority, delivered_at, expires_at,
  receipt_required, has_attachments`;

/**
 * People picked one by one (no department or group): a plain statement per kind of person, no recipients CTE and no
 * union: the active ones of those named, the sender left out.
 */
const DELIVER_TO = {
  member: `insert into mailbox (${ENTRY_COLUMNS})
    select ?, 'member', id, ?, ?, ?, ?, ?, ?, ? from members
    where id in ${JSON_IDS} and disabled = false and id <> ? on conflict do nothing`,
  contact: `insert into mailbox (${ENTRY_COLUMNS})
    select ?, 'contact', id, ?, ?, ?, ?, ?, ?, ? from contacts
    where id in ${JSON_IDS} and disabled = false and id <> ? on conflict do nothing`,
} as const;

/**
 * Delivers to members and contacts picked one by one, as `reachedCte` would reach them: active ones, the sender left
 * out. `contactIds` only for a kind of message that may reach contacts. Answers the rows written.
 */
export async function deliverToPeople(
  tx: DbOrTx,
  memberIds: string[],
  contactIds: string[],
  senderId: string,
  e: Entry,
): Promise<number> {
  const entry = [
    e.messageId,
    e.threadId,
    e.senderId,
    e.priority,
    e.deliveredAt,
    e.expiresAt,
    bit(e.receiptRequired),
    bit(e.hasAttachments),
  ];
  let written = 0;
  for (const [kind, ids] of [
    ['member', memberIds],
    ['contact', contactIds],
  ] as const) {
    if (!ids.length) continue;
    written += (await execute(tx, DELIVER_TO[kind], [...entry, JSON.stringify(ids), senderId])).rowsAffected;
  }
  return written;
}

/**
 * Issue 19 #3: flags the copies of the mentioned members among those the message reached, in one set-based statement
 * over the ids (one JSON parameter); answers whose copies were flagged. A mentioned non-recipient has no copy to flag.
 */
export async function flagMentions(tx: DbOrTx, messageId: string, memberIds: readonly string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const { rows } = await execute(
    tx,
    `update mailbox set mentioned = true
    where message_id = ? and owner_kind = 'member' and owner_id in ${JSON_IDS}
    returning owner_id`,
    [messageId, JSON.stringify(memberIds)],
  );
  return new Set(rows.map((r) => String(r[0])));
}
