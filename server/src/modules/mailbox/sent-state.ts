// Issue 19 #9: senders manage what they sent — archive, star and tag their own sent messages through the mailbox's
// batch (docs/api.md "Batch operations"). Where the state lives (docs/architecture.md "Sent state"):
// - the sender also received the message (sent to oneself) and has a live mailbox entry: that entry, so the message
//   has one state whichever view it is changed from;
// - otherwise a `sent_state` row, created by the first archive or star (sending writes none);
// - tags: the sender's `mailbox_tags` rows in both cases, private to them like every tag assignment.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { BatchAction } from './batch.js';
import { dialect } from '../../db/dialect.js';

/** What a sender may do to a message they sent and did not receive. */
export const SENT_ACTIONS = ['archive', 'unarchive', 'star', 'unstar', 'tag', 'untag'] as const;
export const isSentAction = (action: BatchAction): boolean => (SENT_ACTIONS as readonly string[]).includes(action);

const idList = (ids: readonly string[]) => sql`${dialect.jsonValues(JSON.stringify(ids))}`;

/** No live mailbox entry of the sender for message `m`: its sender state is a `sent_state` row. */
const noLiveEntry = (senderId: string, m: string) =>
  sql`not exists (select 1 from mailbox mb where mb.owner_id = ${senderId} and mb.message_id = ${sql.raw(m)}.id
    and mb.deleted_at is null)`;

