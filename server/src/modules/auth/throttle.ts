import { and, eq, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { now } from '../../lib/clock.js';
import { Problem } from '../../http/problem.js';
import { signInThrottle } from './schema.js';

/**
 * Sign-in rate limiting, per account and per address (OWASP authentication cheat sheet): a few free
 * failures, then an exponentially growing lock. Kept in the database so every server process agrees.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  account: { freeFailures: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000 },
  ip: { freeFailures: 30, baseLockMs: 60_000, maxLockMs: 15 * 60_000 },
} as const;

/**
 * Whose failures count together: a member's, whichever sign-in name was typed (employee number or e-mail) and
 * wherever a password was checked (sign-in and password change); for a name that is nobody's, that name, so that
 * unknown and known accounts are throttled alike.
 */
export type Account = { memberId: string } | { login: string };

const accountKey = (a: Account) => ('memberId' in a ? `member:${a.memberId}` : `login:${a.login.trim().toLowerCase()}`);

/**
 * Whose per-address count an attempt adds to: sign-in's (`ip`), or a contact link's (`contact-link-ip`): a wrong link
 * must not lock the people who share its address out of signing in (review of issue 19 item 4), nor the reverse.
 */
export type AddressKind = 'ip' | 'contact-link-ip';

const keys = (account: Account, ip: string | null, kind: AddressKind = 'ip') => ({
  account: accountKey(account),
  ip: ip ? `${kind}:${ip}` : null,
});

export type Policy = { freeFailures: number; baseLockMs: number; maxLockMs: number };

const tooMany = (lockedUntil: number) => {
  const retryAfter = Math.max(1, Math.ceil((lockedUntil - now()) / 1000));
  return new Problem('too-many-attempts', `Too many failed attempts. Try again in ${retryAfter} s.`, { retryAfter });
};

/**
 * Counts one attempt on a key before its password is checked, in one statement, so that a burst of parallel guesses
 * cannot all pass a check made before any of them was counted (issue 13). The attempt that reaches the free failures
 * sets the lock; a success clears it (`attemptSucceeded`). While locked, nothing is counted and `429` is thrown.
 */
/** The lock after `over` failures past the free ones: the base doubled each time, at most the longest. */
const lockFor = (policy: Policy, over: SQL) =>
  dialect.least(
    sql`${policy.maxLockMs}`,
    sql`cast(${policy.baseLockMs} as bigint) << cast(${dialect.least(over, sql`20`)} as integer)`,
  );

async function count(db: DbOrTx, key: string, policy: Policy): Promise<void> {
  const t = now();
  await db
    .insert(signInThrottle)
    .values({ key, failures: 0, windowStartedAt: t, lockedUntil: 0 })
    .onConflictDoNothing();
  const stale = sql`${t} - ${signInThrottle.windowStartedAt} > ${THROTTLE.windowMs}`;
  const failures = sql`(case when ${stale} then 1 else ${signInThrottle.failures} + 1 end)`;
  const over = sql`(${failures} - ${policy.freeFailures})`;
  const [row] = await db
    .update(signInThrottle)
    .set({
      failures,
      windowStartedAt: sql`case when ${stale} then ${t} else ${signInThrottle.windowStartedAt} end`,
      lockedUntil: sql`case when ${over} >= 0 then ${t} + ${lockFor(policy, over)} else 0 end`,
    })
    .where(and(eq(signInThrottle.key, key), lte(signInThrottle.lockedUntil, t)))
    .returning({ failures: signInThrottle.failures });
  if (row) return;
  const [locked] = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(eq(signInThrottle.key, key));
  throw tooMany(locked?.lockedUntil ?? t + policy.baseLockMs);
}

/** Before a password is checked: counts the attempt for the account and the address, or throws `429`. */
export async function beginAttempt(db: DbOrTx, account: Account, ip: string | null, kind?: AddressKind): Promise<void> {
  const k = keys(account, ip, kind);
  await count(db, k.account, THROTTLE.account);
  if (k.ip) await count(db, k.ip, THROTTLE.ip);
}

/** The password was right: the account starts afresh, and the address's count gives this attempt back. */
export async function attemptSucceeded(
  db: DbOrTx,
  account: Account,
  ip: string | null,
  kind?: AddressKind,
): Promise<void> {
  const k = keys(account, ip, kind);
  await db.delete(signInThrottle).where(eq(signInThrottle.key, k.account));
  if (k.ip)
    await db
      .update(signInThrottle)
      .set({ failures: dialect.greatest(sql`${signInThrottle.failures} - 1`, sql`0`) })
      .where(eq(signInThrottle.key, k.ip));
  await db.delete(signInThrottle).where(lt(signInThrottle.windowStartedAt, now() - THROTTLE.windowMs * 4));
}

/**
 * A rate limit on something that is not a password (a customer opening conversations, a contact's replies from a
 * link's page): every call counts, none is given back, and past `policy.freeFailures` in the window the key is locked
 * (`429 too-many-attempts` with `retryAfter`), the lock growing as sign-in's does. Same table, so every process agrees.
 */
export const countAction = (db: DbOrTx, key: string, policy: Policy): Promise<void> => count(db, key, policy);
