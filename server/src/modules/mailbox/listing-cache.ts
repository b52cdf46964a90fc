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
import type { Db, DbOrTx } from '../../db/client.js';
import { ENGINE } from '../../db/engine.js';
import { afterCommit, clientOf, execute, readRow } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
import { encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import type { MailboxItem } from './page.js';
import {
  owner,
  readItemsById,
  readMailboxPage,
  readPlainInboxKeys,
  TOTAL_CAP,
  type EntryKey,
  type MailboxQuery,
} from './query.js';

type Stamp = { version: number; names: number };
/** A body as `c.body` takes it. */
type Bytes = Uint8Array<ArrayBuffer>;
/** Where a listed entry's item lies in a kept body (bytes `start` to `end`). */
type Placed = EntryKey & { start: number; end: number };
/** The items of a kept first page and of its pinned entries, in order, as placed in its body. */
export type Layout = { items: Placed[]; pinned: Placed[] };
type Page = { stamp: Stamp; changesAt: number; body: Bytes; layout: Layout | undefined };
/**
 * What this process itself changed in an owner's entries: the owner's version went from `from` to `to` in one
 * committed transaction, and every write of it that moved the version was to these messages' entries.
 */
type Note = { from: number; to: number; ids: readonly string[] };
/** Most notes kept per owner (the newest): a kept page further behind is read afresh. */
const NOTES_PER_OWNER = 32;

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
/** What each listed entry's place in a kept page's layout takes (its object, the id's string, the array's slot). */
export const PLACED_OVERHEAD = 160;
/**
 * The most pages kept whatever their size: a full first page (50 rows) is many KB, so the bytes bind first; this
 * binds when many members with nearly empty inboxes (a ~90-byte page) each reopen theirs under up to 200 limits.
 */
export const MAX_ENTRIES = 20_000;

/**
 * What an entry is counted as against the bound: its body, its key (up to 2 bytes a character), the overhead and its
 * layout's places.
 */
const cost = (key: string, page: Pick<Page, 'body' | 'layout'>) =>
  page.body.byteLength +
  2 * key.length +
  ENTRY_OVERHEAD +
  (page.layout ? (page.layout.items.length + page.layout.pinned.length) * PLACED_OVERHEAD : 0);

/** Pages kept per process, least recently used forgotten first, within `maxBytes` (counted by `cost`). */
export class ListingCache {
  readonly #pages = new Map<string, Page>();
  /** How many pages each owner has kept, and the notes of this process's own changes to their entries. */
  readonly #owners = new Map<string, { pages: number; notes: Note[] }>();
  #bytes = 0;
  /** Pages answered by patching a kept one (for tests and benches). */
  patched = 0;
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
    const found = this.lookup(key, stamp, at);
    return found && 'body' in found ? found.body : undefined;
  }

  /**
   * The kept page's body while it is current; else, when it can be patched — the same names, none of its rows
   * expired since, and every move of the owner's version since it was read one of this process's own notes — the page
   * with the messages those changed; else undefined (the page is forgotten).
   */
  lookup(
    key: string,
    stamp: Stamp,
    at: number,
  ): { body: Bytes } | { base: Page & { layout: Layout }; changed: Set<string> } | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    const current = page.stamp.names === stamp.names && page.changesAt > at;
    const changed =
      current && page.stamp.version !== stamp.version && page.layout
        ? this.#changedSince(ownerOf(key), page.stamp.version, stamp.version)
        : undefined;
    this.#forget(key, page);
    if (current && page.stamp.version === stamp.version) {
      this.#keep(key, page); // most recently used last
      return { body: page.body };
    }
    return changed ? { base: page as Page & { layout: Layout }, changed } : undefined;
  }

  set(key: string, stamp: Stamp, changesAt: number, body: Bytes, layout?: Layout): void {
    const page = { stamp, changesAt, body, layout };
    if (cost(key, page) > this.maxBytes / 8) return; // a few huge pages must not push everyone else out
    const old = this.#pages.get(key);
    if (old) this.#forget(key, old);
    this.#keep(key, page);
    for (const [k, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes && this.#pages.size <= this.maxEntries) break;
      this.#forget(k, p);
    }
  }

  /** Whether a page of this owner is kept (only then are their changes worth noting). */
  holds(ownerId: string): boolean {
    return this.#owners.has(ownerId);
  }

  /** How many owners have a kept page. */
  get owners(): number {
    return this.#owners.size;
  }

  ownerIds(): IterableIterator<string> {
    return this.#owners.keys();
  }

  /** This process's own committed change to an owner's entries (see `Note`). */
  note(ownerId: string, from: number, to: number, ids: readonly string[]): void {
    const owner = this.#owners.get(ownerId);
    if (!owner || to <= from) return;
    owner.notes.push({ from, to, ids });
    if (owner.notes.length > NOTES_PER_OWNER) owner.notes.shift();
  }

  /** The messages noted from version `from` to `to`, or undefined when a move between them is not one of the notes. */
  #changedSince(ownerId: string, from: number, to: number): Set<string> | undefined {
    const notes = this.#owners.get(ownerId)?.notes;
    if (!notes) return undefined;
    const changed = new Set<string>();
    for (let at = from; at !== to;) {
      const next = notes.find((n) => n.from === at);
      if (!next || next.to > to) return undefined;
      for (const id of next.ids) changed.add(id);
      at = next.to;
    }
    return changed;
  }

  #keep(key: string, page: Page) {
    this.#pages.set(key, page);
    this.#bytes += cost(key, page);
    const ownerId = ownerOf(key);
    const owner = this.#owners.get(ownerId);
    if (owner) owner.pages++;
    else this.#owners.set(ownerId, { pages: 1, notes: [] });
  }

  #forget(key: string, page: Page) {
    this.#pages.delete(key);
    this.#bytes -= cost(key, page);
    const ownerId = ownerOf(key);
    const owner = this.#owners.get(ownerId);
    if (owner && --owner.pages === 0) this.#owners.delete(ownerId);
  }
}

