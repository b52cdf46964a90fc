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
}

export interface SessionStore {
  readonly $session: ReadableAtom<SessionState>;
  /** (Re)loads `GET /me`; never throws — the outcome is in `$session`. */
  load(): Promise<SessionState>;
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

export function createSessionStore(client: HeraldClient): SessionStore {
  const $session = atom<SessionState>({ status: 'unknown' });
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
      try {
        accept(await client.me());
      } catch (error) {
        const problem = isProblem(error) ? error : HeraldProblem.network(error);
        $session.set({ status: 'signed-out', problem });
      }
      return $session.get();
    },
    signIn: async (login, password, announce) => changedHands(accept(await client.signIn(login, password), announce)),
    async signOut() {
      try {
        await client.signOut();
      } finally {
        $session.set({ status: 'signed-out' });
        changedHands(undefined);
      }
    },
    changePassword: async (current, next, announce) => changedHands(accept(await client.changePassword(current, next), announce)),
  };
  return store;
}
