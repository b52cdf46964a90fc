// A mailbox page in one statement (issue 15): the keyset query's entries and the pinned ones with what a row of the
// list shows — the message's summary (subject, its stored preview line (issue 20 #5), sender, flags, counts) and the
// entry's state with its tags. The whole message (body, links, audience, attachments, what the caller may do) is read
// when it is opened (`GET /messages/{id}`), as mail APIs list summaries and fetch a message on open.
// Each row is one JSON array: handing SQLite's values to JavaScript one by one cost more than the query. Building
// the items' JSON objects in SQLite instead (json_object, or text joined with ||) cost more than parsing these
// arrays and stringifying objects (≈ 10 µs an item against ≈ 6).
// The JSON building and the join that keeps the page outermost are spelled per engine (issue 18, `forEngine` below:
// SQLite's json_array, json_group_array and `cross join`; PostgreSQL's json_build_array, json_agg and a plain join);
// the rest is one text, and both give the same array per row. Booleans come as 0/1 from SQLite and true/false from
// PostgreSQL: the rows are read by truthiness.
import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { PREVIEW_CHARS } from '@herald/rich-text/plain-text';
import type { Db } from '../../db/client.js';
import { forEngine } from '../../db/engine.js';
import { readRows } from '../../db/prepared.js';
import { actorId, type Actor } from '../auth/actor.js';
import { hiddenFromRecipient, type MessageRow } from '../messages/access.js';
import { fillText, recipientValues } from '../messages/content/placeholders.js';
import { firstMessageHidden, mailboxState, type MailboxState, type StateEntry } from '../messages/view.js';

/** How many characters of a message's plain text a summary carries (then an ellipsis): its stored preview. */
export const SNIPPET_CHARS = PREVIEW_CHARS;

/**
 * The entries `keys` selects (columns `part`, `messageId`; see `readSummaries`) as summary rows, by part, newest
 * first. `cross join` keeps the page outermost: with a plain join SQLite walked all of the owner's entries (100,000)
 * and probed the page for each (45 ms instead of well under one). Most entries have no tags: one index probe says so
 * before the ordered list is built; nor files: the entry's `has_attachments` says so (copied at delivery, and a
 * message's files never change after it, as the `hasAttachments` filter relies on too).
 */
/** The row as one JSON array text. */
const ROW_ARRAY = forEngine(
  { open: sql.raw('json_array('), close: sql.raw(')') },
  { open: sql.raw('json_build_array('), close: sql.raw(')::text') },
);
/** The entry's tag ids in the order they were put on, as a JSON array (`[]` without tags); `mb` the entry. */
const TAG_IDS = forEngine(
  sql.raw(`case when exists (select 1 from mailbox_tags t
      where t.owner_id = mb.owner_id and t.message_id = mb.message_id)
      then json((select json_group_array(t.tag_id)
        from (select tag_id from mailbox_tags t where t.owner_id = mb.owner_id and t.message_id = mb.message_id
              order by t.created_at, t.tag_id) t))
      else json_array() end`),
  sql.raw(`coalesce((select json_agg(t.tag_id order by t.created_at, t.tag_id) from mailbox_tags t
      where t.owner_id = mb.owner_id and t.message_id = mb.message_id), '[]'::json)`),
);
/** SQLite's `cross join` fixes the join order (the page outermost); PostgreSQL plans it so by itself. */
const JOIN = forEngine(sql.raw('cross join'), sql.raw('join'));

const summaryStatement = (keys: SQL, ownerId: string | Placeholder | SQL, extra: SQL): SQL => sql`
  select ${ROW_ARRAY.open}page.part,
    mb.message_id, mb.priority, mb.receipt_required, mb.delivered_at, mb.expires_at, mb.read_at, mb.confirmed_at,
    mb.progress, mb.progress_note, mb.progress_at, mb.archived_at, mb.deleted_at,
    m.thread_id, m.sender_kind, m.sender_id, m.kind, m.priority, m.subject,
    m.preview,
    m.receipt_required, m.expires_at, m.due_at, m.recalled_at, m.deleted_at,
    case m.sender_kind when 'member' then (select name from members where id = m.sender_id)
      when 'contact' then (select name from contacts where id = m.sender_id)
      else (select name from api_keys where id = m.sender_id) end,
    case when mb.has_attachments then (select count(*) from attachments f where f.message_id = m.id) else 0 end,
    ${TAG_IDS},
    fm.sender_id, fm.recalled_at, fm.deleted_at, fm.expires_at, mb.starred_at, mb.snoozed_until,
    m.purged_at, mb.mentioned${ROW_ARRAY.close}, ${extra}
  from (${keys}) page
  ${JOIN} mailbox mb on mb.owner_id = ${ownerId} and mb.message_id = page."messageId"
  ${JOIN} messages m on m.id = mb.message_id
  left join messages fm on m.parent_id is not null and fm.id = m.thread_id
  order by page.part, mb.delivered_at desc, mb.message_id desc`;