/** A page's key is `${owner}\n${limit}`. */
const ownerOf = (key: string) => key.slice(0, key.lastIndexOf('\n'));

/** By the database's client, which a handle and its transactions share (`clientOf`). */
const caches = new WeakMap<object, ListingCache>();
const utf8 = new TextEncoder();

/** The process's listing cache for a database (`HERALD_INBOX_CACHE_MB`); undefined when set to 0. */
export function listingCache(db: Db, maxMegabytes: number): ListingCache | undefined {
  if (maxMegabytes <= 0) return undefined;
  let cache = caches.get(clientOf(db));
  if (!cache) caches.set(clientOf(db), (cache = new ListingCache(maxMegabytes * 1024 * 1024)));
  return cache;
}

/** An item as it goes into a body: its JSON's bytes made now, or where they lie in the kept body patched. */
type Part = EntryKey & ({ json: Uint8Array } | { start: number; end: number });
const fresh = (item: MailboxItem): Part => ({
  id: item.message.id,
  at: item.state.deliveredAt,
  json: utf8.encode(JSON.stringify(item)),
});
const COMMA = 0x2c;
const HEAD = utf8.encode('{"items":[');
const TAIL = utf8.encode('],"folders":null}');

/**
 * A first page's body, byte for byte what `JSON.stringify({ ...page, folders: null })` writes (the keys in that
 * order), put together from each item's JSON — made now, or copied from `base`, a kept body, in runs: items that
 * stood next to each other there are copied with their comma in one go — and where each item lies in it.
 */
