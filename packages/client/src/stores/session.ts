import { atom, type ReadableAtom } from 'nanostores';
import type { HeraldClient } from '../client.js';
import { HeraldProblem, isProblem } from '../problem.js';
import type { Me } from '../types.js';
import { announceCookieSession, followCookieSession, type SessionSync } from './session-sync.js';

export type SessionStatus = 'unknown' | 'signed-out' | 'password-change-required' | 'signed-in';

export interface SessionState {
  status: SessionStatus;
  me?: Me;
  /** Why the last load failed (e.g. `network`, `token-invalid`). */
  problem?: HeraldProblem;
  /** A retry is scheduled (with backoff): the cause may go away by itself (issue 21). */
  retrying?: boolean;
}

/** Backoff of the session retries: the first after about 2 s, doubling, at most about a minute apart. */
export const SESSION_RETRY_MIN_MS = 2_000;
export const SESSION_RETRY_MAX_MS = 60_000;

/**
 * Failures only the host's own change can cure, so polling cannot help: no token provider while sign-in is off, a
 * cookie session across origins (both recover when a token provider is handed over), or simply nobody signed in.
 */
const WAITS_FOR_HOST = new Set(['no-token-provider', 'cookies-cross-origin', 'unauthenticated']);

export interface SessionStore {
  readonly $session: ReadableAtom<SessionState>;
  /**
   * (Re)loads `GET /me?optional=true` (nobody signed in is an answer, not an error); never throws — the outcome is in
   * `$session`. A failure that may pass (Herald unreachable, the host's token endpoint failing, an origin or person
   * not registered yet …) is tried again with backoff until it works or `stop()`.
   */
  load(): Promise<SessionState>;
  /** Stops the scheduled retries. */
  stop(): void;
  /**
   * Throws HeraldProblem (invalid-credentials, too-many-attempts …). `announce` gets the answer just before
   * the session changes: an element that the change will remove (the sign-in form) can still emit events.
   */
  signIn(login: string, password: string, announce?: (me: Me) => void): Promise<Me>;
  signOut(): Promise<void>;
  /**
   * Reloads after another cookie-mode client of the browser (same server) signs in, out or as someone else — e.g. the
   * provider's sign-in form, for a badge outside it; answers the stop. Sign-ins here are announced to the others.
   */
  follow(): () => void;
  /** Throws HeraldProblem (wrong-password, password-too-weak, password-reused …). `announce` as for signIn. */
  changePassword(currentPassword: string, newPassword: string, announce?: (me: Me) => void): Promise<Me>;
}

/** Who is fully signed in (`kind:id`), or undefined: what per-person state (counts, the live stream) follows. */
export const signedInSubject = ({ status, me }: SessionState): string | undefined =>
  status === 'signed-in' && me?.subject ? `${me.subject.kind}:${me.subject.id}` : undefined;

const statusOf = (me: Me): SessionStatus => (me.mustChangePassword ? 'password-change-required' : 'signed-in');

export function createSessionStore(client: HeraldClient, random: () => number = Math.random): SessionStore {
  const $session = atom<SessionState>({ status: 'unknown' });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  // Only the newest load speaks: credentials handed over while an earlier load is in flight make that one moot.
  let generation = 0;
  const scheduleRetry = () => {
    const base = Math.min(SESSION_RETRY_MAX_MS, SESSION_RETRY_MIN_MS * 2 ** attempt++);
    // Equal jitter: after a Herald restart, a thousand pages do not come back in the same second.
    retryTimer = setTimeout(() => void store.load(), base / 2 + (base / 2) * random());
  };
  /** A sign-in, sign-out or password change: a load or retry begun before it must not undo what it sets. */
  const supersede = () => {
    clearTimeout(retryTimer);
    attempt = 0;
    generation++;
  };
  const accept = (me: Me, announce?: (me: Me) => void) => {
    announce?.(me);
    $session.set({ status: statusOf(me), me });
    return me;
  };
  let sync: SessionSync | undefined;
  const changedHands = <T>(result: T) => {
    if (sync) sync.announce();
    else announceCookieSession(client);
    return result;
  };
  const store: SessionStore = {
    $session,
    follow() {
      sync ??= followCookieSession(client, () => void store.load());
      return () => {
        sync?.stop();
        sync = undefined;
      };
    },
    async load() {
      clearTimeout(retryTimer);
      const mine = ++generation;
      try {
        const me = await client.probe();
        if (mine !== generation) return $session.get();
        attempt = 0;
        if (me.via === 'anonymous') $session.set({ status: 'signed-out' });
        else accept(me);
      } catch (error) {
        if (mine !== generation) return $session.get();
        const problem = isProblem(error) ? error : HeraldProblem.network(error);
        const retrying = !WAITS_FOR_HOST.has(problem.code);
        $session.set({ status: 'signed-out', problem, retrying });
        if (retrying) scheduleRetry();
      }
      return $session.get();
    },
    stop() {
      // A load still under way is dropped too: a stopped store neither changes nor schedules a retry.
      supersede();
    },
    signIn: async (login, password, announce) => {
      supersede();
      return changedHands(accept(await client.signIn(login, password), announce));
    },
    async signOut() {
      supersede();
      try {
        await client.signOut();
      } finally {
        $session.set({ status: 'signed-out' });
        changedHands(undefined);
      }
    },
    changePassword: async (current, next, announce) => {
      supersede();
      return changedHands(accept(await client.changePassword(current, next), announce));
    },
  };
  return store;
}
