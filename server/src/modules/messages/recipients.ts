import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import type { AudienceKind, MessageKind } from './schema.js';
import { deliverToPeople, targetNames } from './send-sql.js';
import { dialect } from '../../db/dialect.js';

export type AudienceInput = { kind: AudienceKind; targetId: string; includeSubdepartments?: boolean | undefined };
/** An audience entry once checked: its target exists and the sender may use it, with the name it had. */
export type CheckedAudience = { kind: AudienceKind; targetId: string; includeSubdepartments: boolean; label: string };

export const contactsAllowed = (kind: MessageKind) => kind === 'external';

/** The permission a kind of message needs (R4, R6). */
export function requireSendPermission(actor: Actor, kind: MessageKind): void {
  const needed = kind === 'external' ? 'message.send.external' : 'message.send.internal';
  if (actor.kind === 'contact' || !hasPermission(actor, needed)) {
    throw new Problem('forbidden', `Sending ${kind} messages needs the "${needed}" permission.`);
  }
}

/**
 * Checks every entry names something that exists and that this kind of message may reach; collects every bad
 * entry as a field error (`audience.N.targetId`) and throws them together.
 */
export async function checkAudience(
  db: DbOrTx,
  kind: MessageKind,
  audience: AudienceInput[],
): Promise<CheckedAudience[]> {
  const idsOf = (k: AudienceKind) => [...new Set(audience.filter((a) => a.kind === k).map((a) => a.targetId))];
  const names = new Map<string, string>();
  const at = now();
  const load = async (k: AudienceKind, ids: string[]) => {
    if (!ids.length) return;
    for (const r of await targetNames(db, k, ids, at)) names.set(`${k}:${r.id}`, r.name);
  };
  await Promise.all([
    load('member', idsOf('member')),
    load('department', idsOf('department')),
    load('group', idsOf('group')),
    contactsAllowed(kind) ? load('contact', idsOf('contact')) : undefined,
  ]);
  const errors: FieldError[] = [];
  const checked: CheckedAudience[] = [];
  const seen = new Set<string>();
  audience.forEach((a, i) => {
    const path = `audience.${i}.targetId`;
    if (a.kind === 'contact' && !contactsAllowed(kind)) {
      errors.push({
        path,
        code: 'contact-needs-external',
        message: 'External contacts can only receive external messages',
      });
      return;
    }
    const label = names.get(`${a.kind}:${a.targetId}`);
    if (label === undefined) {
      errors.push({ path, code: `unknown-${a.kind}`, message: `No such ${a.kind} (or it is disabled or ended)` });
      return;
    }
    const includeSubdepartments = a.kind === 'department' ? (a.includeSubdepartments ?? true) : true;
    const key = `${a.kind}:${a.targetId}:${includeSubdepartments}`;
    if (seen.has(key)) return;
    seen.add(key);
    checked.push({ kind: a.kind, targetId: a.targetId, includeSubdepartments, label });
  });
  if (errors.length) throw new Problem('validation', 'Some recipients cannot be used.', { errors });
  return checked;
}

/**
 * The people an audience reaches, as a SQL CTE `reached(idx, owner_kind, owner_id)`: members picked directly or
 * through a department (primary and extra departments, the subtree when asked) or a group's entries, and
 * contacts (only when the kind allows them); disabled people and the sender are left out. Rows may repeat a
 * person under several entries: callers count or insert `distinct`.
 */
function reachedCte(audience: CheckedAudience[], withContacts: boolean, senderId: string, range: IdRange = OPEN): SQL {
  const within = (id: SQL) =>
    range[1] === null ? sql`${id} > ${range[0]}` : sql`${id} > ${range[0]} and ${id} <= ${range[1]}`;
  const mId = within(sql`m.id`),
    cId = within(sql`c.id`);
  const picked = sql.join(
    audience.map(
      (a, i) =>
        sql`(${sql.raw(String(i))}, ${a.kind}, ${a.targetId}, ${sql.raw(a.includeSubdepartments ? 'true' : 'false')})`,
    ),
    sql`, `,
  );
  const contactsOn = withContacts ? sql`true` : sql`false`;
  return sql`
    picked(idx, kind, target_id, subtree) as (values ${picked}),
    roots(idx, root_id, subtree) as (
      select idx, target_id, subtree from picked where kind = 'department'
      union all
      select p.idx, ge.target_id, ge.include_subdepartments from picked p
        join group_entries ge on ge.group_id = p.target_id and ge.kind = 'department' where p.kind = 'group'
    ),
    depts(idx, department_id) as (
      select r.idx, d.id from roots r join departments root on root.id = r.root_id
        join departments d on d.id = root.id or (r.subtree = true and d.path like root.path || '%')
    ),
    -- Each branch joins the row of the person (active only) right away: a join after the UNION would make SQLite
    -- scan the unindexed union once per member (quadratic: 20 s for 10,000 people).
    people(idx, owner_kind, owner_id) as (
      select p.idx, 'member', m.id from picked p join members m on m.id = p.target_id and m.disabled = false
        where p.kind = 'member' and ${mId}
      union all select p.idx, 'member', m.id from picked p
        join group_entries ge on ge.group_id = p.target_id and ge.kind = 'member'
        join members m on m.id = ge.target_id and m.disabled = false where p.kind = 'group' and ${mId}
      union all select p.idx, 'contact', c.id from picked p
        join group_entries ge on ge.group_id = p.target_id and ge.kind = 'contact'
        join contacts c on c.id = ge.target_id and c.disabled = false
        where p.kind = 'group' and ${contactsOn} and ${cId}
      union all select d.idx, 'member', m.id from depts d join members m on m.department_id = d.department_id
        and m.disabled = false
        where ${mId}
      union all select d.idx, 'member', m.id from depts d join member_departments md
        on md.department_id = d.department_id
        join members m on m.id = md.member_id and m.disabled = false where ${mId}
      union all select p.idx, 'contact', c.id from picked p join contacts c on c.id = p.target_id and c.disabled = false
        where p.kind = 'contact' and ${contactsOn} and ${cId}
    ),
    reached(idx, owner_kind, owner_id) as (select idx, owner_kind, owner_id from people where owner_id <> ${senderId}
    )`;
}

