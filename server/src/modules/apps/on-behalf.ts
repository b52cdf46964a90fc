// An API key sending on behalf of a member it names (README, "Server to server"): only a key a super admin allowed
// to, never for a super admin, and only for members whose rights lie within those of the key's creator now.
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { memberSubject } from '../auth/service.js';
import { isSuperAdmin } from '../org/access.js';
import { members } from '../org/schema.js';
import { assertWithinRegistrant } from './audience.js';
import { dialect } from '../../db/dialect.js';

type KeyActor = Extract<Actor, { kind: 'api-key' }>;

/** The member the key acts for, as an actor with that member's own rights (what they may send is theirs). */
export async function actAsMember(
  db: DbOrTx,
  key: Actor,
  employeeNo: string,
): Promise<{ member: Actor; key: KeyActor }> {
  if (key.kind !== 'api-key') {
    throw new Problem('validation', 'Only an API key sends on behalf of someone.', {
      errors: [{ path: 'onBehalfOf', code: 'invalid-value', message: 'Only for API keys' }],
    });
  }
  if (!key.sendAsMembers)
    throw new Problem(
      'forbidden',
      'This API key may not send on behalf of members; a super admin can create one that may.',
      { reason: 'key-not-allowed' },
    );
  const [m] = await db.select().from(members).where(dialect.ciEq(members.employeeNo, employeeNo));
  if (!m || m.disabled) {
    throw new Problem('validation', 'No active member has this employee number.', {
      errors: [{ path: 'onBehalfOf', code: 'unknown-member', message: 'No such active member' }],
    });
  }
  if (await isSuperAdmin(db, m.id))
    throw new Problem('forbidden', 'No API key sends on behalf of a super admin.', { reason: 'super-admin' });
  const grants = await loadGrants(db, m.id, m.isSuperAdmin);
  await assertWithinRegistrant(db, key.createdBy ?? null, grants, 'API key');
  return {
    member: {
      kind: 'member',
      subject: memberSubject(m),
      grants,
      mustChangePassword: false,
      via: 'embed',
      appId: `api-key:${key.keyId}`,
    },
    key,
  };
}
