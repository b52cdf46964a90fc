// The inbox page's hydration in one statement (issue 15): its entries, their messages, sender names, audience,
// attachments, the caller's tags and a reply's first message, for the page's ids in order, each row one JSON array.
// Only what a view shows is read, and as one value per row: handing SQLite's values to JavaScript one by one cost
// more than the query (48 columns × 69 rows ≈ 0.9 ms; one JSON text per row, parsed, ≈ 0.4 ms).
// The listing's hot SQL lives here. It is SQLite (json_each, json_array, json_group_array); a PostgreSQL engine
// (issue 18) writes its own beside it (jsonb_array_elements with ordinality, json_build_array, json_agg), same shape.
import type { Db } from '../../db/client.js';
import { readRows } from '../../db/prepared.js';
import type { AttachmentInfo } from '../attachments/service.js';
import type {
  AudienceRow, FirstMessage, StateEntry, ViewedAccess, ViewedMessage, ViewExtras,
} from '../messages/view.js';

/** Parameters: the page's message ids as a JSON array (in order), the owner. */
const PAGE_SQL = `
  select json_array(
    mb.message_id, mb.priority, mb.receipt_required, mb.delivered_at, mb.expires_at, mb.read_at, mb.confirmed_at,
    mb.progress, mb.progress_note, mb.progress_at, mb.archived_at, mb.deleted_at,
    m.thread_id, m.parent_id, m.sender_kind, m.sender_id, m.kind, m.priority, m.subject, json(m.body), json(m.links),
    m.receipt_required, m.expires_in_ms, m.expires_at, m.due_at, m.status, m.recipient_count, m.delivered_at,
    m.revision, m.edited_at, m.recalled_at, m.deleted_at, m.created_at,
    case m.sender_kind when 'member' then (select name from members where id = m.sender_id)
      when 'contact' then (select name from contacts where id = m.sender_id)
      else (select name from api_keys where id = m.sender_id) end,
    json((select json_group_array(
        json_array(a.id, a.kind, a.target_id, a.include_subdepartments, a.label, a.resolved_count))
      from (select * from message_audience a where a.message_id = m.id order by a.id) a)),
    json((select json_group_array(json_array(f.id, f.name, f.size, f.content_type))
      from (select * from attachments f where f.message_id = m.id order by f.created_at, f.id) f)),
    json((select json_group_array(t.tag_id)
      from (select tag_id from mailbox_tags t where t.owner_id = mb.owner_id and t.message_id = mb.message_id
            order by t.created_at, t.tag_id) t)),
    fm.sender_id, fm.sender_kind, fm.recalled_at, fm.deleted_at, fm.expires_at)
  from (select value as message_id, key as ord from json_each(?)) page
  join mailbox mb on mb.owner_id = ? and mb.message_id = page.message_id
  join messages m on m.id = mb.message_id
  left join messages fm on m.parent_id is not null and fm.id = m.thread_id
  order by page.ord`;

type N = number | null;
type S = string | null;
/** One row of PAGE_SQL, in its column order. */
type PageRow = [
  messageId: string, priority: StateEntry['priority'], receiptRequired: number, deliveredAt: number, expiresAt: N,
  readAt: N,
  confirmedAt: N, progress: StateEntry['progress'], progressNote: S, progressAt: N, archivedAt: N, deletedAt: N,
  threadId: string, parentId: S, senderKind: ViewedMessage['senderKind'], senderId: string, kind: ViewedMessage['kind'],
  messagePriority: ViewedMessage['priority'], subject: string, body: unknown, links: ViewedMessage['links'],
  messageReceiptRequired: number, expiresInMs: N, messageExpiresAt: N, dueAt: N, status: ViewedMessage['status'],
  recipientCount: number, messageDeliveredAt: N, revision: number, editedAt: N, recalledAt: N, messageDeletedAt: N,
  createdAt: number, senderName: S,
  audience: Array<[string, AudienceRow['kind'], string, number, string, number]>,
  files: Array<[string, string, number, string]>, tagIds: string[],
  firstSenderId: S, firstSenderKind: FirstMessage['senderKind'] | null, firstRecalledAt: N, firstDeletedAt: N,
  firstExpiresAt: N,
];

/**
 * The page's entries as the listing shows them (a recipient's accesses), in the order of `messageIds`, and the extras
 * their views need — one statement.
 */
export async function readMailboxPage(
  db: Db, ownerId: string, messageIds: string[],
): Promise<{ accesses: ViewedAccess[]; extras: ViewExtras }> {
  const extras: ViewExtras = {
    names: new Map(), audience: new Map(), files: new Map(), tagIds: new Map(), firsts: new Map(),
  };
  if (!messageIds.length) return { accesses: [], extras };
  const rows = await readRows(db, PAGE_SQL, [JSON.stringify(messageIds), ownerId]);
  const accesses = rows.map((row): ViewedAccess => {
    const r = JSON.parse(row[0] as string) as PageRow;
    const id = r[0];
    const message: ViewedMessage = {
      id, threadId: r[12], parentId: r[13], senderKind: r[14], senderId: r[15], kind: r[16], priority: r[17],
      subject: r[18], body: r[19], links: r[20], receiptRequired: r[21] === 1, expiresInMs: r[22], expiresAt: r[23],
      dueAt: r[24], status: r[25], recipientCount: r[26], deliveredAt: r[27], revision: r[28], editedAt: r[29],
      recalledAt: r[30], deletedAt: r[31], createdAt: r[32],
    };
    const entry: StateEntry = {
      priority: r[1], receiptRequired: r[2] === 1, deliveredAt: r[3], expiresAt: r[4], readAt: r[5], confirmedAt: r[6],
      progress: r[7], progressNote: r[8], progressAt: r[9], archivedAt: r[10], deletedAt: r[11],
    };
    extras.names.set(message.senderId, r[33] ?? '');
    extras.audience.set(id, r[34].map(([audienceId, kind, targetId, sub, label, count]) => ({
      id: audienceId, messageId: id, kind, targetId, includeSubdepartments: sub === 1, label, resolvedCount: count,
    })));
    if (r[35].length) {
      const files = r[35].map(([fileId, name, size, contentType]): AttachmentInfo => ({
        id: fileId, name, size, contentType,
      }));
      extras.files.set(id, files);
    }
    if (r[36].length) extras.tagIds.set(id, r[36]);
    if (message.parentId !== null && r[37] !== null) {
      extras.firsts.set(message.threadId, {
        senderId: r[37], senderKind: r[38]!, recalledAt: r[39], deletedAt: r[40], expiresAt: r[41],
      });
    }
    return { message, entry, sender: false, viewer: false, manager: false };
  });
  return { accesses, extras };
}