/** Ids in `(from, to]`, `to` null for no upper end; ids are text (UUIDv7), members and contacts alike. */
type IdRange = readonly [from: string, to: string | null];
const OPEN: IdRange = ['', null];
/** Members per range of the fan-out (issue 15): one statement resolves and writes at most about this many people. */
export const FANOUT_RANGE = 1000;

/**
 * The ranges of ids that split the members into `FANOUT_RANGE`-sized parts, for an audience that may be large (a
 * department or a group): each statement of the fan-out then stays short, and the event loop turns between them
 * (issue 15: no stalls), in the one transaction of the send. People picked one by one need no splitting.
 */
async function idRanges(db: DbOrTx, audience: CheckedAudience[]): Promise<IdRange[]> {
  if (audience.every(isPerson)) return [OPEN];
  const ranges: IdRange[] = [];
  let from = '';
  for (;;) {
    const [bound] = await dialect.all<{ id: string }>(
      db,
      sql`select id from members where id > ${from} order by id limit 1 offset ${FANOUT_RANGE - 1}`,
    );
    if (!bound) return [...ranges, [from, null]];
    ranges.push([from, bound.id]);
    from = bound.id;
  }
}

/**
 * Head counts for the preview and for history: per entry, and distinct people in all; `senderLeftOut` says whether
 * the audience named the sender (who never receives their own message), so the preview can say why it reaches fewer.
 * Counted a range of ids at a time; the ranges do not overlap, so the distinct counts add up.
 */
export async function countAudience(
  db: DbOrTx,
  kind: MessageKind,
  audience: CheckedAudience[],
  senderId: string,
  /**
   * The entries were read back from a stored message, not checked now: people picked one by one are counted by the
   * statement too, which finds only those it would still reach (review of issue 15: the approval view counted a
   * member disabled since the send).
   */
  stored = false,
): Promise<{ total: number; counts: number[]; senderLeftOut: boolean }> {
  if (!audience.length) return { total: 0, counts: [], senderLeftOut: false };
  if (!stored && audience.every(isPerson)) return countPeople(audience, senderId);
  const counts = audience.map(() => 0);
  let total = 0;
  let senderLeftOut = false;
  for (const range of await idRanges(db, audience)) {
    const cte = reachedCte(audience, contactsAllowed(kind), senderId, range);
    const rows = await dialect.all<{ idx: number; n: number }>(
      db,
      sql`with ${cte}
      select idx, count(distinct owner_id) as n from reached group by idx
      union all select -1, count(distinct owner_id) from reached
      union all select -2, case when exists (select 1 from people where owner_id = ${senderId}) then 1 else 0 end`,
    );
    for (const r of rows) {
      const idx = Number(r.idx),
        n = Number(r.n);
      if (idx === -1) total += n;
      else if (idx === -2) senderLeftOut ||= n === 1;
      else counts[idx] = counts[idx]! + n;
    }
  }
  return { total, counts, senderLeftOut };
}

/**
 * Issue 19 #3: which of the mentioned members an audience does not reach now (the sender counts as not reached: they
 * get no copy), for the preview and a send that waits for approval; a direct send knows it from its flagged copies.
 * People picked one by one are answered without a statement.
 */
