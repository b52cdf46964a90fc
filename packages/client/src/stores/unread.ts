import { atom, type ReadableAtom } from 'nanostores';
import type { HeraldClient } from '../client.js';
import { signedInSubject, type SessionState } from './session.js';

/** `GET /mailbox/unread-count`: unread entries of the inbox view, how many are urgent and how many mention you. */
export interface UnreadState {
  unread: number;
  urgent: number;
  /** Issue 19 #3: unread inbox entries that mention the signed-in member (the sidebar's Mentions count). */
  mentions: number;
}

export interface UnreadStore {
  readonly $unread: ReadableAtom<UnreadState>;
  /** Reloads the count; never throws (a failure keeps the last value). */
  refresh(): Promise<void>;
  /**
   * Follows the session (loads when signed in, zero when not) and the live events that change the count. Counted:
   * the stores and every element showing the count may call it; it runs once until the last one stops.
   */
  start($session: ReadableAtom<SessionState>): () => void;
}

/** The live events after which the unread count may have changed (docs/api.md "Live events of the inbox"). */
export const UNREAD_EVENTS = ['message.received', 'mailbox.updated', 'message.recalled', 'message.expired'] as const;

const once = (fn: () => void) => {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
};

export function createUnreadStore(client: HeraldClient): UnreadStore {
  const $unread = atom<UnreadState>({ unread: 0, urgent: 0, mentions: 0 });
  let signedIn: string | undefined; // who the count is of
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let users = 0;
  const refresh = async () => {
    if (!signedIn) return;
    const mine = ++generation;
    try {
      const response = await client.fetch(client.url('/mailbox/unread-count'), {
        headers: { accept: 'application/json' },
      });
      if (!response.ok || mine !== generation) return;
      const body = (await response.json()) as Partial<UnreadState>;
      const next = {
        unread: Number(body.unread) || 0,
        urgent: Number(body.urgent) || 0,
        mentions: Number(body.mentions) || 0,
      };
      const current = $unread.get();
      if (next.unread !== current.unread || next.urgent !== current.urgent || next.mentions !== current.mentions)
        $unread.set(next);
    } catch {
      /* offline: keep the last count */
    }
  };
  // A burst of events (a batch of 1,000 in another tab) costs one request.
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 50);
  };
  return {
    $unread,
    refresh,
    start($session) {
      users++;
      if (users > 1) return once(() => users--);
      const offs = [
        // Signed out, or someone else signed in (a shared PC): never show the previous person's count (issue 14).
        $session.subscribe((state) => {
          const now = signedInSubject(state);
          if (now === signedIn) return;
          signedIn = now;
          generation++;
          $unread.set({ unread: 0, urgent: 0, mentions: 0 });
          if (now) void refresh();
        }),
        ...UNREAD_EVENTS.map((type) => client.live.on(type, soon)),
      ];
      return once(() => {
        if (--users > 0) return;
        clearTimeout(timer);
        offs.forEach((off) => off());
        signedIn = undefined;
      });
    },
  };
}
