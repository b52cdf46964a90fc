import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import { receiptCounts } from '../mailbox/service.js';
import { notificationsOf } from '../notify/deliveries.js';
import { inScope, scopeOfAny, type Scope } from '../auth/scope.js';
import { departments } from '../org/schema.js';
import { messageAccess, type MessageAccess } from './access.js';
import { EXTERNAL, inRecipientDepartment, NO_DEPARTMENT } from './recipient-department.js';
import { dialect } from '../../db/dialect.js';

export type ReceiptFilter = 'read' | 'unread' | 'confirmed' | 'unconfirmed';

const filters: Record<ReceiptFilter, ReturnType<typeof sql>> = {
  read: sql`and mb.read_at is not null`,
  unread: sql`and mb.read_at is null`,
  confirmed: sql`and mb.confirmed_at is not null`,
  unconfirmed: sql`and mb.confirmed_at is null`,
};

/**
 * Who may see a message's receipts, remind its recipients and export them: its sender and those who oversee it.
 * Never an external contact, even for its own reply: the list names the organisation's people (R14).
 */
export async function receiptAccess(db: DbOrTx, actor: Actor, id: string): Promise<MessageAccess> {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  if (actor.kind === 'contact') throw new Problem('forbidden', "Receipts are for the organisation's staff.");
  if (!access.sender && !access.viewer && !access.manager)
    throw new Problem('forbidden', 'Read receipts are for the sender and those who may view data.');
  return access;
}

/**
 * Issue 24: the departments a caller may tell apart among a message's recipients — every one (null) for its sender
 * and for organisation-wide overseers; for an overseer whose scope is limited, those inside the scope (the reach chart
 * merges the others into one bar without a key, `reach/message-reach.ts`).
 */
export async function receiptDepartmentScope(db: DbOrTx, actor: Actor, access: MessageAccess): Promise<Scope | null> {
  if (access.sender) return null;
  const scope = await scopeOfAny(db, actor, ['data.view', 'message.manage']);
  return scope && !scope.all ? scope : null;
}

/**
 * A `department` narrowing the receipts list, its export or a reminder must be one the caller may tell apart:
 * otherwise `403 forbidden` — an empty answer would still tell a department B's people from the rest to a viewer
 * scoped to department A. `none` and `external` are outside every limited scope (they belong to no department).
 */
export async function requireDepartmentInView(
  db: DbOrTx,
  actor: Actor,
  access: MessageAccess,
  department: string | undefined,
): Promise<void> {
  if (department === undefined) return;
  const scope = await receiptDepartmentScope(db, actor, access);
  if (!scope) return;
  const [dept] =
    department === NO_DEPARTMENT || department === EXTERNAL
      ? []
      : await db.select({ path: departments.path }).from(departments).where(eq(departments.id, department));
  if (!dept || !inScope(scope, dept.path))
    throw new Problem('forbidden', 'That department is outside the departments you may view.');
}

/** Who received a message and what each did with it (R9, R14, S2, S3): the sender and those who oversee. */
export async function recipientsOf(
  db: DbOrTx,
  actor: Actor,
  id: string,
  q: {
    state?: ReceiptFilter | undefined;
    /** Issue 24: only those of one department (a bar of the reach chart): an id, `none` or `external`. */
    department?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  await requireDepartmentInView(db, actor, await receiptAccess(db, actor, id), q.department);
  const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string'] as const) : null;
  const rows = await dialect.all<{
    kind: 'member' | 'contact';
    id: string;
    name: string;
    detail: string | null;
    readAt: number | null;
    confirmedAt: number | null;
    progress: string | null;
    progressNote: string | null;
    progressAt: number | null;
  }>(
    db,
    sql`
    select * from (
      select mb.owner_kind as kind, mb.owner_id as id, coalesce(m.name, c.name, '') as name,
        coalesce(m.employee_no, c.company) as detail, mb.read_at as "readAt", mb.confirmed_at as "confirmedAt",
        mb.progress as progress, mb.progress_note as "progressNote", mb.progress_at as "progressAt"
      from mailbox mb
      left join members m on mb.owner_kind = 'member' and m.id = mb.owner_id
      left join contacts c on mb.owner_kind = 'contact' and c.id = mb.owner_id
      where mb.message_id = ${id} ${q.state ? filters[q.state] : sql``} ${inRecipientDepartment(q.department)}
    ) r ${after ? sql`where name > ${after[0]} or (name = ${after[0]} and id > ${after[1]})` : sql``}
    order by name, id limit ${q.limit + 1}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  // Per channel, how the e-mail / webhook / SMS notification of each person went (R9).
  const notifications = await notificationsOf(
    db,
    id,
    page.map((r) => r.id),
  );
  const items = page.map((r) => ({ ...r, notifications: notifications.get(r.id) ?? [] }));
  return {
    counts: await receiptCounts(db, id),
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
