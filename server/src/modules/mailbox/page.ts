// The inbox page's hydration in one statement (issue 15): its entries, their messages, sender names, audience,
// attachments, the caller's tags and a reply's first message, for the page's ids in order. The listing's hot SQL
// lives here; it is SQLite (json_each, json_group_array), and a PostgreSQL engine (issue 18) writes its own beside it
// (jsonb_array_elements with ordinality, json_agg) with the same columns.
import type { Db } from '../../db/client.js';
import { readRows, type Row } from '../../db/prepared.js';
import type { MailboxRow, MessageAccess, MessageRow } from '../messages/access.js';
import type { AudienceRow, FirstMessage, ViewExtras } from '../messages/view.js';
import type { AttachmentInfo } from '../attachments/service.js';

const MAILBOX_COLUMNS = `mb.message_id, mb.owner_kind, mb.owner_id, mb.thread_id, mb.sender_id, mb.priority, mb.receipt_required,
  mb.has_attachments, mb.delivered_at, mb.expires_at, mb.read_at, mb.confirmed_at, mb.progress, mb.progress_note, mb.progress_at,
  mb.archived_at, mb.deleted_at`;
const MESSAGE_COLUMNS = `m.id, m.thread_id, m.parent_id, m.sender_kind, m.sender_id, m.sender_department_id, m.kind, m.priority,
  m.subject, m.body, m.body_text, m.links, m.receipt_required, m.expires_in_ms, m.expires_at, m.due_at, m.status, m.recipient_count,
  m.delivered_at, m.revision, m.edited_at, m.recalled_at, m.recalled_by, m.deleted_at, m.deleted_by, m.reminded_at,
  m.expiry_swept_at, m.idempotency_key, m.request_hash, m.created_at, m.updated_at`;

/** Parameters: the page's message ids as a JSON array (in order), the owner. */
const PAGE_SQL = `
  with page(message_id, ord) as (select value, key from json_each(?))
  select ${MAILBOX_COLUMNS}, ${MESSAGE_COLUMNS},
    case m.sender_kind when 'member' then (select name from members where id = m.sender_id)
      when 'contact' then (select name from contacts where id = m.sender_id)
      else (select name from api_keys where id = m.sender_id) end,
    (select json_group_array(json_array(a.id, a.kind, a.target_id, a.include_subdepartments, a.label, a.resolved_count))
      from (select * from message_audience a where a.message_id = m.id order by a.id) a),
    (select json_group_array(json_array(f.id, f.name, f.size, f.content_type))
      from (select * from attachments f where f.message_id = m.id order by f.created_at, f.id) f),
    (select json_group_array(t.tag_id)
      from (select tag_id from mailbox_tags t where t.owner_id = mb.owner_id and t.message_id = mb.message_id
            order by t.created_at, t.tag_id) t),
    fm.sender_id, fm.sender_kind, fm.recalled_at, fm.deleted_at, fm.expires_at
  from page
  join mailbox mb on mb.owner_id = ? and mb.message_id = page.message_id
  join messages m on m.id = mb.message_id
  left join messages fm on m.parent_id is not null and fm.id = m.thread_id
  order by page.ord`;

const bool = (v: unknown) => v === 1 || v === true;
type N = number | null;
type S = string | null;

function mailboxRow(r: Row): MailboxRow {
  return {
    messageId: r[0] as string, ownerKind: r[1] as MailboxRow['ownerKind'], ownerId: r[2] as string, threadId: r[3] as string,
    senderId: r[4] as string, priority: r[5] as MailboxRow['priority'], receiptRequired: bool(r[6]), hasAttachments: bool(r[7]),
    deliveredAt: r[8] as number, expiresAt: r[9] as N, readAt: r[10] as N, confirmedAt: r[11] as N,
    progress: r[12] as MailboxRow['progress'], progressNote: r[13] as S, progressAt: r[14] as N, archivedAt: r[15] as N, deletedAt: r[16] as N,
  };
}

const M = 17; // where the message's columns start
function messageRow(r: Row): MessageRow {
  return {
    id: r[M] as string, threadId: r[M + 1] as string, parentId: r[M + 2] as S, senderKind: r[M + 3] as MessageRow['senderKind'],
    senderId: r[M + 4] as string, senderDepartmentId: r[M + 5] as S, kind: r[M + 6] as MessageRow['kind'],
    priority: r[M + 7] as MessageRow['priority'], subject: r[M + 8] as string, body: JSON.parse(r[M + 9] as string),
    bodyText: r[M + 10] as string, links: JSON.parse(r[M + 11] as string), receiptRequired: bool(r[M + 12]),
    expiresInMs: r[M + 13] as N, expiresAt: r[M + 14] as N, dueAt: r[M + 15] as N, status: r[M + 16] as MessageRow['status'],
    recipientCount: r[M + 17] as number, deliveredAt: r[M + 18] as N, revision: r[M + 19] as number, editedAt: r[M + 20] as N,
    recalledAt: r[M + 21] as N, recalledBy: r[M + 22] as S, deletedAt: r[M + 23] as N, deletedBy: r[M + 24] as S,
    remindedAt: r[M + 25] as N, expirySweptAt: r[M + 26] as N, idempotencyKey: r[M + 27] as S, requestHash: r[M + 28] as S,
    createdAt: r[M + 29] as number, updatedAt: r[M + 30] as number,
  };
}

const X = M + 31; // sender name, audience, attachments, tags, then the first message
type AudienceTuple = [string, AudienceRow['kind'], string, number, string, number];
type FileTuple = [string, string, number, string];

/**
 * The page's entries as the listing shows them (recipient's accesses), in the order of `messageIds`, and the extras
 * their views need — one statement.
 */
export async function readMailboxPage(db: Db, ownerId: string, messageIds: string[]): Promise<{ accesses: MessageAccess[]; extras: ViewExtras }> {
  const extras: ViewExtras = { names: new Map(), audience: new Map(), files: new Map(), tagIds: new Map(), firsts: new Map() };
  if (!messageIds.length) return { accesses: [], extras };
  const rows = await readRows(db, PAGE_SQL, [JSON.stringify(messageIds), ownerId]);
  const accesses = rows.map((r): MessageAccess => {
    const message = messageRow(r);
    extras.names.set(message.senderId, (r[X] as S) ?? '');
    extras.audience.set(message.id, (JSON.parse(r[X + 1] as string) as AudienceTuple[]).map(([id, kind, targetId, sub, label, count]) => ({
      id, messageId: message.id, kind, targetId, includeSubdepartments: bool(sub), label, resolvedCount: count,
    })));
    const files = JSON.parse(r[X + 2] as string) as FileTuple[];
    if (files.length) extras.files.set(message.id, files.map(([id, name, size, contentType]): AttachmentInfo => ({ id, name, size, contentType })));
    const tags = JSON.parse(r[X + 3] as string) as string[];
    if (tags.length) extras.tagIds.set(message.id, tags);
    if (message.parentId !== null && r[X + 4] !== null) {
      const first: FirstMessage = { senderId: r[X + 4] as string, senderKind: r[X + 5] as FirstMessage['senderKind'],
        recalledAt: r[X + 6] as N, deletedAt: r[X + 7] as N, expiresAt: r[X + 8] as N };
      extras.firsts.set(message.threadId, first);
    }
    return { message, entry: mailboxRow(r), sender: false, viewer: false, manager: false };
  });
  return { accesses, extras };
}
