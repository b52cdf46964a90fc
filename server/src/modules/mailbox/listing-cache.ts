// The plain inbox's pages kept per process as the bytes answered (issue 15). A page of the list is ≈ 1 ms of CPU to
// read and write out (71 rows joined over five tables, a JSON text per row, parsed, mapped, stringified and encoded:
// docs/architecture.md "The request path"), and people open the same inbox again and again between changes. Nothing
// here decides anything: a kept page is exactly what `listMailbox` answered, and it is answered again only while
//  - the owner's `mailbox_versions.version` and `listing_epoch.names` are what they were when it was read — triggers
//    (migration 0013) move them in the same transaction as any write that can change the page, in every process, so
//    a change made anywhere shows at the next request here; and
//  - no listed entry has reached its expiry since (`changesAt`: the first expiry after the read among the rows, the
//    entries' own and their messages', and a reply's first message's).
// Only the plain inbox's first page is kept (any limit): the request a client repeats when it opens the inbox again. A
// later page is read afresh: its cursor is text the client chooses (any `[number, string]` is valid), so keeping them
// let one member fill the cache with distinct keys.
import type { Db } from '../../db/client.js';
import { readRow } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { owner, readMailboxPage, type MailboxQuery } from './query.js';

type Stamp = { version: number; names: number };
/** A body as `c.body` takes it. */
type Bytes = Uint8Array<ArrayBuffer>;
type Page = { stamp: Stamp; changesAt: number; body: Bytes };

/**
 * The counters a kept page is checked against, in one tiny statement read before the page itself: a write committed
 * after this read moves them past what is kept with the page, whether the page saw the write or not, so the next
 * request reads it afresh. No `listing_epoch` row (a hand-edited database): nothing is kept.
 */
const STAMP_SQL = `select v.version, e.names from listing_epoch e
  left join mailbox_versions v on v.owner_id = ? where e.id = 1`;

export async function readStamp(db: Db, ownerId: string): Promise<Stamp | undefined> {
  const row = await readRow(db, STAMP_SQL, [ownerId]);
  return row ? { version: Number(row[0] ?? 0), names: Number(row[1]) } : undefined;
}

/**
 * What a kept page costs beyond its body's bytes and twice its key's length: the Map entry, the page and stamp objects,
 * the Uint8Array and its ArrayBuffer, the key's string structures. Measured with `node --expose-gc` (heapUsed +
 * arrayBuffers after gc, 100,000 pages of 90 and of 2,000 bytes under fresh `${26-character id}\n50` keys, Node 20):
 * 379 bytes an entry beyond body + 2 × key length.
 */
export const ENTRY_OVERHEAD = 400;
/**
 * The most pages kept whatever their size: a full first page (50 rows) is many KB, so the bytes bind first; this
 * binds when many members with nearly empty inboxes (a ~90-byte page) each reopen theirs under up to 200 limits.
 */
export const MAX_ENTRIES = 20_000;

/** What an entry is counted as against the bound: its body, its key (up to 2 bytes a character) and the overhead. */
const cost = (key: string, body: Bytes) => body.byteLength + 2 * key.length + ENTRY_OVERHEAD;

/** Pages kept per process, least recently used forgotten first, within `maxBytes` (counted by `cost`). */
export class ListingCache {
  readonly #pages = new Map<string, Page>();
  #bytes = 0;
  constructor(
    readonly maxBytes: number,
    readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The bytes counted against `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#pages.size;
  }

  get(key: string, stamp: Stamp, at: number): Bytes | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    this.#forget(key, page);
    if (page.stamp.version !== stamp.version || page.stamp.names !== stamp.names || page.changesAt <= at) {
      return undefined;
    }
    this.#keep(key, page); // most recently used last
    return page.body;
  }

  set(key: string, stamp: Stamp, changesAt: number, body: Bytes): void {
    if (cost(key, body) > this.maxBytes / 8) return; // a few huge pages must not push everyone else out
    const old = this.#pages.get(key);
    if (old) this.#forget(key, old);
    this.#keep(key, { stamp, changesAt, body });
    for (const [k, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes && this.#pages.size <= this.maxEntries) break;
      this.#forget(k, p);
    }
  }

  #keep(key: string, page: Page) {
    this.#pages.set(key, page);
    this.#bytes += cost(key, page.body);
  }

  #forget(key: string, page: Page) {
    this.#pages.delete(key);
    this.#bytes -= cost(key, page.body);
  }
}

const caches = new WeakMap<object, ListingCache>();
const utf8 = new TextEncoder();

/** The process's listing cache for a database (`HERALD_INBOX_CACHE_MB`); undefined when set to 0. */
export function listingCache(db: Db, maxMegabytes: number): ListingCache | undefined {
  if (maxMegabytes <= 0) return undefined;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ListingCache(maxMegabytes * 1024 * 1024)));
  return cache;
}

/**
 * A page of the plain inbox (`isPlainInbox`) as the bytes `GET /mailbox` answers (`folders` is null without `q`): the
 * first page kept while it is current, else read, serialised once and kept; a later page (a cursor) read every time.
 * Statements: the stamp, and the page on a miss; a later page only the page.
 */
export async function plainInboxPage(db: Db, actor: Actor, query: MailboxQuery, cache: ListingCache): Promise<Bytes> {
  const encode = (page: object) => utf8.encode(JSON.stringify({ ...page, folders: null }));
  if (query.cursor !== undefined) return encode((await readMailboxPage(db, actor, query, now())).page);
  const ownerId = owner(actor);
  const stamp = await readStamp(db, ownerId);
  const at = now();
  const key = `${ownerId}\n${query.limit}`;
  const kept = stamp && cache.get(key, stamp, at);
  if (kept) return kept;
  const { page, changesAt } = await readMailboxPage(db, actor, query, at);
  const body = encode(page);
  if (stamp) cache.set(key, stamp, changesAt, body);
  return body;
}
