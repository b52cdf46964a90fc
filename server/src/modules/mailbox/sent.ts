import { z } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { MessageAccess } from '../messages/access.js';
import { messagesByIds, messageViews } from '../messages/view.js';
import { messagingSettingsForViews } from '../settings/service.js';
import { OWN_SUBJECT, SearchText } from './query.js';
import { sentOperators, splitSearch, TimeZone } from './search-syntax.js';
import { sentStates, sentStateWhere } from './sent-state.js';
import { dialect } from '../../db/dialect.js';

export const SentQuerySchema = z.object({
  q: SearchText.optional().openapi({ description: 'Subject, body and attachment names; all terms must match' }),
  from: z.coerce.number().int().min(0).optional().openapi({ description: 'Sent at or after (epoch ms)' }),
  to: z.coerce.number().int().min(0).optional().openapi({ description: 'Sent before (epoch ms)' }),
  // Issue 19 #9: the sender's own state (sent-state.ts).
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only the ones the caller archived; else those not archived (the default)' }),
  starred: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only the starred ones' }),
  tagId: z.string().min(1).max(64).optional().openapi({ description: 'Only those the caller tagged with this tag' }),
  tz: TimeZone.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SentQuery = z.output<typeof SentQuerySchema>;

export type ReceiptTotals = { total: number; read: number; confirmed: number };

/** Read and confirmed counts of a page of messages, in one grouped query over the mailbox primary key. */
async function receiptTotals(db: DbOrTx, messageIds: string[]): Promise<Map<string, ReceiptTotals>> {
  if (!messageIds.length) return new Map();
  const rows = await dialect.all<{ messageId: string; total: number; read: number; confirmed: number }>(
    db,
    sql`
    select message_id as "messageId", count(*) as total, count(read_at) as read, count(confirmed_at) as confirmed
    from mailbox where message_id in (${sql.join(
      messageIds.map((id) => sql`${id}`),
      sql`, `,
    )}) group by message_id`,
  );
  return new Map(
    rows.map((r) => [r.messageId, { total: Number(r.total), read: Number(r.read), confirmed: Number(r.confirmed) }]),
  );
}

type SentFilter = Pick<SentQuery, 'q' | 'from' | 'to' | 'tz' | 'archived' | 'starred' | 'tagId'>;

/** The conditions of the sender's list: own, not deleted, sent between `from` and `to`, every term of `q` found. */
function sentWhere(senderId: string, query: SentFilter): SQL[] {
  const parts: SQL[] = [sql`m.sender_id = ${senderId}`, sql`m.deleted_at is null`, ...sentStateWhere(senderId, query)];
  if (query.from !== undefined) parts.push(sql`m.created_at >= ${query.from}`);
  if (query.to !== undefined) parts.push(sql`m.created_at < ${query.to}`);
  const { terms, operators } = splitSearch(query.q ?? '');
  parts.push(...sentOperators(senderId, operators, query.tz ?? 'UTC'));
  for (const term of terms) {
    parts.push(sql`(${dialect.contains(OWN_SUBJECT('m'), term)} or ${dialect.contains(sql`m.body_text`, term)}
      or exists (select 1 from attachments a where a.message_id = m.id and ${dialect.contains(sql`a.name`, term)}))`);
  }
  return parts;
}

/** How many of the sender's messages `GET /sent` would list for this query, counted up to `cap`. */
export async function countSent(db: DbOrTx, senderId: string, query: SentFilter, cap: number): Promise<number> {
  const [row] = await dialect.all<{ n: number }>(
    db,
    sql`select count(*) as n from (select 1 from messages m where ${sql.join(sentWhere(senderId, query), sql` and `)}
      limit ${cap}) t`,
  );
  return Number(row?.n ?? 0);
}

/**
 * `GET /sent` (docs/api.md "Inbox"): the caller's own messages and replies, pending approval included, deleted ones
 * left out; newest first by keyset on (createdAt, id) over `messages_sender_idx`. The sender keeps recalled and
 * expired messages (they left the search index), so `q` is a substring test over the sender's own messages.
 */
export async function listSent(db: DbOrTx, actor: Actor, query: SentQuery) {
  // API keys that send as themselves have a Sent list too (no mailbox, though).
  const senderId = actorId(actor);
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'string'] as const) : null;
  const parts = sentWhere(senderId, query);
  if (after) parts.push(sql`(m.created_at, m.id) < (${after[0]}, ${after[1]})`);
  const keys = await dialect.all<{ id: string; createdAt: number }>(
    db,
    sql`
    select m.id as id, m.created_at as "createdAt" from messages m
    where ${sql.join(parts, sql` and `)}
    order by m.created_at desc, m.id desc
    limit ${query.limit + 1}`,
  );
  const page = keys.slice(0, query.limit);
  const ids = page.map((k) => k.id);
  const [rows, totals, settings, states] = await Promise.all([
    ids.length ? messagesByIds(db, { ids: JSON.stringify(ids) }) : [],
    receiptTotals(db, ids),
    messagingSettingsForViews(db),
    sentStates(db, senderId, ids),
  ]);
  const byId = new Map(rows.map((m) => [m.id, m]));
  const accesses: MessageAccess[] = ids.flatMap((id) => {
    const message = byId.get(id);
    return message ? [{ message, entry: null, sender: true, viewer: false, manager: false }] : [];
  });
  const views = await messageViews(db, actor, accesses, { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  const last = page[page.length - 1];
  return {
    items: views.map((message) => ({
      message,
      counts: totals.get(message.id) ?? { total: 0, read: 0, confirmed: 0 },
      state: states.get(message.id) ?? { archivedAt: null, starredAt: null, tagIds: [] },
    })),
    nextCursor: keys.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
