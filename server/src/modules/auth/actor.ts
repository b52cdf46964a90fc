import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { roleGrants, roles } from './schema.js';
import { PERMISSIONS, unscopable, type Permission } from './permissions.js';

/** One permission held by a member; `departmentId` null means organisation-wide. */
export type Grant = { permission: Permission; departmentId: string | null };

export type MemberSubject = {
  kind: 'member';
  id: string;
  employeeNo: string;
  name: string;
  email: string | null;
  locale: string | null;
};
export type ContactSubject = {
  kind: 'contact';
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  locale: string | null;
};

/** Who is calling, as established by the authentication middleware. */
export type Actor =
  | {
      kind: 'member';
      subject: MemberSubject;
      grants: Grant[];
      mustChangePassword: boolean;
      via: 'session';
      sessionId: string;
      csrfToken: string;
    }
  | { kind: 'member'; subject: MemberSubject; grants: Grant[]; mustChangePassword: false; via: 'embed'; appId: string }
  | { kind: 'contact'; subject: ContactSubject; grants: []; mustChangePassword: false; via: 'embed'; appId: string }
  | {
      kind: 'api-key';
      keyId: string;
      name: string;
      grants: Grant[];
      mustChangePassword: false;
      via: 'api-key';
      /** The member who created the key (through keys made by keys, the first one); null: the command line. */
      createdBy?: string | null;
      /** May send on behalf of a member it names (`POST /messages` `onBehalfOf`). */
      sendAsMembers?: boolean;
    };

export async function loadGrants(db: DbOrTx, memberId: string, isSuperAdmin: boolean): Promise<Grant[]> {
  if (isSuperAdmin) return superAdminGrants();
  const rows = await db
    .select({ permissions: roles.permissions, departmentId: roleGrants.departmentId })
    .from(roleGrants)
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(eq(roleGrants.memberId, memberId));
  return grantsOf(rows);
}

/** A member's grants from their role grants' rows (also read by the session's hot read, `session-read.ts`). */
export function grantsOf(rows: ReadonlyArray<{ permissions: Permission[]; departmentId: string | null }>): Grant[] {
  // A department-limited grant of a role with an organisation-wide permission (refused by grantRole, but never
  // trusted) counts for nothing: otherwise `org.admin` limited to one department would act everywhere.
  return rows
    .filter((r) => r.departmentId === null || unscopable(r.permissions).length === 0)
    .flatMap((r) => r.permissions.map((permission) => ({ permission, departmentId: r.departmentId })));
}

/** A super admin holds every permission organisation-wide, whatever is granted. */
export const superAdminGrants = (): Grant[] => PERMISSIONS.map((permission) => ({ permission, departmentId: null }));

/** The distinct permission names an actor holds anywhere (what `GET /me` reports). */
export const permissionNames = (grants: readonly Grant[]): Permission[] =>
  PERMISSIONS.filter((p) => grants.some((g) => g.permission === p));

export const hasPermission = (actor: Actor, permission: Permission): boolean =>
  actor.grants.some((g) => g.permission === permission);

/** An organisation administrator (`org.admin`). */
export const isOrgAdmin = (actor: Actor): boolean => hasPermission(actor, 'org.admin');

/** R7: who may see and reach external contacts (their names in groups and templates included). */
export const seesContacts = (actor: Actor): boolean =>
  isOrgAdmin(actor) || hasPermission(actor, 'message.send.external');

export const actorId = (actor: Actor): string => (actor.kind === 'api-key' ? actor.keyId : actor.subject.id);
