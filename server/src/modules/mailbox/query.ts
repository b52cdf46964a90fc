import { z } from '@hono/zod-openapi';
import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { actorId, type Actor } from '../auth/actor.js';
import { inboxTotal, inboxTotalStatement, keptUnreadCount } from './counts.js';
import { argsOf, namedQuery, readSummaries, summaryQuery, type MailboxItem, type SummaryQuery } from './page.js';
import { execute, readRows } from '../../db/prepared.js';
import { mailboxOperators, splitSearch, syntaxIssues, TimeZone } from './search-syntax.js';
import { searchTokens } from '@herald/core/search-syntax';
import { dialect } from '../../db/dialect.js';
import { chooseLead, leadCondition } from './lead.js';
import { taggedWith } from './tagged.js';

/** The trash keeps deleted entries this long (docs/api.md "Batch operations"). */
export const TRASH_KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** At most this many pinned entries on the first inbox page. */
export const MAX_PINNED = 20;

/** A boolean from a query string ('true' / 'false') or a JSON body (true / false). */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const Millis = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

/**
 * The listing's filters (docs/api.md "Inbox": everything but `cursor` and `limit`); also the `filter` of batch
 * operations and exports. A `false` flag is the same as leaving it out.
 */
/**
 * Search text: no control characters (a NUL would cut an FTS5 string short), at most 10 terms (one index probe each).
 */
export const SearchText = z
  .string()
  .min(1)
  .max(200)
  .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), { message: 'Control characters cannot be searched for.' })
  .refine((q) => searchTokens(q).length <= MAX_TERMS, { message: 'At most 10 words at once.' })
  // Issue 20 #8: `before:2026-13-01`, `is:maybe` … are refused with what the operator takes (problem+json).
  .superRefine((q, ctx) => {
    for (const message of syntaxIssues(q)) ctx.addIssue({ code: 'custom', message });
  });
const MAX_TERMS = 10;

export const MailboxFilterSchema = z.object({
  view: z.enum(['inbox', 'archived', 'trash', 'all', 'snoozed']).default('inbox'),
  tagId: z.string().min(1).max(64).optional(),
  subtags: Flag.default(true),
  unread: Flag.optional(),
  starred: Flag.optional().openapi({ description: 'Only starred entries (issue 20; the Starred view is view=all)' }),
  mentioned: Flag.optional().openapi({ description: 'Only entries that mention the owner (issue 19 #3)' }),
  priority: z.enum(['urgent', 'high']).optional(),
  needsConfirmation: Flag.optional(),
  hasAttachments: Flag.optional(),
  senderId: z.string().min(1).max(64).optional(),
  from: Millis.optional().openapi({ description: 'Delivered at or after (epoch ms)' }),
  to: Millis.optional().openapi({ description: 'Delivered before (epoch ms)' }),
  q: SearchText.optional().openapi({
    description:
      'Subject, body and attachment names; terms separated by spaces must all match. Operators (issue 20): ' +
      '`from:` `to:` `tag:` `has:attachment` `is:unread|read|starred|archived` `before:`/`after:` (dates), ' +
      'values with spaces in double quotes; docs/api.md "Search syntax"',
  }),
  tz: TimeZone.optional(),
});
export type MailboxFilter = z.output<typeof MailboxFilterSchema>;
/** A filter as callers may write it (defaults filled in by `mailboxFilter`). */
export type MailboxFilterInput = z.input<typeof MailboxFilterSchema>;

export const MailboxQuerySchema = MailboxFilterSchema.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MailboxQuery = z.output<typeof MailboxQuerySchema>;

/** The mailbox of a member or contact; an API key has none. */
export function owner(actor: Actor): string {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no mailbox.');
  return actorId(actor);
}

/** Terms shorter than a trigram are matched by a substring test (`messageHasTerm`). */
const FTS_MIN_CHARS = 3;
/**
 * A reply's subject repeats its thread's first message ("Re: …") and must not be found once that one is hidden:
 * search looks only at a first message's subject (the index stores replies without one, search-index.ts).
 */
export const OWN_SUBJECT = (alias: string) =>
  sql.raw(`case when ${alias}.parent_id is null then ${alias}.subject else '' end`);
