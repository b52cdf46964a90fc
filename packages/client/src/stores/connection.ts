import { atom, type ReadableAtom } from 'nanostores';
import type { HeraldClient } from '../client.js';
import type { LiveStatus } from '../live.js';

/** Mirrors the client's live stream state: `idle | connecting | open | reconnecting | closed`. */
export function createConnectionStore(client: HeraldClient): ReadableAtom<LiveStatus> {
  const $connection = atom<LiveStatus>(client.live.status);
  client.live.onStatus((status) => $connection.set(status));
  return $connection;
}
