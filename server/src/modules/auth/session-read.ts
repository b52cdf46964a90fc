// Who is behind a session cookie, as one prepared statement (issue 15: opening a live stream ≤ 3× hello-world). Each
// stream of a restart's reconnect storm is a different person, so the identity cache cannot help there: this is the
// look-up a cache miss pays. It read the session and member rows whole through drizzle, then the grants in a second
// statement — query building and handing over every member column cost more than the look-ups themselves.
import type { Db } from '../../db/client.js';
import { forEngine, JSON_IDS } from '../../db/engine.js';
import { readRow, readRows, type Row } from '../../db/prepared.js';
import { grantsOf, superAdminGrants, type Actor } from './actor.js';
import type { Permission } from './permissions.js';

/** The grants as one JSON text: the two engines spell JSON building differently (issue 18). */
const GRANTS_JSON = forEngine(
  'json_group_array(json_array(json(r.permissions), g.department_id))',
  "coalesce(json_agg(json_build_array(r.permissions::json, g.department_id)), '[]')::text",
);
const SESSION_COLUMNS = `
  s.csrf_token, s.expires_at, m.id, m.employee_no, m.name, m.email, m.locale, m.must_change_password,
  m.is_super_admin,
  (select ${GRANTS_JSON} from role_grants g join roles r on r.id = g.role_id where g.member_id = m.id),
  s.id`;
// What makes a session live (param: now) and its member enabled: one rule for every look-up below.
const SESSION_UNEXPIRED = 's.expires_at > ?';
const MEMBER_ENABLED = 'm.disabled = false';
const LIVE_SESSION = `${SESSION_UNEXPIRED} and ${MEMBER_ENABLED}`;

/** A live session's member (enabled), grants as JSON `[[permissions, departmentId], …]`. Params: id, now. */
const SESSION_SQL = `select ${SESSION_COLUMNS} from sessions s join members m on m.id = s.member_id
  where s.id = ? and ${LIVE_SESSION}`;

/**
 * The same for many sessions at once (params: a JSON array of ids, now): what the live streams' guard asks when the
 * identity epoch moved (issue 15), one statement for a thousand open streams instead of a thousand statements.
 */
const SESSIONS_SQL = `select ${SESSION_COLUMNS} from sessions s join members m on m.id = s.member_id
  where s.id in ${JSON_IDS} and ${LIVE_SESSION}`;

export type LiveSession = { actor: Actor; expiresAt: number };

/**
 * The identity epoch and the live session `sessionId` names, as one row whether or not the session is live (params:
 * id, now): a cache miss reads both in one statement, from one snapshot (`IdentityCache.beginAt`). Outer joins rather
 * than SESSION_SQL as a subquery: SQLite cannot flatten a join on the right of a LEFT JOIN, so it built a temporary
 * table of the subquery's one row for every look-up (`MATERIALIZE` in its plan; issue 15: ≈ 2 µs of a cache miss in a
 * loop, 5–10 in place). The member's columns are null unless the session is live and its member enabled.
 */
export const EPOCH_AND_SESSION_SQL = `select (select value from identity_epoch where id = 1), ${SESSION_COLUMNS}
  from (select 1 as one) o
  left join sessions s on s.id = ? and ${SESSION_UNEXPIRED}
  left join members m on m.id = s.member_id and ${MEMBER_ENABLED}`;

/** The identity epoch (-1 without its row, as `readIdentityEpoch`) and the live session `sessionId` names, if any. */
export async function readSessionAt(
  db: Db,
  sessionId: string,
  at: number,
): Promise<{ epoch: number; session: LiveSession | undefined }> {
  const row = await readRow(db, EPOCH_AND_SESSION_SQL, [sessionId, at]);
  const epoch = row?.[0] == null ? -1 : Number(row[0]);
  // Column 3 is the member's id: a session whose member is disabled (or gone) has the session's columns only.
  return { epoch, session: row && row[3] != null ? sessionOf(row.slice(1)) : undefined };
}

/** A live session (by id, the token's SHA-256) with its member's actor and when it ends. */
export async function readSession(db: Db, sessionId: string, at: number): Promise<LiveSession | undefined> {
  const row = await readRow(db, SESSION_SQL, [sessionId, at]);
  return row && sessionOf(row);
}

/** The sessions among `sessionIds` that are still live, by id (a session gone, expired or disabled is absent). */
export async function readSessions(
  db: Db,
  sessionIds: readonly string[],
  at: number,
): Promise<Map<string, LiveSession>> {
  const rows = await readRows(db, SESSIONS_SQL, [JSON.stringify(sessionIds), at]);
  return new Map(rows.map((row) => [row[10] as string, sessionOf(row)]));
}

function sessionOf(row: Row): LiveSession {
  const [csrfToken, expiresAt, id, employeeNo, name, email, locale, mustChange, superAdmin, grantsJson, sessionId] =
    row as [string, number, string, string, string, string | null, string | null, unknown, unknown, string, string];
  const grants = superAdmin
    ? superAdminGrants()
    : grantsOf(
        (JSON.parse(grantsJson) as Array<[Permission[], string | null]>).map(([permissions, departmentId]) => ({
          permissions,
          departmentId,
        })),
      );
  const actor: Actor = {
    kind: 'member',
    subject: { kind: 'member', id, employeeNo, name, email, locale },
    grants,
    mustChangePassword: mustChange === 1 || mustChange === true, // SQLite's 0/1, PostgreSQL's boolean
    via: 'session',
    sessionId,
    csrfToken,
  };
  return { actor, expiresAt };
}
