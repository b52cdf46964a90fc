import { atom, type ReadableAtom } from 'nanostores';
import type { HeraldClient } from '../client.js';
import { HeraldProblem, isProblem } from '../problem.js';
import type { Me } from '../types.js';

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
  /** Throws HeraldProblem (wrong-password, password-too-weak, password-reused …). `announce` as for signIn. */
  changePassword(currentPassword: string, newPassword: string, announce?: (me: Me) => void): Promise<Me>;
}

const statusOf = (me: Me): SessionStatus => (me.mustChangePassword ? 'password-change-required' : 'signed-in');

export function createSessionStore(client: HeraldClient): SessionStore {
  const $session = atom<SessionState>({ status: 'unknown' });
  const accept = (me: Me, announce?: (me: Me) => void) => {
    announce?.(me);
    $session.set({ status: statusOf(me), me });
    return me;
  };
  return {
    $session,
    async load() {
      try {
        accept(await client.me());
      } catch (error) {
        const problem = isProblem(error) ? error : HeraldProblem.network(error);
        $session.set({ status: 'signed-out', problem });
      }
      return $session.get();
    },
    signIn: async (login, password, announce) => accept(await client.signIn(login, password), announce),
    async signOut() {
      try {
        await client.signOut();
      } finally {
        $session.set({ status: 'signed-out' });
      }
    },
    changePassword: async (current, next, announce) => accept(await client.changePassword(current, next), announce),
  };
}
