import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { Problem } from '../../http/problem.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { members } from '../org/schema.js';
import type { Actor, MemberSubject } from './actor.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.js';
import { sessions } from './schema.js';
import { readSession } from './session-read.js';
import { attemptSucceeded, beginAttempt } from './throttle.js';
import { dialect } from '../../db/dialect.js';

export type RequestInfo = { ip: string | null; userAgent: string | null; requestId: string | null };

type MemberRow = typeof members.$inferSelect;

export const memberSubject = (m: MemberRow): MemberSubject => ({
  kind: 'member',
  id: m.id,
  employeeNo: m.employeeNo,
  name: m.name,
  email: m.email,
  locale: m.locale,
});

/** Sign-in names are an employee number or an e-mail address, both case-insensitive. */
export async function findMemberByLogin(db: DbOrTx, login: string): Promise<MemberRow | undefined> {
  const value = login.trim();
  const [row] = await db
    .select()
    .from(members)
    .where(value.includes('@') ? eq(members.email, value.toLowerCase()) : dialect.ciEq(members.employeeNo, value));
  return row;
}

/** Checks the password (rate-limited), then opens a session. Returns the cookie token once. */
export async function signIn(db: Db, login: string, password: string, info: RequestInfo, ttlMs: number) {
  const member = await findMemberByLogin(db, login);
  const account = member ? { memberId: member.id } : { login };
  await beginAttempt(db, account, info.ip);
  const ok = await verifyPassword(member?.passwordHash, password);
  if (!member || !ok) {
    await db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { kind: 'system' },
        {
          action: 'auth.sign-in-failed',
          targetType: 'member',
          targetId: member?.id ?? null,
          after: { login: login.slice(0, 200) },
          requestId: info.requestId,
          ip: info.ip,
        },
      );
    });
    throw new Problem('invalid-credentials');
  }
  if (member.disabled) throw new Problem('subject-disabled');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const t = now();
  const sessionId = sha256(token);
  await db.transaction(async (tx) => {
    await attemptSucceeded(tx, account, info.ip);
    await tx.insert(sessions).values({
      id: sessionId,
      memberId: member.id,
      csrfToken,
      createdAt: t,
      expiresAt: t + ttlMs,
      ip: info.ip,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
    });
    await tx.delete(sessions).where(and(eq(sessions.memberId, member.id), sql`${sessions.expiresAt} < ${t}`));
    await recordAudit(tx, sessionActor(member, sessionId, csrfToken), {
      action: 'auth.sign-in',
      targetType: 'member',
      targetId: member.id,
      requestId: info.requestId,
      ip: info.ip,
    });
  });
  return { token, sessionId };
}

const sessionActor = (m: MemberRow, sessionId: string, csrfToken: string): Actor => ({
  kind: 'member',
  subject: memberSubject(m),
  grants: [],
  mustChangePassword: m.mustChangePassword,
  via: 'session',
  sessionId,
  csrfToken,
});

/** The actor behind a session cookie, or undefined if the session is unknown, expired or its member disabled. */
export const actorFromSession = async (db: Db, token: string): Promise<Actor | undefined> =>
  (await sessionById(db, sha256(token)))?.actor;

/** A live session (by id, the token's SHA-256) with its member's actor and when it ends. */
export const sessionById = (db: Db, sessionId: string) => readSession(db, sessionId, now());

export async function signOut(db: Db, actor: Actor & { via: 'session' }, info: RequestInfo) {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
    await recordAudit(tx, actor, {
      action: 'auth.sign-out',
      targetType: 'member',
      targetId: actor.subject.id,
      requestId: info.requestId,
      ip: info.ip,
    });
  });
}

/**
 * R1: changes the caller's password. Ends every other session of the member and tells their other
 * pages (live event `me.updated`) to reload who they are.
 */
export async function changePassword(
  db: Db,
  actor: Actor & { via: 'session' },
  current: string,
  next: string,
  info: RequestInfo,
) {
  const [member] = await db.select().from(members).where(eq(members.id, actor.subject.id));
  if (!member) throw new Problem('unauthenticated');
  // A stolen session must not become a way to guess the password: wrong current passwords count with failed sign-ins.
  const account = { memberId: member.id };
  await beginAttempt(db, account, info.ip);
  if (!(await verifyPassword(member.passwordHash, current))) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: 'auth.password-change-failed',
        targetType: 'member',
        targetId: member.id,
        requestId: info.requestId,
        ip: info.ip,
      });
    });
    throw new Problem('wrong-password');
  }
  await attemptSucceeded(db, account, info.ip); // the right password: what follows (a weak new one) is no guess
  if (current === next) throw new Problem('password-reused');
  assertStrongPassword(next, [member.employeeNo, member.name, member.email?.split('@')[0]]);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ passwordHash, mustChangePassword: false, updatedAt: now() })
      .where(eq(members.id, member.id));
    await tx.delete(sessions).where(and(eq(sessions.memberId, member.id), ne(sessions.id, actor.sessionId)));
    await recordAudit(tx, actor, {
      action: 'auth.password-change',
      targetType: 'member',
      targetId: member.id,
      before: { mustChangePassword: member.mustChangePassword },
      after: { mustChangePassword: false },
      requestId: info.requestId,
      ip: info.ip,
    });
    await publishEvent(tx, [{ kind: 'member', id: member.id }], 'me.updated', { reason: 'password-changed' });
  });
  return { superAdmin: member.isSuperAdmin };
}