function assemble(
  items: readonly Part[],
  pinned: readonly Part[],
  page: { nextCursor: string | null; total: number },
  base?: Uint8Array,
): { body: Bytes; layout: Layout } {
  const middle = utf8.encode(
    `],"nextCursor":${JSON.stringify(page.nextCursor)},"total":${Math.min(page.total, TOTAL_CAP)},` +
      `"totalCapped":${page.total > TOTAL_CAP},"pinned":[`,
  );
  const size = (list: readonly Part[]) =>
    list.reduce((n, p) => n + ('json' in p ? p.json.byteLength : p.end - p.start), Math.max(0, list.length - 1));
  const body = new Uint8Array(HEAD.byteLength + size(items) + middle.byteLength + size(pinned) + TAIL.byteLength);
  let at = 0;
  const put = (bytes: Uint8Array) => {
    body.set(bytes, at);
    at += bytes.byteLength;
  };
  const list = (parts: readonly Part[], into: Placed[]) => {
    let from = -1; // a run of `base` not yet copied: base[from, to) goes to body[out, …)
    let to = -1;
    let out = 0;
    const flush = () => {
      if (from >= 0) body.set(base!.subarray(from, to), out);
      from = -1;
    };
    parts.forEach((p, i) => {
      if ('start' in p && from >= 0 && p.start === to + 1) {
        // Next to the run's last item there (one comma between): the run goes on.
        into.push({ id: p.id, at: p.at, start: out + (p.start - from), end: out + (p.end - from) });
        to = p.end;
        at = out + (to - from);
        return;
      }
      flush();
      if (i > 0) body[at++] = COMMA;
      if ('json' in p) {
        into.push({ id: p.id, at: p.at, start: at, end: at + p.json.byteLength });
        put(p.json);
      } else {
        [from, to, out] = [p.start, p.end, at];
        into.push({ id: p.id, at: p.at, start: at, end: (at += p.end - p.start) });
      }
    });
    flush();
  };
  const layout: Layout = { items: [], pinned: [] };
  put(HEAD);
  list(items, layout.items);
  put(middle);
  list(pinned, layout.pinned);
  put(TAIL);
  return { body, layout };
}

/**
 * The kept page brought up to date from this process's own notes (`ListingCache.lookup`): which entries it lists,
 * and in what order, read again (keys only, over the inbox's indexes); the items of the changed messages and of
 * entries it did not list read again; every other item's bytes reused. Undefined when the owner's stamp moved while
 * reading (a write elsewhere): the page is then read whole, in one statement.
 */
async function patch(
  db: Db,
  actor: Actor,
  query: MailboxQuery,
  stamp: Stamp,
  at: number,
  base: Page & { layout: Layout },
  changed: ReadonlySet<string>,
): Promise<{ body: Bytes; layout: Layout; changesAt: number } | undefined> {
  const ownerId = owner(actor);
  const keys = await readPlainInboxKeys(db, ownerId, query.limit + 1, at);
  const parts = new Map<string, Part>();
  for (const list of [base.layout.items, base.layout.pinned])
    for (const p of list) if (!changed.has(p.id)) parts.set(p.id, p);
  const shown = keys.page.slice(0, query.limit);
  const wanted = new Set<string>();
  for (const k of [...shown, ...keys.pinned]) if (!parts.has(k.id)) wanted.add(k.id);
  // Each read carries the stamp it was made at: both must be the one the page is kept under (no write of the owner's
  // in between, here or elsewhere), or the page is read whole.
  const stamped = `${stamp.version} ${stamp.names}`;
  if (keys.stamp !== stamped) return undefined;
  let changesAt = base.changesAt;
  if (wanted.size) {
    const read = await readItemsById(db, actor, [...wanted], at);
    if (read.stamp !== stamped) return undefined;
    for (const item of read.items) parts.set(item.message.id, fresh(item));
    changesAt = Math.min(changesAt, read.changesAt);
  }
  const total = keys.total!;
  const placed = (list: EntryKey[]) => list.map((k) => parts.get(k.id));
  const [items, pinned] = [placed(shown), placed(keys.pinned)];
  if (items.includes(undefined) || pinned.includes(undefined)) return undefined; // gone meanwhile: read it whole
  const last = shown[query.limit - 1];
  const nextCursor = keys.page.length > query.limit && last ? encodeCursor(last.at, last.id) : null;
  return { ...assemble(items as Part[], pinned as Part[], { nextCursor, total }, base.body), changesAt };
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
  const found = stamp && cache.lookup(key, stamp, at);
  if (found && 'body' in found) return found.body;
  if (found) {
    const patched = await patch(db, actor, query, stamp, at, found.base, found.changed);
    if (patched) {
      cache.patched++;
      cache.set(key, stamp, patched.changesAt, patched.body, patched.layout);
      return patched.body;
    }
  }
  const { page, changesAt } = await readMailboxPage(db, actor, query, at);
  const { body, layout } = assemble(page.items.map(fresh), (page.pinned ?? []).map(fresh), {
    nextCursor: page.nextCursor,
    total: page.total ?? 0,
  });
  if (stamp) cache.set(key, stamp, changesAt, body, layout);
  return body;
}