export async function unreachedMembers(
  db: DbOrTx,
  kind: MessageKind,
  audience: CheckedAudience[],
  senderId: string,
  memberIds: readonly string[],
): Promise<string[]> {
  if (!memberIds.length) return [];
  if (audience.every(isPerson)) {
    const picked = new Set(
      audience.filter((a) => a.kind === 'member' && a.targetId !== senderId).map((a) => a.targetId),
    );
    return memberIds.filter((id) => !picked.has(id));
  }
  const cte = reachedCte(audience, contactsAllowed(kind), senderId);
  const rows = await dialect.all<{ id: string }>(
    db,
    sql`with ${cte}
    select v.value as id from ${dialect.jsonEach(sql`${JSON.stringify(memberIds)}`, 'v')}
    where v.value not in (select owner_id from reached where owner_kind = 'member')`,
  );
  const missing = new Set(rows.map((r) => r.id));
  return memberIds.filter((id) => missing.has(id));
}

/** A member or contact picked one by one (not a department or group). */
export const isPerson = (a: CheckedAudience) => a.kind === 'member' || a.kind === 'contact';

/**
 * People picked one by one need no statement to be counted: a checked entry names an active member, or an active
 * contact of a message that may reach contacts (`checkAudience`) — exactly whom `reachedCte` would find for it.
 */
function countPeople(audience: CheckedAudience[], senderId: string) {
  const counts = audience.map((a) => (a.targetId === senderId ? 0 : 1));
  const total = new Set(audience.filter((a) => a.targetId !== senderId).map((a) => a.targetId)).size;
  return { total, counts, senderLeftOut: audience.some((a) => a.targetId === senderId) };
}

export type Delivery = {
  messageId: string;
  threadId: string;
  senderId: string;
  priority: string;
  deliveredAt: number;
  expiresAt: number | null;
  receiptRequired: boolean;
  hasAttachments: boolean;
};

const COLUMNS = sql.raw(
  'message_id, owner_kind, owner_id, thread_id, sender_id, priority, delivered_at, expires_at, ' +
    'receipt_required, has_attachments',
);
/**
 * A delivery's values beside each person's `owner_kind, owner_id`. Never under `select distinct` (de-duplicate the
 * people first): PostgreSQL would then type the parameters as text instead of as the columns they are inserted into.
 */
const values = (d: Delivery) =>
  sql`${d.messageId}, owner_kind, owner_id, ${d.threadId}, ${d.senderId}, ${d.priority}, ${d.deliveredAt},
    ${d.expiresAt}, ${d.receiptRequired ? 1 : 0}, ${d.hasAttachments ? 1 : 0}`;

/**
 * Fan-out (R6): one mailbox row per person reached, set-based (`INSERT … SELECT`; a statement per recipient is
 * ~20× slower through libsql), one statement per range of ids (`idRanges`) so that none holds the event loop long
 * (issue 15); all in the caller's transaction, so everyone receives the message or no one. Answers how many rows
 * were written.
 */
export async function deliverToAudience(
  tx: DbOrTx,
  kind: MessageKind,
  audience: CheckedAudience[],
  senderId: string,
  d: Delivery,
): Promise<number> {
  if (!audience.length) return 0;
  if (audience.every(isPerson)) {
    const ids = (k: AudienceKind) => audience.filter((a) => a.kind === k).map((a) => a.targetId);
    return deliverToPeople(tx, ids('member'), contactsAllowed(kind) ? ids('contact') : [], senderId, d);
  }
  let written = 0;
  for (const range of await idRanges(tx, audience)) {
    const cte = reachedCte(audience, contactsAllowed(kind), senderId, range);
    const result = await dialect.run(
      tx,
      sql`
      with ${cte}
      insert into mailbox (${COLUMNS})
      select ${values(d)} from (select distinct owner_kind, owner_id from reached) reached
      where true on conflict do nothing`,
    );
    written += Number(result.rowsAffected);
  }
  return written;
}

/**
 * The people a reply reaches: everyone in the thread (its first sender and every recipient of any message in it) but
 * the replier.
 */
export async function deliverToThread(tx: DbOrTx, threadId: string, replierId: string, d: Delivery): Promise<number> {
  const result = await dialect.run(
    tx,
    sql`
    insert into mailbox (${COLUMNS})
    select ${values(d)} from (
      select owner_kind, owner_id from mailbox where thread_id = ${threadId}
      union select sender_kind, sender_id from messages where thread_id = ${threadId} and status = 'sent'
    ) people
    where owner_id <> ${replierId}
      and (exists (select 1 from members m where m.id = people.owner_id and m.disabled = false)
        or exists (select 1 from contacts c where c.id = people.owner_id and c.disabled = false))
    on conflict do nothing`,
  );
  return Number(result.rowsAffected);
}

/** Whether any contact takes part in a thread (then a member's reply is external). */
export async function threadHasContacts(db: DbOrTx, threadId: string): Promise<boolean> {
  const [row] = await dialect.all<{ n: number }>(
    db,
    sql`
    select (exists (select 1 from mailbox where thread_id = ${threadId} and owner_kind = 'contact')
      or exists (select 1 from messages where thread_id = ${threadId} and sender_kind = 'contact')) as n`,
  );
  return Number(row?.n ?? 0) === 1;
}
