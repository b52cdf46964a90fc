// The inbox's counts (issue 15): kept per owner by triggers (migration 0009) instead of counted per request. The
// hot SQL of the unread badge and the first page's total; SQLite and PostgreSQL read them alike.
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import { forEngine } from '../../db/engine.js';
import { readRow } from '../../db/prepared.js';

/**
 * What the plain inbox lists (`mailboxWhere` view 'inbox'): the first page's `total`, before its cap. The first
 * page's statement reads it as one of its columns (query.ts), so the listing runs one statement fewer.
 */
export const inboxTotalStatement = (ownerId: string | Placeholder | SQL): SQL =>
  sql`select inbox from mailbox_counts where owner_id = ${ownerId}`;
const INBOX_SQL = new SQLiteAsyncDialect().sqlToQuery(inboxTotalStatement(sql.placeholder('owner'))).sql;

/**
 * The unread badge (`unreadAt`): the kept count of unread entries that never expire, plus those that expire and have
 * not yet, counted over mailbox_expiring_unread_idx (a handful at most: expired ones lie below `now` in the index).
 * Issue 19 #3: in the same statement, the unread entries that mention the owner ("Mentions" in the sidebar), counted
 * over the partial index mailbox_mentioned_idx (a member's few mentions). Parameters: the owner, now (numbered: each
 * is used more than once). One text per engine (issue 18): SQLite numbers parameters `?1`, PostgreSQL `$1`, and the
 * mention test is written as that index's WHERE is on each (`mb.mentioned = 1` on SQLite, `mb.mentioned` on
 * PostgreSQL: db/dialect.ts `flag`).
 */
const unreadSql = (owner: string, at: string, mentioned: string) => `
  select coalesce(c.unread, 0) + e.n, coalesce(c.unread_urgent, 0) + e.urgent,
    (select count(*) from mailbox mb
     where mb.owner_id = ${owner} and ${mentioned} and mb.deleted_at is null and mb.read_at is null
       and mb.archived_at is null and (mb.expires_at is null or mb.expires_at > ${at})
       and mb.message_id not in (select id from messages where deleted_at is not null or status <> 'sent'))
  from (select count(*) as n, count(*) filter (where mb.priority = 'urgent') as urgent from mailbox mb
        where mb.owner_id = ${owner} and mb.read_at is null and mb.deleted_at is null
          and mb.expires_at is not null and mb.expires_at > ${at}
          and mb.archived_at is null
          and mb.message_id not in (select id from messages where deleted_at is not null or status <> 'sent')) e
  left join mailbox_counts c on c.owner_id = ${owner}`;
const UNREAD_SQL = forEngine(unreadSql('?1', '?2', 'mb.mentioned = 1'), unreadSql('$1', '$2', 'mb.mentioned'));

export async function inboxTotal(db: Db, ownerId: string): Promise<number> {
  return Number((await readRow(db, INBOX_SQL, [ownerId]))?.[0] ?? 0);
}

export async function keptUnreadCount(
  db: Db,
  ownerId: string,
  at: number,
): Promise<{ unread: number; urgent: number; mentions: number }> {
  const row = await readRow(db, UNREAD_SQL, [ownerId, at]);
  return { unread: Number(row?.[0] ?? 0), urgent: Number(row?.[1] ?? 0), mentions: Number(row?.[2] ?? 0) };
}