type N = number | null;
type S = string | null;
/** A boolean column: 0/1 from SQLite, true/false from PostgreSQL. */
type B = number | boolean;
/** One row of `summaryStatement`, in its column order. */
export type SummaryRow = [
  part: number,
  messageId: string,
  priority: StateEntry['priority'],
  receiptRequired: B,
  deliveredAt: number,
  expiresAt: N,
  readAt: N,
  confirmedAt: N,
  progress: StateEntry['progress'],
  progressNote: S,
  progressAt: N,
  archivedAt: N,
  deletedAt: N,
  threadId: string,
  senderKind: MessageRow['senderKind'],
  senderId: string,
  kind: MessageRow['kind'],
  messagePriority: MessageRow['priority'],
  subject: string,
  text: S,
  messageReceiptRequired: B,
  messageExpiresAt: N,
  dueAt: N,
  recalledAt: N,
  messageDeletedAt: N,
  senderName: S,
  attachmentCount: number,
  tagIds: string[],
  firstSenderId: S,
  firstRecalledAt: N,
  firstDeletedAt: N,
  firstExpiresAt: N,
  starredAt: N,
  snoozedUntil: N,
  purgedAt: N,
  mentioned: B,
];

/** What a row of the list shows of a message (docs/api.md `MessageSummary`). */
export type MessageSummary = {
  id: string;
  threadId: string;
  kind: MessageRow['kind'];
  priority: MessageRow['priority'];
  subject: string;
  snippet: string;
  sender: { kind: MessageRow['senderKind']; id: string; name: string };
  attachmentCount: number;
  receiptRequired: boolean;
  expiresAt: N;
  expired: boolean;
  dueAt: N;
  recalledAt: N;
  /** The purge removed the content for everyone (issue 19 item 8): the row says "expired, content removed". */
  purgedAt: N;
};
export type MailboxItem = { message: MessageSummary; state: MailboxState };

const dialect = new SQLiteAsyncDialect();

/**
 * A summary statement as SQL text and its parameters; `names[i]` is the placeholder's name where parameter `i` is
 * one (`readSummaries` fills them from its values), else undefined.
 */
export type SummaryQuery = { sql: string; params: unknown[]; names: Array<string | undefined> };

/**
 * The summary statement over the owner's entries that `keys` selects — `select <part> as part, "messageId"` queries
 * joined with `union all` (0: the page, 1: the pinned entries) — and, when given, one `extra` value read with them
 * (a scalar subquery, run once: the first page's kept total; or one per row, when it reads the row's `mb`). Built
 * once per shape where it can be (query.ts).
 */
export function summaryQuery(keys: SQL, ownerId: string | Placeholder | SQL, extra?: SQL): SummaryQuery {
  return namedQuery(summaryStatement(keys, ownerId, extra ? sql`(${extra})` : sql`null`));
}

/** A statement as SQL text and parameters, its placeholders named (see `SummaryQuery`). */
export function namedQuery(statement: SQL): SummaryQuery {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return { sql: text, params, names: params.map((p) => (is(p, Placeholder) ? p.name : undefined)) };
}

/** A named query's parameters: its placeholders filled from `values`, by name. */
export const argsOf = (query: SummaryQuery, values: Record<string, unknown>): unknown[] =>
  query.params.map((p, i) => {
    const name = query.names[i];
    return name === undefined ? p : values[name];
  });

