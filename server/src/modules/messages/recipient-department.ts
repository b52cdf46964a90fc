import { sql, type SQL } from 'drizzle-orm';

/**
 * Recipients grouped by where they belong (issue 24): a member by their primary department (`members.department_id`,
 * as approvals and scopes read it), `none` for a member without one, `external` for every external contact.
 */
export type RecipientDepartment = string; // a department id, `none` or `external`
export const NO_DEPARTMENT = 'none';
export const EXTERNAL = 'external';

/** The key of a mailbox row's group, as a SQL expression over the mailbox alias `mb` and its member `m`. */
export const departmentKey = sql`case when mb.owner_kind = 'contact' then ${EXTERNAL}
  else coalesce(m.department_id, ${NO_DEPARTMENT}) end`;

/**
 * `and <the mailbox row's recipient is in the group>`, over the mailbox table as `alias` (a subquery on members, so
 * that it fits statements with or without a join on members).
 */
export function inRecipientDepartment(department: RecipientDepartment | undefined, alias = 'mb'): SQL {
  if (department === undefined) return sql``;
  const mb = sql.raw(alias);
  if (department === EXTERNAL) return sql`and ${mb}.owner_kind = 'contact'`;
  const members =
    department === NO_DEPARTMENT
      ? sql`select id from members where department_id is null`
      : sql`select id from members where department_id = ${department}`;
  return sql`and ${mb}.owner_kind = 'member' and ${mb}.owner_id in (${members})`;
}