/** Of `ids`, the messages `senderId` sent (not deleted, pending approval included) and has no live entry of. */
export async function sentOnlyIds(db: DbOrTx, senderId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await dialect.all<{ id: string }>(
    db,
    sql`
    select m.id as id from messages m
    where m.id in ${idList(ids)} and m.sender_id = ${senderId} and m.deleted_at is null
      and ${noLiveEntry(senderId, 'm')}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** A column of the sender state set (`at`) or cleared (null), returning the ids that changed. */
async function setColumn(
  db: DbOrTx,
  senderId: string,
  ids: readonly string[],
  column: 'archived_at' | 'starred_at',
  at: number | null,
): Promise<string[]> {
  const col = sql.raw(column);
  const rows =
    at === null
      ? await dialect.all<{ id: string }>(
          db,
          sql`
        update sent_state set ${col} = null
        where sender_id = ${senderId} and message_id in ${idList(ids)} and ${col} is not null
        returning message_id as id`,
        )
      : // The first archive or star of a message creates its row; a row already in this state stays untouched.
        await dialect.all<{ id: string }>(
          db,
          sql`
        insert into sent_state (sender_id, message_id, ${col})
        select ${senderId}, v.value, ${at} from ${dialect.jsonEach(sql`${JSON.stringify(ids)}`, 'v')} where true
        on conflict (sender_id, message_id) do update set ${col} = excluded.${col} where sent_state.${col} is null
        returning message_id as id`,
        );
  return rows.map((r) => r.id);
}

/** Runs a sender action on messages of `sentOnlyIds`; returns those that changed. */
export async function applySentAction(
  db: DbOrTx,
  senderId: string,
  action: BatchAction,
  ids: readonly string[],
  tagId: string | null,
  at: number,
): Promise<string[]> {
  if (!ids.length) return [];
  switch (action) {
    case 'archive':
    case 'unarchive':
      return setColumn(db, senderId, ids, 'archived_at', action === 'archive' ? at : null);
    case 'star':
    case 'unstar':
      return setColumn(db, senderId, ids, 'starred_at', action === 'star' ? at : null);
    case 'tag': {
      // The delivery time of the sender's own entry, if they hold one (imported history, even in the trash): the
      // tag filter matches an entry on it (tagged.ts). Otherwise the message's creation time stands in.
      const rows = await dialect.all<{ id: string }>(
        db,
        sql`
        insert into mailbox_tags (owner_id, message_id, tag_id, delivered_at, created_at)
        select ${senderId}, m.id, ${tagId}, coalesce((select mb.delivered_at from mailbox mb
          where mb.owner_id = ${senderId} and mb.message_id = m.id), m.created_at), ${at}
        from messages m where m.id in ${idList(ids)}
        on conflict do nothing returning message_id as id`,
      );
      return rows.map((r) => r.id);
    }
    case 'untag': {
      const rows = await dialect.all<{ id: string }>(
        db,
        sql`
        delete from mailbox_tags where owner_id = ${senderId} and tag_id = ${tagId} and message_id in ${idList(ids)}
        returning message_id as id`,
      );
      return rows.map((r) => r.id);
    }
    default:
      return [];
  }
}

/** The sender's view of a sent message (`GET /sent` items' `state`). */
export type SentState = { archivedAt: number | null; starredAt: number | null; tagIds: string[] };

/** The archived/starred column of message `m` for its sender: the live mailbox entry's, else the sent state's. */
const senderColumn = (senderId: string, column: 'archived_at' | 'starred_at') => {
  const col = sql.raw(column);
  return sql`coalesce(
    (select 1 from mailbox mb where mb.owner_id = ${senderId} and mb.message_id = m.id and mb.deleted_at is null
      and mb.${col} is not null),
    (select 1 from sent_state ss where ss.sender_id = ${senderId} and ss.message_id = m.id
      and ss.${col} is not null
      and ${noLiveEntry(senderId, 'm')}))`;
};

/** The Sent listing's conditions on the sender's state: archived ones only with `archived`, starred, a tag. */
export function sentStateWhere(
  senderId: string,
  f: { archived?: boolean | undefined; starred?: boolean | undefined; tagId?: string | undefined },
): SQL[] {
  const parts: SQL[] = [
    f.archived
      ? sql`${senderColumn(senderId, 'archived_at')} is not null`
      : sql`${senderColumn(senderId, 'archived_at')} is null`,
  ];
  if (f.starred) parts.push(sql`${senderColumn(senderId, 'starred_at')} is not null`);
  if (f.tagId)
    parts.push(sql`exists (select 1 from mailbox_tags mt where mt.owner_id = ${senderId} and mt.message_id = m.id
      and mt.tag_id = ${f.tagId})`);
  return parts;
}

/** The sender's state of each of `ids` (a page of their Sent list), in two queries. */
export async function sentStates(
  db: DbOrTx,
  senderId: string,
  ids: readonly string[],
): Promise<Map<string, SentState>> {
  const states = new Map<string, SentState>(ids.map((id) => [id, { archivedAt: null, starredAt: null, tagIds: [] }]));
  if (!ids.length) return states;
  const [rows, tags] = await Promise.all([
    dialect.all<{ id: string; archivedAt: number | null; starredAt: number | null }>(
      db,
      sql`
      select mb.message_id as id, mb.archived_at as "archivedAt", mb.starred_at as "starredAt" from mailbox mb
      where mb.owner_id = ${senderId} and mb.message_id in ${idList(ids)} and mb.deleted_at is null
      union all
      select ss.message_id, ss.archived_at, ss.starred_at from sent_state ss
      where ss.sender_id = ${senderId} and ss.message_id in ${idList(ids)} and not exists (select 1 from mailbox mb
        where mb.owner_id = ${senderId} and mb.message_id = ss.message_id and mb.deleted_at is null)`,
    ),
    dialect.all<{ id: string; tagId: string }>(
      db,
      sql`
      select message_id as id, tag_id as "tagId" from mailbox_tags
      where owner_id = ${senderId} and message_id in ${idList(ids)} order by created_at`,
    ),
  ]);
  for (const r of rows) {
    const s = states.get(r.id);
    if (s) Object.assign(s, { archivedAt: r.archivedAt ?? null, starredAt: r.starredAt ?? null });
  }
  for (const r of tags) states.get(r.id)?.tagIds.push(r.tagId);
  return states;
}
