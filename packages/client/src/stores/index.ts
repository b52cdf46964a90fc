import type { ReadableAtom } from 'nanostores';
import type { HeraldClient } from '../client.js';
import type { LiveStatus } from '../live.js';
import { createConnectionStore } from './connection.js';
import { createSessionStore, signedInSubject, type SessionStore } from './session.js';
import { createUnreadStore, type UnreadState, type UnreadStore } from './unread.js';

export * from './session.js';
export * from './connection.js';
export * from './unread.js';

/** Every store of one client; shared through `heraldStoresContext`. */
export interface HeraldStores {
  readonly session: SessionStore;
  readonly $session: SessionStore['$session'];
  readonly $connection: ReadableAtom<LiveStatus>;
  /** The unread count of the inbox view, shared by <herald-unread-badge> and <herald-inbox>. */
  readonly unread: UnreadStore;
  readonly $unread: ReadableAtom<UnreadState>;
  /** Loads the session and keeps the live stream open while signed in; idempotent. */
  start(): Promise<void>;
  /** Closes the live stream and stops watching the session. */
  stop(): void;
}

export function createStores(client: HeraldClient): HeraldStores {
  const session = createSessionStore(client);
  const $connection = createConnectionStore(client);
  const unread = createUnreadStore(client);
  let running: Promise<void> | undefined;
  let cleanups: Array<() => void> = [];
  return {
    session,
    $session: session.$session,
    $connection,
    unread,
    $unread: unread.$unread,
    start() {
      if (running) return running;
      let streaming: string | undefined;
      cleanups = [
        // The live stream is only for a fully signed-in subject, and is theirs: someone else signed in opens a new one.
        session.$session.subscribe((state) => {
          const subject = signedInSubject(state);
          if (subject !== streaming && client.live.status !== 'idle') client.live.close();
          streaming = subject;
          if (subject) client.live.start();
        }),
        // The server says our identity/permissions changed.
        client.live.on('me.updated', () => void session.load()),
        // Another client of this browser signed in, out or as someone else (issue 14).
        session.follow(),
        unread.start(session.$session),
        () => session.stop(),
      ];
      running = session.load().then(() => undefined);
      return running;
    },
    stop() {
      cleanups.forEach((cleanup) => cleanup());
      cleanups = [];
      running = undefined;
      client.live.close();
    },
  };
}
