import type { HeraldClient } from '../client.js';

// A cookie session belongs to the browser (its cookie jar), not to one client: when one client signs in, out or as
// someone else, every other cookie-mode client of the same server — the page-wide one of a <herald-unread-badge>
// outside the provider, another tab's — must find out who it is now (issue 14). A BroadcastChannel reaches the other
// channels of this page and of the browser's other tabs, never the one that posted.
const CHANNEL = 'herald-session';

interface SessionChange {
  baseUrl: string;
}

export interface SessionSync {
  /** Tells the others that this client's cookie session changed hands. */
  announce(): void;
  stop(): void;
}

const supported = () => typeof BroadcastChannel !== 'undefined';
const post = (channel: BroadcastChannel, client: HeraldClient) => {
  if (client.authMode === 'cookie') channel.postMessage({ baseUrl: client.baseUrl } satisfies SessionChange);
};

/** Calls `changed` after another cookie-mode client of the same server signed in, out or as someone else. */
export function followCookieSession(client: HeraldClient, changed: () => void): SessionSync {
  if (!supported()) return { announce() {}, stop() {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<Partial<SessionChange> | null>) => {
    if (client.authMode === 'cookie' && event.data?.baseUrl === client.baseUrl) changed();
  };
  return { announce: () => post(channel, client), stop: () => channel.close() };
}

/** Tells the following clients that this (not following) client's cookie session changed hands. */
export function announceCookieSession(client: HeraldClient): void {
  if (!supported() || client.authMode !== 'cookie') return;
  const channel = new BroadcastChannel(CHANNEL);
  post(channel, client);
  channel.close();
}
