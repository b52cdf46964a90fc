// Issue 20 #8: the operators of `q` (`from:张三 to:销售部 tag:项目 has:attachment is:unread before:2026-12-01`) as SQL
// conditions. The parser is `@herald/core/search-syntax` (shared with the inbox's suggestions); this file decides what
// each operator may match for the viewer (docs/api.md "Search syntax", docs/architecture.md "Search syntax").
import { z } from '@hono/zod-openapi';
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { parseDay, searchSyntaxErrors, searchTokens, SYNTAX_HINTS, type SearchToken } from '@herald/core/search-syntax';
import { dialect } from '../../db/dialect.js';
import { matchesWords } from '../../lib/search.js';
import { taggedWith } from './tagged.js';

/** An IANA time zone (`Asia/Shanghai`): the day `before:`/`after:` name starts at midnight there. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => zoneFormat(tz) !== null, { message: 'Not a time zone (an IANA name such as Asia/Shanghai).' })
  .openapi({ description: 'IANA time zone of `before:`/`after:` in `q` (issue 20); UTC when left out' });

const formats = new Map<string, Intl.DateTimeFormat | null>();
function zoneFormat(tz: string): Intl.DateTimeFormat | null {
  if (!formats.has(tz)) {
    if (formats.size > 500) formats.clear(); // bounded: the names come from callers
    let format: Intl.DateTimeFormat | null = null;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    formats.set(tz, format);
  }
  return formats.get(tz) ?? null;
}

/** How far `tz`'s wall clock is ahead of UTC at `t`. */
function zoneOffset(t: number, tz: string): number {
  const parts = Object.fromEntries(
    zoneFormat(tz)!
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(t / 1000) * 1000;
}

/** Epoch ms of midnight starting `day` in `tz` (twice round, so a day that starts in another offset is right). */
export function zonedDayStart(day: { year: number; month: number; day: number }, tz: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day);
  const first = wall - zoneOffset(wall, tz);
  return wall - zoneOffset(first, tz);
}

/** The zod check of `q`: operators given values they cannot take, one readable message each. */
export const syntaxIssues = (q: string): string[] =>
  searchSyntaxErrors(searchTokens(q)).map((e) => `${e.op}:${e.value} — ${e.op}: takes ${SYNTAX_HINTS[e.op]}.`);

/** The parts of `q`: plain text terms (lower-cased, each once) and the operators that have a value. */
export function splitSearch(q: string): { terms: string[]; operators: SearchToken[] } {
  const tokens = searchTokens(q);
  return {
    terms: [...new Set(tokens.filter((t) => !t.op && t.value).map((t) => t.value.toLowerCase()))],
    operators: tokens.filter((t) => t.op && t.value),
  };
}

/** The mailbox owner (a value, or the placeholder of query.ts's prepared statements). */
type Viewer = string | Placeholder | SQL;
const lowerIn = (column: SQL, value: string) => dialect.contains(column, value.toLowerCase());
/** The viewer is staff (a member): staff see colleagues' directory entries (R7), a contact only names. */
const isStaff = (viewerId: Viewer) => sql`exists (select 1 from members v where v.id = ${viewerId})`;
/** Active colleagues found as the directory finds them (name, pinyin, employee number …), for staff only. */
const directoryMembers = (viewerId: Viewer, value: string) =>
  sql`select d.id from members d where ${isStaff(viewerId)} and d.disabled = false
    and ${matchesWords(sql`d.search_text`, value)!}`;

/**
 * Who `from:value` may mean, for this viewer: any sender by the name their messages show (member, contact or API
 * key), and — for staff — colleagues by what the directory finds them by. Contacts are never matched by their company
 * or e-mail: only those who may see contacts (R7) see those, and a sender's name is all every recipient saw.
 */
export const sendersNamed = (viewerId: Viewer, value: string): SQL =>
  sql`select id from members where ${lowerIn(sql`name`, value)}
    union all ${directoryMembers(viewerId, value)}
    union all select id from contacts where ${lowerIn(sql`name`, value)}
    union all select id from api_keys where ${lowerIn(sql`name`, value)}`;

/**
 * `to:value` over what the viewer is shown of a message's audience (view.ts): staff see every entry (by its label,
 * and a member entry also by the directory), an external contact only its own.
 */
export const addressedTo = (messageId: SQL, viewerId: Viewer, value: string): SQL =>
  sql`exists (select 1 from message_audience a where a.message_id = ${messageId}
    and (${isStaff(viewerId)} or (a.kind = 'contact' and a.target_id = ${viewerId}))
    and (${lowerIn(sql`a.label`, value)}
      or (a.kind = 'member' and a.target_id in (${directoryMembers(viewerId, value)}))))`;

/** The viewer's tags named `value` (organisation and own personal ones, case-insensitive) and their sub-tags. */
const tagsNamed = (ownerId: Viewer, value: string): SQL =>
  sql`with recursive subtree(id) as (select id from tags where lower(name) = ${value.toLowerCase()}
      and (owner_id is null or owner_id = ${ownerId})
    union select t.id from tags t join subtree s on t.parent_id = s.id) select id from subtree`;

/** `before:`/`after:` as bounds on a time column; a value that is not a date was refused by the zod check. */
function dayBound(token: SearchToken, column: SQL, tz: string): SQL | null {
  const day = parseDay(token.value);
  if (!day) return null;
  const start = zonedDayStart(day, tz);
  return token.op === 'before' ? sql`${column} < ${start}` : sql`${column} >= ${start}`;
}

/** Issue 20 #8: the operators of `q` over the owner's mailbox entries `mb` (query.ts `mailboxWhere`). */
export function mailboxOperators(ownerId: Viewer, operators: readonly SearchToken[], tz: string, unread: SQL): SQL[] {
  return operators.flatMap((token): SQL[] => {
    const value = token.value;
    switch (token.op) {
      case 'from':
        return [sql`mb.sender_id in (${sendersNamed(ownerId, value)})`];
      case 'to':
        return [addressedTo(sql`mb.message_id`, ownerId, value)];
      case 'tag':
        return [taggedWith(ownerId, tagsNamed(ownerId, value))];
      case 'has':
        return [sql`mb.has_attachments = true`];
      case 'is':
        switch (value.toLowerCase()) {
          case 'unread':
            return [unread];
          case 'read':
            return [sql`mb.read_at is not null`];
          case 'starred':
            return [sql`mb.starred_at is not null`];
          default: // archived (a snoozed entry is the Snoozed view's, as in `view=archived`)
            return [sql`mb.archived_at is not null and mb.snoozed_until is null`];
        }
      default: {
        const bound = dayBound(token, sql`mb.delivered_at`, tz);
        return bound ? [bound] : [];
      }
    }
  });
}

/**
 * The operators of `q` over the sender's own messages `m` (sent.ts): `to:`, `has:`, `before:`/`after:` apply; `from:`,
 * `is:` and `tag:` describe mailbox entries, which Sent does not have, so nothing in Sent matches them.
 */
export function sentOperators(senderId: string, operators: readonly SearchToken[], tz: string): SQL[] {
  return operators.map((token): SQL => {
    switch (token.op) {
      case 'to':
        return addressedTo(sql`m.id`, senderId, token.value);
      case 'has':
        return sql`exists (select 1 from attachments a where a.message_id = m.id)`;
      case 'before':
      case 'after':
        return dayBound(token, sql`m.created_at`, tz) ?? sql`true`;
      default:
        return sql`false`;
    }
  });
}
