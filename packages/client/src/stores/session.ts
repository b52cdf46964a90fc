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
  /** Throws HeraldProblem (invalid-credentials, too-many-attempts …). */
  signIn(login: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Throws HeraldProblem (wrong-password, password-too-weak, password-reused …). */
  changePassword(currentPassword: string, newPassword: string): Promise<Me>;
}

const statusOf = (me: Me): SessionStatus => (me.mustChangePassword ? 'password-change-required' : 'signed-in');

export function createSessionStore(client: HeraldClient): SessionStore {
  const $session = atom<SessionState>({ status: 'unknown' });
  const accept = (me: Me) => {
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
    signIn: async (login, password) => accept(await client.signIn(login, password)),
    async signOut() {
      try {
        await client.signOut();
      } finally {
        $session.set({ status: 'signed-out' });
      }
    },
    changePassword: async (current, next) => accept(await client.changePassword(current, next)),
  };
}
