import { eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
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

const keys = (account: Account, ip: string | null) => ({ account: accountKey(account), ip: ip ? `ip:${ip}` : null });

/** Throws `429 too-many-attempts` (with `retryAfter` seconds) while either key is locked. */
export async function assertNotThrottled(db: DbOrTx, account: Account, ip: string | null): Promise<void> {
  const k = keys(account, ip);
  const rows = await db.select().from(signInThrottle)
    .where(inArray(signInThrottle.key, [k.account, ...(k.ip ? [k.ip] : [])]));
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil));
  const wait = lockedUntil - now();
  if (wait > 0) {
    const retryAfter = Math.ceil(wait / 1000);
    throw new Problem('too-many-attempts', `Too many failed attempts. Try again in ${retryAfter} s.`, { retryAfter });
  }
}

export async function recordFailure(db: DbOrTx, account: Account, ip: string | null): Promise<void> {
  const k = keys(account, ip);
  await bump(db, k.account, THROTTLE.account);
  if (k.ip) await bump(db, k.ip, THROTTLE.ip);
}

export async function clearFailures(db: DbOrTx, account: Account): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, accountKey(account)));
  await db.delete(signInThrottle).where(lt(signInThrottle.windowStartedAt, now() - THROTTLE.windowMs * 4));
}

async function bump(db: DbOrTx, key: string, policy: { freeFailures: number; baseLockMs: number; maxLockMs: number }) {
  const t = now();
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
  const fresh = !row || t - row.windowStartedAt > THROTTLE.windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const over = failures - policy.freeFailures;
  const lockedUntil = over >= 0 ? t + Math.min(policy.baseLockMs * 2 ** over, policy.maxLockMs) : 0;
  const values = { key, failures, windowStartedAt: fresh ? t : row.windowStartedAt, lockedUntil };
  await db.insert(signInThrottle).values(values)
    .onConflictDoUpdate({ target: signInThrottle.key, set: { failures, windowStartedAt: values.windowStartedAt, lockedUntil } });
}
