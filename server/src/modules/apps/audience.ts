// Whom an embed app may speak for (docs/api.md, "Embed app audiences"), checked on every token: a grant made after
// the app was registered, or a registrant who lost rights since, narrows what the app may do at once.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { loadGrants, type Actor, type Grant } from '../auth/actor.js';
import { missingRights } from '../auth/ceiling.js';
import { isSuperAdmin } from '../org/access.js';
import { departments, memberDepartments, members } from '../org/schema.js';
import type { embedApps } from './schema.js';

type App = typeof embedApps.$inferSelect;
type MemberRow = typeof members.$inferSelect;

const refused = (detail: string, reason: string) => new Problem('forbidden', detail, { reason });

export function assertSpeaksForContacts(app: App): void {
  if (app.audience === 'members') throw refused('This embed app speaks for members only.', 'outside-app-audience');
}

/** Paths of the member's departments (primary and extra). */
async function memberPaths(db: DbOrTx, member: MemberRow): Promise<string[]> {
  const extra = await db
    .select({ id: memberDepartments.departmentId })
    .from(memberDepartments)
    .where(eq(memberDepartments.memberId, member.id));
  const ids = [...new Set([member.departmentId, ...extra.map((e) => e.id)].filter((id): id is string => !!id))];
  if (ids.length === 0) return [];
  return (await db.select({ path: departments.path }).from(departments).where(inArray(departments.id, ids))).map(
    (d) => d.path,
  );
}

/** Grants as `(permission, department path)` pairs, for comparing with another actor's scopes. */
async function grantPlaces(db: DbOrTx, grants: Grant[]) {
  const ids = [...new Set(grants.map((g) => g.departmentId).filter((id): id is string => !!id))];
  const paths = new Map(
    ids.length
      ? (
          await db
            .select({ id: departments.id, path: departments.path })
            .from(departments)
            .where(inArray(departments.id, ids))
        ).map((d) => [d.id, d.path])
      : [],
  );
  return grants.map((g) => ({
    permission: g.permission,
    departmentPath: g.departmentId ? (paths.get(g.departmentId) ?? null) : null,
  }));
}

/**
 * A member token is honoured only when the app speaks for members, the member is in the app's departments (if it has
 * any), is not a super admin, and holds no right beyond those of the admin who registered the app.
 */
export async function assertSpeaksForMember(db: DbOrTx, app: App, member: MemberRow, grants: Grant[]): Promise<void> {
  if (app.audience === 'contacts')
    throw refused('This embed app speaks for external contacts only.', 'outside-app-audience');
  if (await isSuperAdmin(db, member.id)) throw refused('No embed app speaks for a super admin.', 'super-admin');
  if (app.departmentIds?.length) {
    const allowed = (
      await db.select({ path: departments.path }).from(departments).where(inArray(departments.id, app.departmentIds))
    ).map((d) => d.path);
    const paths = await memberPaths(db, member);
    if (!paths.some((p) => allowed.some((a) => p.startsWith(a))))
      throw refused('This member is outside the departments this embed app speaks for.', 'outside-app-departments');
  }
  await assertWithinRegistrant(db, app.createdBy, grants, 'embed app');
}

/**
 * Whatever acts for members (an embed app, an API key sending on their behalf) acts only for those whose rights lie
 * within what the admin who set it up (`registrantId`; null: the operator) holds now.
 */
export async function assertWithinRegistrant(
  db: DbOrTx,
  registrantId: string | null,
  grants: Grant[],
  what: string,
): Promise<void> {
  if (!registrantId) return;
  const [registrant] = await db.select().from(members).where(eq(members.id, registrantId));
  if (!registrant || registrant.disabled)
    throw refused(
      `The admin who set up this ${what} is no longer active; a super admin must set it up again.`,
      'registrant-inactive',
    );
  const ceiling: Actor = {
    kind: 'member',
    via: 'embed',
    appId: 'ceiling',
    mustChangePassword: false,
    subject: {
      kind: 'member',
      id: registrant.id,
      employeeNo: registrant.employeeNo,
      name: registrant.name,
      email: registrant.email,
      locale: registrant.locale,
    },
    grants: await loadGrants(db, registrant.id, registrant.isSuperAdmin),
  };
  for (const place of await grantPlaces(db, grants)) {
    if ((await missingRights(db, ceiling, [place.permission], place)).length) {
      throw refused(
        `This member holds rights beyond those of the admin who set up this ${what}.`,
        'exceeds-registrant',
      );
    }
  }
}
