import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { matchesWords } from '../../lib/search.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import { contacts } from '../contacts/schema.js';
import { memberCounts } from '../groups/service.js';
import { groups } from '../groups/schema.js';
import { departments, members } from '../org/schema.js';
import type { AudienceKind } from './schema.js';
import { dialect } from '../../db/dialect.js';

export type DirectoryItem = {
  kind: AudienceKind;
  id: string;
  name: string;
  detail: string | null;
  memberCount: number | null;
  memberCountWithSubdepartments: number | null;
};

/** Active members of each department, without and with its sub-departments (primary and extra departments). */
async function departmentCounts(db: DbOrTx, ids: string[]): Promise<Map<string, { direct: number; subtree: number }>> {
  if (!ids.length) return new Map();
  const rows = await dialect.all<{ id: string; direct: number; subtree: number }>(
    db,
    sql`
    select d.id,
      (select count(*) from (
        select m.id from members m where m.department_id = d.id and m.disabled = false
        union select md.member_id from member_departments md
          join members m on m.id = md.member_id and m.disabled = false
          where md.department_id = d.id
      ) x) as direct,
      (select count(*) from (
        select m.id from members m join departments s on s.id = m.department_id where s.path like d.path || '%'
          and m.disabled = false
        union select md.member_id from member_departments md join departments s on s.id = md.department_id
          join members m on m.id = md.member_id and m.disabled = false where s.path like d.path || '%'
      ) x) as subtree
    from departments d where d.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, { direct: Number(r.direct), subtree: Number(r.subtree) }]));
}

/**
 * One search box for the recipient picker (R7): members by name, pinyin or employee number; departments and
 * groups by name; contacts (only for those who may send external messages) by name, company or pinyin.
 */
export async function searchDirectory(
  db: DbOrTx,
  actor: Actor,
  q: { q?: string | undefined; kinds: AudienceKind[]; limit: number },
): Promise<{ items: DirectoryItem[] }> {
  if (actor.kind === 'contact') throw new Problem('forbidden', 'The directory is for staff.');
  const query = q.q?.trim() || undefined;
  const wants = (k: AudienceKind) => q.kinds.includes(k);
  const items: DirectoryItem[] = [];

  if (wants('member') && query) {
    const rows = await db
      .select({ id: members.id, name: members.name, employeeNo: members.employeeNo, department: departments.name })
      .from(members)
      .leftJoin(departments, eq(departments.id, members.departmentId))
      .where(and(eq(members.disabled, false), matchesWords(members.searchText, query)))
      .orderBy(asc(members.name), asc(members.id))
      .limit(q.limit);
    items.push(
      ...rows.map((r) => ({
        kind: 'member' as const,
        id: r.id,
        name: r.name,
        detail: [r.employeeNo, r.department].filter(Boolean).join(' · '),
        memberCount: null,
        memberCountWithSubdepartments: null,
      })),
    );
  }
  if (wants('department')) {
    const rows = await db
      .select({ id: departments.id, name: departments.name, path: departments.path })
      .from(departments)
      .where(matchesWords(sql`lower(${departments.name})`, query))
      .orderBy(asc(departments.path))
      .limit(q.limit);
    const counts = await departmentCounts(
      db,
      rows.map((r) => r.id),
    );
    const names = new Map(
      (await db.select({ id: departments.id, name: departments.name }).from(departments)).map((d) => [d.id, d.name]),
    );
    items.push(
      ...rows.map((r) => ({
        // The path of names above it tells two "销售部" apart.
        kind: 'department' as const,
        id: r.id,
        name: r.name,
        detail:
          r.path
            .split('/')
            .filter(Boolean)
            .slice(0, -1)
            .map((id) => names.get(id) ?? '')
            .join(' / ') || null,
        memberCount: counts.get(r.id)?.direct ?? 0,
        memberCountWithSubdepartments: counts.get(r.id)?.subtree ?? 0,
      })),
    );
  }
  if (wants('group')) {
    const rows = await db
      .select({ id: groups.id, name: groups.name, description: groups.description })
      .from(groups)
      .where(and(or(isNull(groups.endsAt), gt(groups.endsAt, now())), matchesWords(sql`lower(${groups.name})`, query)))
      .orderBy(asc(groups.name), asc(groups.id))
      .limit(q.limit);
    const counts = await memberCounts(
      db,
      rows.map((r) => r.id),
    );
    items.push(
      ...rows.map((r) => ({
        kind: 'group' as const,
        id: r.id,
        name: r.name,
        detail: r.description,
        memberCount: counts.get(r.id) ?? 0,
        memberCountWithSubdepartments: null,
      })),
    );
  }
  if (wants('contact') && query && hasPermission(actor, 'message.send.external')) {
    const rows = await db
      .select({ id: contacts.id, name: contacts.name, company: contacts.company })
      .from(contacts)
      .where(and(eq(contacts.disabled, false), matchesWords(contacts.searchText, query)))
      .orderBy(asc(contacts.name), asc(contacts.id))
      .limit(q.limit);
    items.push(
      ...rows.map((r) => ({
        kind: 'contact' as const,
        id: r.id,
        name: r.name,
        detail: r.company,
        memberCount: null,
        memberCountWithSubdepartments: null,
      })),
    );
  }
  return { items };
}