/**
 * The message `messageId` holds `term` (lower-case) in its subject (a first message's), text or file names: the FTS5
 * trigram index, or for a term too short for trigrams (2-character Chinese words such as 放假) a substring test, which
 * the caller keeps to few rows (the owner's own entries; the knowledge space's items).
 */
export function messageHasTerm(messageId: SQLWrapper, term: string): SQL {
  if ([...term].length >= FTS_MIN_CHARS) return dialect.searchTerm(messageId, term);
  return sql`exists (select 1 from messages x where x.id = ${messageId}
    and (${dialect.contains(OWN_SUBJECT('x'), term)} or ${dialect.contains(sql`x.body_text`, term)}
    or exists (select 1 from attachments a where a.message_id = x.id and ${dialect.contains(sql`a.name`, term)})))`;
}
/**
 * Messages whose entries no mailbox view shows (deleted by their sender or manager, or not sent): a short list,
 * read once per query from the partial index `messages_gone_idx` (the subquery's WHERE is that index's).
 */
const GONE = sql`mb.message_id not in (select id from messages where deleted_at is not null or status <> 'sent')`;
/**
 * Unread (issue 14), one rule for the badge, the Unread filter, "select all unread" and the tag counts: not read and
 * still readable. An expired message can no longer be opened, so it is not waiting to be read.
 */
export const unreadAt = (at: Bound<number>): SQL =>
  sql`mb.read_at is null and (mb.expires_at is null or mb.expires_at > ${at})`;
/** Not snoozed: the owner's few snoozed entries, from the partial index `mailbox_snoozed_idx`. */
const notSnoozed = (ownerId: Bound<string>): SQL =>
  sql`mb.message_id not in (select message_id from mailbox where owner_id = ${ownerId} and snoozed_until is not null)`;
/** Recalled messages, from the partial index `messages_recalled_idx`. */
const NOT_RECALLED = sql`mb.message_id not in (select id from messages where recalled_at is not null)`;

/**
 * The WHERE clause of a filter over `mailbox mb` (one place for listing, counts, batch and export). Every condition
 * is on the owner's own entries, answered from the mailbox indexes (docs/architecture.md "Inbox indexes"); the
 * message's own state comes from two small partial indexes on messages, so no row of messages is read per entry
 * except for search terms shorter than a trigram. `mb.expires_at` is the message's expiry, copied at delivery.
 */