/**
 * The entries a summary statement selects, as the list shows them to their recipient, by part, and its `extra`
 * value (the first row's; undefined when nothing is listed) and each of `page`'s (`extras[i]`, when it reads the row);
 * `values` fill its placeholders. What the reading pane hides is hidden here too: a recalled, deleted or expired
 * message shows no subject, snippet or attachments, nor does a reply whose first message is hidden show that one's
 * subject. `changesAt`: the first expiry after `at` among the rows (the entry's, its message's, a reply's first
 * message's), when what they show changes with no write (Infinity if none).
 */
export async function readSummaries(
  db: Db,
  actor: Actor,
  query: SummaryQuery,
  values: Record<string, unknown>,
  at: number,
): Promise<{ page: MailboxItem[]; pinned: MailboxItem[]; extra: unknown; extras: unknown[]; changesAt: number }> {
  const rows = await readRows(db, query.sql, argsOf(query, values) as never);
  const viewer = viewerOf(actor);
  const page: MailboxItem[] = [];
  const pinned: MailboxItem[] = [];
  const extras: unknown[] = [];
  let changesAt = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const r = JSON.parse(row[0] as string) as SummaryRow;
    const expiry = firstExpiry(r, at);
    if (expiry < changesAt) changesAt = expiry;
    if (r[0] === 0) extras.push(row[1]);
    (r[0] === 0 ? page : pinned).push(summaryItem(r, viewer, at));
  }
  return { page, pinned, extra: rows[0]?.[1], extras, changesAt };
}

/** Who reads a summary: whose placeholders are filled in it (issue 19), and whose own replies' first messages show. */
export type Viewer = { id: string; name: string };
export const viewerOf = (actor: Actor): Viewer => ({
  id: actorId(actor),
  name: actor.kind === 'api-key' ? '' : actor.subject.name,
});

/**
 * The first expiry after `at` among a summary row's times — the entry's, its message's, a reply's first message's —
 * when what it shows changes with no write (Infinity if none).
 */
export function firstExpiry(r: SummaryRow, at: number): number {
  let first = Number.POSITIVE_INFINITY;
  const [entry, message, firstMessage] = [r[5], r[21], r[31]];
  if (entry !== null && entry > at) first = entry;
  if (message !== null && message > at && message < first) first = message;
  if (firstMessage !== null && firstMessage > at && firstMessage < first) first = firstMessage;
  return first;
}

/**
 * A summary row (`summaryStatement`'s, parsed) as the list shows it to `viewer` at `at`: what the reading pane hides
 * is hidden here too — a recalled, deleted or expired message shows no subject, snippet or attachments, nor does a
 * reply whose first message is hidden show that one's subject — and the viewer's own copy has its placeholders filled
 * (issue 19; fillText skips text without any).
 */
export function summaryItem(r: SummaryRow, viewer: Viewer, at: number): MailboxItem {
  const message = { recalledAt: r[23], deletedAt: r[24], expiresAt: r[21] };
  const hidden = hiddenFromRecipient(message, at);
  const first = r[28] === null ? undefined : { senderId: r[28], recalledAt: r[29], deletedAt: r[30], expiresAt: r[31] };
  const entry: StateEntry = {
    priority: r[2],
    receiptRequired: Boolean(r[3]),
    deliveredAt: r[4],
    expiresAt: r[5],
    readAt: r[6],
    confirmedAt: r[7],
    progress: r[8],
    progressNote: r[9],
    progressAt: r[10],
    archivedAt: r[11],
    deletedAt: r[12],
    starredAt: r[32],
    snoozedUntil: r[33],
    mentioned: Boolean(r[35]),
  };
  const filled = recipientValues(viewer.name, entry, { dueAt: r[22] });
  return {
    message: {
      id: r[1],
      threadId: r[13],
      kind: r[16],
      priority: r[17],
      subject: hidden || firstMessageHidden(viewer.id, first, at) ? '' : fillText(r[18], filled),
      snippet: hidden ? '' : fillText(r[19] ?? '', filled),
      sender: { kind: r[14], id: r[15], name: r[25] ?? '' },
      attachmentCount: hidden ? 0 : r[26],
      receiptRequired: Boolean(r[20]),
      expiresAt: r[21],
      expired: r[21] !== null && r[21] <= at,
      dueAt: r[22],
      recalledAt: r[23],
      purgedAt: r[34],
    },
    state: mailboxState(entry, message, r[27], at),
  };
}