/**
 * Notes, once the transaction commits, what it changed in these owners' entries (`Note`), for owners with a kept page:
 * `bumps` is how many times the transaction's own writes to those messages' entries moved the owner's version (the
 * triggers of migration 0013). The version read here, at the end of the transaction, less `bumps` is where the change
 * began only if nothing else in the transaction moved it: any other move makes that a version no committed state ever
 * had, which no kept page has, so the page is read afresh. Never counted high. Embedded engine only (its writes take
 * the database's one write lock for the whole transaction).
 */
export async function noteOwnChanges(
  tx: DbOrTx,
  changes: ReadonlyArray<{ ownerId: string; messageIds: readonly string[]; bumps: number }>,
): Promise<void> {
  const cache = ENGINE === 'sqlite' ? caches.get(clientOf(tx)) : undefined;
  const wanted = cache ? changes.filter((c) => c.bumps > 0 && cache.holds(c.ownerId)) : [];
  if (!cache || !wanted.length) return;
  const { rows } = await execute(tx, VERSIONS_SQL, [JSON.stringify(wanted.map((c) => c.ownerId))]);
  const versions = new Map(rows.map((r) => [r[0] as string, Number(r[1])]));
  afterCommit(tx, () => {
    for (const c of wanted) {
      const to = versions.get(c.ownerId);
      if (to !== undefined) cache.note(c.ownerId, to - c.bumps, to, c.messageIds);
    }
  });
}
const VERSIONS_SQL = `select owner_id, version from mailbox_versions
  where owner_id in (select value from json_each(?))`;

/**
 * `noteOwnChanges` for a delivery (deliver.ts), once its entries are written and the message marked sent. A kept
 * recipient's version moved once for each of: the entry written by this delivery (its `delivered_at` is the
 * delivery's) while the message was stored as sent; marking the message sent; the body mentioning them
 * (`flagMentions`). The recipients with a kept page are found by the message's entries or by the kept owners,
 * whichever are fewer (at most `MAX_ENTRIES` rows, in the send's transaction).
 */
export async function noteDelivery(
  tx: DbOrTx,
  d: { messageId: string; at: number; delivered: number; storedSent: boolean; marked: boolean; mentioned: Set<string> },
): Promise<void> {
  const cache = ENGINE === 'sqlite' ? caches.get(clientOf(tx)) : undefined;
  if (!cache || cache.owners === 0) return;
  const { rows } =
    d.delivered <= cache.owners
      ? await execute(tx, RECIPIENTS_SQL, [d.messageId])
      : await execute(tx, `${RECIPIENTS_SQL} and mb.owner_id in (select value from json_each(?))`, [
          d.messageId,
          JSON.stringify([...cache.ownerIds()]),
        ]);
  const notes: Array<[ownerId: string, from: number, to: number]> = [];
  for (const [ownerId, deliveredAt, version] of rows as Array<[string, number, number]>) {
    if (!cache.holds(ownerId)) continue;
    const bumps =
      (d.storedSent && deliveredAt === d.at ? 1 : 0) + (d.marked ? 1 : 0) + (d.mentioned.has(ownerId) ? 1 : 0);
    if (bumps > 0) notes.push([ownerId, version - bumps, version]);
  }
  if (notes.length)
    afterCommit(tx, () => {
      for (const [ownerId, from, to] of notes) cache.note(ownerId, from, to, [d.messageId]);
    });
}
/** The message's entries with their owner's version. */
const RECIPIENTS_SQL = `select mb.owner_id, mb.delivered_at, v.version
  from mailbox mb join mailbox_versions v on v.owner_id = mb.owner_id where mb.message_id = ?`;