export function mailboxWhere(
  ownerId: Bound<string>,
  f: MailboxFilter,
  at: Bound<number> = now(),
  anyFolder = false,
  lead?: string,
): SQL {
  const trashFrom = typeof at === 'number' ? at - TRASH_KEEP_MS : sql`${at} - ${TRASH_KEEP_MS}`;
  // A search led by its rarest word (`lead`, from `mailboxLead` for this filter; SQLite only, lead.ts): the owner
  // test must not walk the owner's index, and the lead replaces that word's own test.
  if (lead !== undefined && !(f.q !== undefined && splitSearch(f.q).terms.includes(lead))) {
    throw new Error(`The search lead "${lead}" is not a word of this filter's q`);
  }
  const parts: SQL[] = lead
    ? [sql`+mb.owner_id = ${ownerId}`, leadCondition(ownerId, lead)]
    : [sql`mb.owner_id = ${ownerId}`];
  // Every folder at once (the search's per-folder counts): whatever a view shows, the trash's 30 days included.
  if (anyFolder) parts.push(sql`(mb.deleted_at is null or mb.deleted_at > ${trashFrom})`);
  else
    switch (f.view) {
      case 'inbox':
        parts.push(sql`mb.deleted_at is null`, sql`mb.archived_at is null`);
        break;
      case 'archived':
        // A snoozed entry is archived until it comes back (issue 20 #3): the Snoozed view shows it, not this one.
        parts.push(sql`mb.deleted_at is null`, sql`mb.archived_at is not null`, notSnoozed(ownerId));
        break;
      case 'snoozed':
        parts.push(sql`mb.deleted_at is null`, sql`mb.snoozed_until is not null`);
        break;
      case 'all':
        parts.push(sql`mb.deleted_at is null`);
        break;
      case 'trash':
        parts.push(sql`mb.deleted_at > ${trashFrom}`);
        break;
    }
  parts.push(GONE);
  if (f.tagId !== undefined) {
    if (f.view === 'trash' && !anyFolder) {
      throw new Problem('validation', 'The trash is not filtered by tag.', {
        errors: [{ path: 'tagId', code: 'invalid-value', message: 'Not with view=trash' }],
      });
    }
    const tagSet = f.subtags
      ? sql`with recursive subtree(id) as (select ${f.tagId} union select t.id from tags t join subtree s
        on t.parent_id = s.id) select id from subtree`
      : sql`select ${f.tagId}`;
    parts.push(taggedWith(ownerId, tagSet));
  }
  if (f.unread) parts.push(unreadAt(at));
  if (f.starred) parts.push(sql`mb.starred_at is not null`);
  if (f.mentioned) parts.push(dialect.flag(sql`mb.mentioned`));
  if (f.priority) parts.push(sql`mb.priority = ${f.priority}`);
  if (f.needsConfirmation) {
    parts.push(
      sql`mb.receipt_required = true`,
      sql`mb.confirmed_at is null`,
      sql`(mb.expires_at is null or mb.expires_at > ${at})`,
      NOT_RECALLED,
    );
  }
  if (f.hasAttachments) parts.push(sql`mb.has_attachments = true`);
  if (f.senderId !== undefined) parts.push(sql`mb.sender_id = ${f.senderId}`);
  if (f.from !== undefined) parts.push(sql`mb.delivered_at >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`mb.delivered_at < ${f.to}`);
  if (f.q !== undefined) {
    const { terms, operators } = splitSearch(f.q);
    if (!searchTokens(f.q).length) {
      throw new Problem('validation', 'Search for at least one character.', {
        errors: [{ path: 'q', code: 'required', message: 'Empty search' }],
      });
    }
    parts.push(...mailboxOperators(ownerId, operators, f.tz ?? 'UTC', unreadAt(at)));
    // Recipients never find what they may no longer read (expired: even before the sweep took it out of the index).
    if (terms.length) parts.push(sql`(mb.expires_at is null or mb.expires_at > ${at})`, NOT_RECALLED);
    for (const term of terms) {
      if (term !== lead) parts.push(messageHasTerm(sql`mb.message_id`, term));
    }
  }
  return sql.join(parts, sql` and `);
}

/**
 * The word to lead `f`'s search by (lead.ts), or none: one statement on SQLite when `f` searches words of 3 or more
 * characters; nothing on PostgreSQL or without such a word. Pass it to `mailboxWhere` with the same filter.
 */
export function mailboxLead(db: DbOrTx, f: MailboxFilter): Promise<string | undefined> {
  const terms = f.q === undefined ? [] : splitSearch(f.q).terms.filter((term) => [...term].length >= FTS_MIN_CHARS);
  return chooseLead(db, terms);
}

/** `mailboxWhere` as the services run it: a search led by its rarest word when it has one (`mailboxLead`). */
export const ledMailboxWhere = async (
  db: DbOrTx,
  ownerId: string,
  f: MailboxFilter,
  at: number = now(),
  anyFolder = false,
): Promise<SQL> => mailboxWhere(ownerId, f, at, anyFolder, await mailboxLead(db, f));

type Key = { messageId: string; deliveredAt: number };
/**
 * A value, or a drizzle placeholder standing for it: the plain inbox's statement is built once with placeholders and
 * filled per request (`plainInboxQuery`); or a column, in a statement over many owners (`readDeliveredEntries`).
 */
type Bound<T> = T | Placeholder | SQL;

/** The keyset query over a filter's WHERE: newest first, after the cursor's (deliveredAt, messageId). */
export const keysStatement = (
  where: SQL,
  after: readonly [Bound<number>, Bound<string>] | null,
  limit: Bound<number>,
): SQL => sql`
    select mb.message_id as "messageId", mb.delivered_at as "deliveredAt"
    from mailbox mb
    where ${where}${after ? sql` and (mb.delivered_at, mb.message_id) < (${after[0]}, ${after[1]})` : sql``}
    order by mb.delivered_at desc, mb.message_id desc
    limit ${limit}`;

/**
 * Counts matches up to `cap` (the scan stops there): a whole mailbox of 100,000 entries would otherwise cost
 * ~15 ms per first page for a number nobody needs exactly above the cap.
 */
export const countStatement = (where: SQL, cap: number): SQL =>
  sql`select count(*) as n from (select 1 from mailbox mb where ${where} limit ${cap}) t`;

/** The listing's `total` stops at this many; above it, `totalCapped` is true. */
export const TOTAL_CAP = 10_000;

const matchingKeys = (db: DbOrTx, where: SQL, after: readonly [number, string] | null, limit: number): Promise<Key[]> =>
  dialect.all<Key>(db, keysStatement(where, after, limit));

async function countMatching(db: DbOrTx, where: SQL, cap: number): Promise<number> {
  const [row] = await dialect.all<{ n: number }>(db, countStatement(where, cap));
  return Number(row?.n ?? 0);
}

/** Fills a filter's defaults (for callers holding a partial filter, e.g. from a batch body already parsed). */
export const mailboxFilter = (input: MailboxFilterInput): MailboxFilter => MailboxFilterSchema.parse(input);

/**
 * Ids of up to `limit` entries of `ownerId`'s mailbox matching `filter`, newest first, and how many match, counted
 * up to `limit + 1` (batch operations and exports refuse a filter matching more than they handle).
 */
export async function selectMatching(
  db: DbOrTx,
  ownerId: string,
  filter: MailboxFilter,
  limit: number,
): Promise<{ messageIds: string[]; count: number }> {
  const where = await ledMailboxWhere(db, ownerId, filter);
  const [keys, count] = await Promise.all([matchingKeys(db, where, null, limit), countMatching(db, where, limit + 1)]);
  return { messageIds: keys.map((k) => k.messageId), count };
}

/** Whether a filter is the plain inbox (the only listing that shows pinned entries, and the one kept in memory). */
export const isPlainInbox = (f: MailboxFilter) =>
  f.view === 'inbox' &&
  f.tagId === undefined &&
  !f.unread &&
  !f.starred &&
  !f.mentioned &&
  f.priority === undefined &&
  !f.needsConfirmation &&
  !f.hasAttachments &&
  f.senderId === undefined &&
  f.from === undefined &&
  f.to === undefined &&
  f.q === undefined;

/** A page of the listing (docs/api.md `MailboxPage`, without `folders`). */
export type MailboxPage = Awaited<ReturnType<typeof listMailbox>>;

/**
 * What the caller received (docs/api.md "Inbox: listing"), newest first by keyset on (deliveredAt, messageId).
 * The first page (no cursor) also carries `total` and `pinned`; later pages have them null.
 */
export async function listMailbox(db: Db, actor: Actor, query: MailboxQuery) {
  return (await readMailboxPage(db, actor, query, now())).page;
}

/**
 * `listMailbox` as of `at`, and when its rows change with time alone (`changesAt`: the first expiry after `at` among
 * them, page.ts), for the listing cache (listing-cache.ts).
 */
export async function readMailboxPage(db: Db, actor: Actor, query: MailboxQuery, t: number) {
  const ownerId = owner(actor);
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'string'] as const) : null;
  const first = after === null;
  const plain = isPlainInbox(query);
  // The page (one more entry than asked, to know a next page exists) and, on the plain inbox's first page, the pinned
  // entries: one statement (page.ts). The plain inbox's is built once; other filters are built per request.
  let statement: SummaryQuery;
  let where: SQL | undefined;
  if (plain) {
    statement = plainInboxQuery(first);
  } else {
    where = await ledMailboxWhere(db, ownerId, query, t);
    const keys = sql`select 0 as part, "messageId" from (${keysStatement(where, after, query.limit + 1)}) k`;
    statement = summaryQuery(keys, ownerId);
  }
  const values = { owner: ownerId, at: t, limit: query.limit + 1, afterAt: after?.[0], afterId: after?.[1] };
  // The plain inbox's total is kept by triggers (counts.ts) and read by its first page's statement; so is the Unread
  // filter's, which is the badge's count by definition (`unreadAt`: one rule for both); any other filter is counted,
  // up to the cap (the Unread filter counted ~10,000 entries of a 100,000-entry mailbox: ~40× hello-world).
  const unreadOnly = query.unread === true && isPlainInbox({ ...query, unread: undefined });
  const [{ page, pinned, extra, changesAt }, counted] = await Promise.all([
    readSummaries(db, actor, statement, values, t),
    !first || !where
      ? null
      : unreadOnly
        ? keptUnreadCount(db, ownerId, t).then((c) => c.unread)
        : countMatching(db, where, TOTAL_CAP + 1),
  ]);
  const kept = () => (extra === undefined ? inboxTotal(db, ownerId) : Number(extra ?? 0)); // nothing listed: read it
  const total = !first ? null : where ? counted : await kept();
  const more = page.length > query.limit;
  const beyond = page[query.limit];
  if (more) page.length = query.limit;
  const last = page[query.limit - 1];
  return {
    page: {
      items: page,
      nextCursor: more && last ? encodeCursor(last.state.deliveredAt, last.message.id) : null,
      total: total === null ? null : Math.min(total, TOTAL_CAP),
      totalCapped: total === null ? null : total > TOTAL_CAP,
      pinned: first ? pinned : null,
    },
    changesAt,
    /** The first entry past the page (the next page's first), or null when the page lists the last. */
    next: beyond ? { id: beyond.message.id, at: beyond.state.deliveredAt } : null,
  };
}

/**
 * Urgent inbox entries not yet read, or not yet confirmed when a receipt is required; still readable. Newest first.
 * Columns as `keysStatement`'s.
 */
const pinnedStatement = (ownerId: Bound<string>, at: Bound<number>): SQL => sql`
    select mb.message_id as "messageId", mb.delivered_at as "deliveredAt"
    from mailbox mb
    where ${pinnedWhere(ownerId, at)}
    order by mb.delivered_at desc, mb.message_id desc
    limit ${MAX_PINNED}`;
/**
 * What the plain inbox lists (`isPlainInbox`): one WHERE for its page, the keys a patch reads and the changed entries'
 * `listed` flag (listing-patch.ts), so that a patched page lists what a page read whole lists.
 */
const plainInboxWhere = (ownerId: Bound<string>, at: Bound<number>): SQL =>
  mailboxWhere(ownerId, mailboxFilter({ view: 'inbox' }), at);
/** What pins an entry of the plain inbox on its first page: one WHERE for the pinned entries and the `pinned` flag. */
const pinnedWhere = (ownerId: Bound<string>, at: Bound<number>): SQL => sql`
    ${mailboxWhere(ownerId, { view: 'inbox', subtags: true, priority: 'urgent' }, at)}
      and (mb.read_at is null or (mb.receipt_required = true and mb.confirmed_at is null))
      and (mb.expires_at is null or mb.expires_at > ${at}) and ${NOT_RECALLED}`;

/**
 * `GET /mailbox/unread-count`, the unread badge's statement: what `?unread=true` lists in the inbox view (not
 * archived, deleted or expired, see `unreadAt`), and how many of those are urgent.
 */
export const unreadStatement = (ownerId: string, at: number): SQL => sql`
    select count(*) as unread, count(*) filter (where mb.priority = 'urgent') as urgent,
      count(*) filter (where ${dialect.flag(sql`mb.mentioned`)}) as mentions
    from mailbox mb
    where ${mailboxWhere(ownerId, { view: 'inbox', subtags: true, unread: true }, at)}`;

/** The badge's numbers, from the counts the triggers keep (counts.ts); the same as `unreadStatement` answers. */
export const unreadCount = (db: Db, actor: Actor): Promise<{ unread: number; urgent: number; mentions: number }> =>
  keptUnreadCount(db, owner(actor), now());

/** The plain inbox's summary statements (first page with pinned entries, later pages), built on first use. */
const plainInboxStatements = new Map<boolean, SummaryQuery>();
/**
 * The plain inbox's statement with placeholders (`owner`, `at`, `limit`, `afterAt`, `afterId`; page.ts fills them):
 * the inbox's most frequent request skips drizzle's query building (≈ 70 µs of a ≈ 1 ms request, issue 15).
 */
function plainInboxQuery(first: boolean): SummaryQuery {
  let statement = plainInboxStatements.get(first);
  if (!statement) {
    const p = { owner: sql.placeholder('owner'), at: sql.placeholder('at'), limit: sql.placeholder('limit') };
    const after = first ? null : ([sql.placeholder('afterAt'), sql.placeholder('afterId')] as const);
    const where = plainInboxWhere(p.owner, p.at);
    const keys = sql`select 0 as part, "messageId" from (${keysStatement(where, after, p.limit)}) k`;
    statement = first
      ? summaryQuery(
          sql`${keys} union all select 1, "messageId" from (${pinnedStatement(p.owner, p.at)}) p`,
          p.owner,
          inboxTotalStatement(p.owner),
        )
      : summaryQuery(keys, p.owner);
    plainInboxStatements.set(first, statement);
  }
  return statement;
}

/** An entry's place in the list: what its order and the next page's cursor are made of. */
export type EntryKey = { id: string; at: number };
/** Newest first, as the listing orders (delivered_at desc, message_id desc). */
export const newestFirst = (a: EntryKey, b: EntryKey) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

let plainInboxKeys: SummaryQuery | undefined;
/**
 * The plain inbox's first page as keys only, with the pinned entries' keys and the kept total, in one statement and
 * no row of `messages` read: which entries a page patched from a kept one lists (listing-cache.ts), decided by the
 * same WHERE and order as the page itself. `limit` is the page's (one more than shown). Embedded engine only.
 */
export async function readPlainInboxKeys(
  db: Db,
  ownerId: string,
  limit: number,
  at: number,
): Promise<{ page: EntryKey[]; pinned: EntryKey[]; total: number | null; stamp: string | null }> {
  if (!plainInboxKeys) {
    const p = { owner: sql.placeholder('owner'), at: sql.placeholder('at'), limit: sql.placeholder('limit') };
    const where = plainInboxWhere(p.owner, p.at);
    plainInboxKeys = namedQuery(sql`select k.part, k."messageId", k."deliveredAt", (${inboxTotalStatement(p.owner)}),
        (${listingStamp(p.owner)})
      from (select 0 as part, "messageId", "deliveredAt" from (${keysStatement(where, null, p.limit)}) a
        union all select 1, "messageId", "deliveredAt" from (${pinnedStatement(p.owner, p.at)}) b) k`);
  }
  const rows = await readRows(db, plainInboxKeys.sql, argsOf(plainInboxKeys, { owner: ownerId, at, limit }) as never);
  const page: EntryKey[] = [];
  const pinned: EntryKey[] = [];
  for (const [part, id, deliveredAt] of rows)
    (part === 0 ? page : pinned).push({ id: id as string, at: Number(deliveredAt) });
  return {
    page: page.sort(newestFirst),
    pinned: pinned.sort(newestFirst),
    total: rows.length ? Number(rows[0]![3] ?? 0) : null,
    stamp: rows.length ? (rows[0]![4] as string) : null,
  };
}

/**
 * The owner's listing stamp as one text, `version names` (listing-cache.ts `readStamp`), read in the same statement
 * as what it stamps.
 */
const listingStamp = (ownerId: Bound<string>) => sql`select coalesce((select version from mailbox_versions
  where owner_id = ${ownerId}), 0) || ' ' || names from listing_epoch where id = 1`;

/** The entries of the messages named in the `ids` placeholder (a JSON array), as the page's part of summary keys. */
const idsAsKeys = sql`select 0 as part, value as "messageId" from json_each(${sql.placeholder('ids')})`;

let deliveredEntries: SummaryQuery | undefined;
/** An entry a delivery has just written, as `readDeliveredEntries` finds it. */
export type DeliveredEntry = {
  ownerId: string;
  deliveredAt: number;
  /** The owner's listing version in the delivering transaction. */
  version: number;
  /** The summary row's JSON text (page.ts `summaryStatement`), mapped for its viewer when a page shows it. */
  row: string;
  /** Whether the plain inbox lists it (the same WHERE as its page's), and the inbox's total with it. */
  listed: boolean;
  total: number;
};
/**
 * One message's entries of these owners, read in the transaction that delivered it, after its writes: each as the
 * list's summary statement reads it — what the owner's kept page needs to show the new entry without reading it
 * (listing-cache.ts `noteDelivery`) — with what `readChangedEntries` reads with an entry (whether the plain inbox
 * lists it, the inbox's total) and the owner's listing version. One statement. Embedded engine only.
 */
export async function readDeliveredEntries(
  tx: DbOrTx,
  messageId: string,
  owners: readonly string[],
): Promise<DeliveredEntry[]> {
  if (!deliveredEntries) {
    const column = sql.raw('mb.owner_id');
    deliveredEntries = summaryQuery(
      sql`select 0 as part, ${sql.placeholder('message')} as "messageId", value as owner
        from json_each(${sql.placeholder('owners')})`,
      sql.raw('page.owner'),
      sql`json_array(mb.owner_id, mb.delivered_at, ${plainInboxWhere(column, sql.placeholder('at'))},
        (${inboxTotalStatement(column)}),
        coalesce((select version from mailbox_versions v where v.owner_id = mb.owner_id), 0))`,
    );
  }
  const values = { message: messageId, owners: JSON.stringify(owners), at: now() };
  const { rows } = await execute(tx, deliveredEntries.sql, argsOf(deliveredEntries, values));
  return rows.map((r) => {
    const [ownerId, deliveredAt, listed, total, version] = JSON.parse(r[1] as string) as [
      string,
      number,
      number,
      number | null,
      number,
    ];
    return { ownerId, deliveredAt, version, row: r[0] as string, listed: Boolean(listed), total: total ?? 0 };
  });
}

let changedEntries: SummaryQuery | undefined;
/** One of the owner's entries as `readChangedEntries` finds it. */
export type ChangedEntry = { item: MailboxItem; listed: boolean; pinned: boolean };
/**
 * The owner's entries of these messages (those that exist) as the list shows them, whether the plain inbox lists each
 * and pins it — the same WHERE as its page's and pinned entries' (`plainInboxQuery`) — and, given the last of a full
 * list of pinned entries, the first pinned entry after it (`pinnedAfter`); with the kept total and the listing stamp
 * (`listingStamp`; null when no entry is read), in one statement: what a kept page patched from its own notes needs
 * when these decide it (listing-patch.ts). Embedded engine only.
 */
export async function readChangedEntries(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  at: number,
  lastPinned: EntryKey | null,
): Promise<{
  entries: ChangedEntry[];
  pinnedAfter: MailboxItem | null;
  total: number;
  stamp: string | null;
  changesAt: number;
}> {
  if (!changedEntries) {
    const p = { owner: sql.placeholder('owner'), at: sql.placeholder('at') };
    const [afterAt, afterId] = [sql.placeholder('afterAt'), sql.placeholder('afterId')];
    const after = sql`(mb.delivered_at, mb.message_id) < (${afterAt}, ${afterId})`;
    changedEntries = summaryQuery(
      sql`${idsAsKeys}
        union all select 1, "messageId" from (select mb.message_id as "messageId" from mailbox mb
          where ${pinnedWhere(p.owner, p.at)} and ${after}
          order by mb.delivered_at desc, mb.message_id desc limit 1) p`,
      p.owner,
      sql`json_array(${plainInboxWhere(p.owner, p.at)}, ${pinnedWhere(p.owner, p.at)},
        (${inboxTotalStatement(p.owner)}), (${listingStamp(p.owner)}))`,
    );
  }
  const values = {
    owner: owner(actor),
    at,
    ids: JSON.stringify(ids),
    afterAt: lastPinned?.at ?? null, // no row compares below null: no entry read after it
    afterId: lastPinned?.id ?? null,
  };
  const read = await readSummaries(db, actor, changedEntries, values, at);
  type Extra = [listed: number, pinned: number, total: number | null, stamp: string];
  const extra = (value: unknown) => JSON.parse(value as string) as Extra;
  const first = read.extra === undefined ? undefined : extra(read.extra); // any row's: the same total and stamp
  return {
    entries: read.page.map((item, i) => {
      const [listed, pinned] = extra(read.extras[i]);
      return { item, listed: Boolean(listed), pinned: Boolean(pinned) };
    }),
    pinnedAfter: read.pinned[0] ?? null,
    total: Number(first?.[2] ?? 0),
    stamp: first?.[3] ?? null,
    changesAt: read.changesAt,
  };
}

let summariesById: SummaryQuery | undefined;
/**
 * The owner's entries of these messages as the list shows them (any view), when they change with time alone, and the
 * listing stamp they were read at (`listingStamp`).
 */
export async function readItemsById(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  at: number,
): Promise<{ items: MailboxItem[]; changesAt: number; stamp: string | null }> {
  summariesById ??= summaryQuery(idsAsKeys, sql.placeholder('owner'), listingStamp(sql.placeholder('owner')));
  const { page, changesAt, extra } = await readSummaries(
    db,
    actor,
    summariesById,
    { owner: owner(actor), ids: JSON.stringify(ids) },
    at,
  );
  return { items: page, changesAt, stamp: (extra as string | undefined) ?? null };
}
