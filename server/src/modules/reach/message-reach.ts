import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { inScope, type Scope } from '../auth/scope.js';
import { receiptCounts } from '../mailbox/service.js';
import { departmentKey, EXTERNAL, NO_DEPARTMENT } from '../messages/recipient-department.js';
import { receiptAccess, receiptDepartmentScope } from '../messages/receipts.js';
import { departments } from '../org/schema.js';
import { dialect } from '../../db/dialect.js';

const MINUTE = 60_000;
/** Steps of the progress chart, smallest first: the first that draws the time since delivery in ≤ 48 points. */
const STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10_080].map((m) => m * MINUTE);
const MAX_POINTS = 48;

export type ReachPoint = { at: number; read: number; confirmed: number };
export type DepartmentBar = {
  /** A department id, `none`, `external`; null for `outside` (departments beyond a scoped viewer's reach, merged). */
  key: string | null;
  kind: 'department' | 'none' | 'external' | 'outside';
  name: string | null;
  total: number;
  read: number;
  confirmed: number;
};

/** The step of the progress chart for a message delivered `span` ms ago. */
export function timelineStep(span: number): number {
  return STEPS.find((s) => span / s <= MAX_POINTS) ?? Math.ceil(span / MAX_POINTS / MINUTE) * MINUTE;
}

/**
 * One message's reach at a glance (issue 24): read and confirmed over time since delivery (cumulative, one point per
 * step), a bar per department, and the counts (task progress among them). For whoever may see its receipts; a viewer
 * who is not the sender and whose scope is limited sees the departments outside it as one merged bar.
 * Three set-based statements over the message's mailbox rows.
 */
export async function messageReach(db: DbOrTx, actor: Actor, id: string, at = now()) {
  const access = await receiptAccess(db, actor, id);
  const m = access.message;
  const counts = await receiptCounts(db, id);
  const deliveredAt = m.deliveredAt;
  const span = deliveredAt === null ? 0 : Math.max(MINUTE, at - deliveredAt);
  const step = timelineStep(span);
  const buckets = await dialect.all<{ what: 'read' | 'confirmed'; bucket: number; n: number }>(
    db,
    sql`
    select 'read' as what, (read_at - delivered_at) / ${step} as bucket, count(*) as n
      from mailbox where message_id = ${id} and read_at is not null group by bucket
    union all
    select 'confirmed' as what, (confirmed_at - delivered_at) / ${step} as bucket, count(*) as n
      from mailbox where message_id = ${id} and confirmed_at is not null group by bucket`,
  );
  const points = Math.max(1, Math.ceil(span / step));
  const read = new Array<number>(points).fill(0);
  const confirmed = new Array<number>(points).fill(0);
  for (const b of buckets) {
    const i = Math.min(points - 1, Math.max(0, Number(b.bucket)));
    (b.what === 'read' ? read : confirmed)[i]! += Number(b.n);
  }
  const timeline: ReachPoint[] = [{ at: 0, read: 0, confirmed: 0 }];
  for (let i = 0, r = 0, c = 0; i < points; i++)
    timeline.push({ at: Math.min(span, (i + 1) * step), read: (r += read[i]!), confirmed: (c += confirmed[i]!) });

  return {
    messageId: id,
    deliveredAt,
    receiptRequired: m.receiptRequired,
    task: m.dueAt !== null,
    counts,
    timeline: { step, points: deliveredAt === null ? [] : timeline },
    departments: await departmentBars(db, await receiptDepartmentScope(db, actor, access), id, m.receiptRequired),
  };
}

/** `scope`: the departments the caller may tell apart (null: all of them), `receiptDepartmentScope`. */
async function departmentBars(
  db: DbOrTx,
  scope: Scope | null,
  id: string,
  receiptRequired: boolean,
): Promise<DepartmentBar[]> {
  const rows = await dialect.all<{ key: string; total: number; read: number; confirmed: number }>(
    db,
    sql`
    select ${departmentKey} as key, count(*) as total, count(mb.read_at) as read, count(mb.confirmed_at) as confirmed
    from mailbox mb left join members m on mb.owner_kind = 'member' and m.id = mb.owner_id
    where mb.message_id = ${id}
    group by key`,
  );
  const ids = rows.map((r) => r.key).filter((k) => k !== NO_DEPARTMENT && k !== EXTERNAL);
  const named = ids.length
    ? await db
        .select({ id: departments.id, name: departments.name, path: departments.path })
        .from(departments)
        .where(inArray(departments.id, ids))
    : [];
  const byId = new Map(named.map((d) => [d.id, d]));
  const bars: DepartmentBar[] = [];
  const outside: DepartmentBar = { key: null, kind: 'outside', name: null, total: 0, read: 0, confirmed: 0 };
  for (const r of rows) {
    const figures = { total: Number(r.total), read: Number(r.read), confirmed: Number(r.confirmed) };
    const dept = byId.get(r.key);
    // The sender sees every department of their own message; an overseer only those in scope (issue 24).
    if (scope && !(dept && inScope(scope, dept.path))) {
      outside.total += figures.total;
      outside.read += figures.read;
      outside.confirmed += figures.confirmed;
      continue;
    }
    const kind = r.key === EXTERNAL ? 'external' : r.key === NO_DEPARTMENT || !dept ? 'none' : 'department';
    bars.push({ key: r.key, kind, name: dept?.name ?? null, ...figures });
  }
  // Those with most still to do first: "who in which department has not confirmed" is the question.
  const pending = (b: DepartmentBar) => b.total - (receiptRequired ? b.confirmed : b.read);
  bars.sort((a, b) => pending(b) - pending(a) || (a.name ?? '').localeCompare(b.name ?? ''));
  if (outside.total) bars.push(outside);
  return bars;
}
