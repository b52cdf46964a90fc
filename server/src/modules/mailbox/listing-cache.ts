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
// When the version moved only by this process's own changes, noted once their transaction committed (`Note`), the
// page is patched rather than read whole (listing-patch.ts).
import type { Db, DbOrTx } from '../../db/client.js';
import { ENGINE } from '../../db/engine.js';
import { afterCommit, canRunAfterCommit, clientOf, execute, readRow } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { StateEntry, StateMessage } from '../messages/view.js';
import { viewerOf, type MailboxItem } from './page.js';
import { FEW_CHANGED, knownKind, patch, readAhead, UTF8 } from './listing-patch.js';
import {
  owner,
  readDeliveredEntries,
  readMailboxPage,
  TOTAL_CAP,
  type DeliveredEntry,
  type EntryKey,
  type MailboxQuery,
} from './query.js';

export type Stamp = { version: number; names: number };
/** A body as `c.body` takes it. */
export type Bytes = Uint8Array<ArrayBuffer>;
/** Where a listed entry's item lies in a kept body (bytes `start` to `end`; -1 until `locate` found it). */
export type Placed = EntryKey & { start: number; end: number };
/**
 * The items of a kept first page and of its pinned entries, in order, and where they lie in its body: known at once
 * for a patched page, found when first needed for a page read whole (`locate`: one walk of its bytes), so that a read
 * that is never patched pays nothing for it. `next`: the first entry past the page, or null when it lists the last.
 */
export type Layout = {
  items: Placed[];
  pinned: Placed[];
  next: EntryKey | null;
  /** The inbox's total as the page shows it: `TOTAL_CAP + 1` when capped (what `assemble` writes it from). */
  total: number;
  located: boolean;
};
/**
 * `viewer`: the name of the reader it was made for. Its items fill `{{name}}` with it (`viewerOf`), and that name comes
 * from authentication, read before the stamp: a rename committed between the two reads made a page with the old name
 * under the new stamp (review of issue 15), so a page is current only for the name it was made for.
 */
export type Page = { stamp: Stamp; viewer: string; changesAt: number; body: Bytes; layout: Layout | undefined };
/**
 * An entry as the transaction that changed it left it, when that write knows it whole: a read or unread, a
 * confirmation, progress (service.ts), a star (star-snooze.ts). None of them moves the entry in or out of the inbox,
 * nor changes its tags or what its message shows: only its state, which `mailboxState` makes from these, as a page
 * read whole does.
 */
export type KnownEntry = { entry: StateEntry; message: StateMessage };
/**
 * An entry a delivery has just written (`noteDelivery`), as the list's summary statement read it in the delivering
 * transaction (the row's JSON text), with whether the plain inbox lists it and the inbox's total then: a new entry,
 * which no kept page lists yet.
 */
export type KnownDelivery = Pick<DeliveredEntry, 'row' | 'listed' | 'total'>;
/** What a note knows of an entry whole (a kept page is then patched without reading it). */
export type Known = KnownEntry | KnownDelivery;
export const isDelivery = (k: Known | undefined): k is KnownDelivery => k !== undefined && 'row' in k;
/**
 * The change to note (`noteOwnChanges`) for a write to one entry's state alone — a read or unread, a confirmation,
 * progress, a star — given the entry and its message as the write left them: one row updated, so the owner's version
 * moved once, and the entry is known whole.
 */
export const stateChange = (ownerId: string, messageId: string, entry: StateEntry, message: StateMessage) => ({
  ownerId,
  messageIds: [messageId],
  bumps: 1,
  known: new Map([[messageId, knownEntry(entry, message)]]),
});
/**
 * The entry is kept as the write has it (a mailbox row: none of its columns is large); of the message, only what a
 * state is made of (a note holds no message body).
 */
const knownEntry = (e: StateEntry, m: StateMessage): KnownEntry => ({
  entry: e,
  message: { recalledAt: m.recalledAt, deletedAt: m.deletedAt, expiresAt: m.expiresAt },
});
/**
 * What this process itself changed in an owner's entries: the owner's version went from `from` to `to` in one
 * committed transaction, and every write of it that moved the version was to these messages' entries; `known`, for
 * the messages whose entry the write knows whole (see `KnownEntry`).
 */
type Note = { from: number; to: number; ids: readonly string[]; known?: ReadonlyMap<string, Known> | undefined };
/**
 * Most notes kept per owner (the newest), and most messages one note names: a kept page further behind, or after a
 * change to more entries than a page and its pinned ones show (50 + 20 by default, 200 + 20 at most), is read whole.
 */
const NOTES_PER_OWNER = 32;
const MAX_NOTED_IDS = 220;
/**
 * What a note is counted as: its object and array slot, and each id's string and slot (a batch's ids are strings only
 * its note keeps; a delivery's one id is shared by its notes, so counted high there).
 */
export const NOTE_OVERHEAD = 120;
/**
 * A known entry's objects, fields and its Map, the mailbox row's ids included: measured with `node --expose-gc` (Node
 * 20, 200,000 of them against as many empty slots) ≈ 710 bytes with two times set, ≈ 790 with seven (a time past 2³¹
 * is a number of its own). Its progress note's characters, or a delivery's row text, are counted on top. A known
 * delivery (a string, a boolean and a number in its object) takes less than that: it is counted the same, not measured.
 */
export const KNOWN_OVERHEAD = 800;
const knownCost = (k: Known) =>
  KNOWN_OVERHEAD + 2 * (isDelivery(k) ? k.row.length : (k.entry.progressNote?.length ?? 0));
const noteCost = (note: Note) =>
  NOTE_OVERHEAD +
  note.ids.reduce((n, id) => n + 24 + 2 * id.length, 0) +
  [...(note.known?.values() ?? [])].reduce((n, k) => n + knownCost(k), 0);
/** Whether a change to this many messages is noted at all (see `note`). */
export const notable = (ids: readonly string[]) => ids.length > 0 && ids.length <= MAX_NOTED_IDS;
/** An owner with kept pages: their keys, and the notes of this process's own changes to their entries. */
type Owner = { keys: Set<string>; notes: Note[] };

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

/** A stamp read as one text, `version names` (query.ts `listingStamp`). */
const parseStamp = (text: string): Stamp => {
  const [version, names] = text.split(' ');
  return { version: Number(version), names: Number(names) };
};

/**
 * What a kept page costs beyond its body's bytes and twice its key's length: the Map entry, the page and stamp objects,
 * the Uint8Array and its ArrayBuffer, the key's string structures, its layout's empty lists and its owner's record.
 * Measured with `node --expose-gc` (heapUsed + arrayBuffers after gc, 100,000 pages of 90 bytes under distinct
 * `${26-character id}\n50` keys, each its own owner and with an empty layout, Node 20): ≈ 730 bytes beyond body + 2 ×
 * key length.
 */
export const ENTRY_OVERHEAD = 760;
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
  (page.layout
    ? (page.layout.items.length + page.layout.pinned.length + (page.layout.next ? 1 : 0)) * PLACED_OVERHEAD
    : 0);

/** Pages kept per process, least recently used forgotten first, within `maxBytes` (counted by `cost`). */
export class ListingCache {
  readonly #pages = new Map<string, Page>();
  readonly #owners = new Map<string, Owner>();
  #bytes = 0;
  /** Pages answered by patching a kept one (for tests and benches). */
  patched = 0;
  /** Of those, the patches the changed entries did not decide, which read which entries the page lists. */
  keysRead = 0;
  /** Of those, the patches that read no entry: every change was one whose write knew the entry whole (`KnownEntry`). */
  fromKnown = 0;
  /** And those that read no entry because every change was a delivery noted with its new entry (`KnownDelivery`). */
  fromDelivered = 0;
  constructor(
    readonly maxBytes: number,
    readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The bytes counted against `maxBytes` (pages and notes). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#pages.size;
  }

  get(key: string, stamp: Stamp, viewer: string, at: number): Bytes | undefined {
    const found = this.lookup(key, stamp, viewer, at);
    return found && 'body' in found ? found.body : undefined;
  }

  /**
   * The kept page's body while it is current; else, when it can be patched — the same names and viewer, none of its
   * rows expired since, and every move of the owner's version since it was read one of this process's own notes — the
   * page and the messages those changed (it stays kept until `set` replaces it or `drop` forgets it); else undefined,
   * and the page is forgotten.
   */
  lookup(
    key: string,
    stamp: Stamp,
    viewer: string,
    at: number,
  ): { body: Bytes } | ({ base: Page & { layout: Layout } } & Followed) | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    if (page.stamp.names === stamp.names && page.viewer === viewer && page.changesAt > at) {
      if (page.stamp.version === stamp.version) {
        this.#pages.delete(key); // most recently used last
        this.#pages.set(key, page);
        return { body: page.body };
      }
      const followed = page.layout && this.#follow(ownerOf(key), page.stamp.version, stamp.version);
      if (followed) return { base: page as Page & { layout: Layout }, ...followed };
    }
    this.#forget(key, page);
    return undefined;
  }

  set(key: string, stamp: Stamp, viewer: string, changesAt: number, body: Bytes, layout?: Layout): void {
    const page = { stamp, viewer, changesAt, body, layout };
    const old = this.#pages.get(key);
    // The page it replaces goes, not its owner's record: a note taken while this page was read stays.
    if (old) this.#forget(key, old, true);
    if (cost(key, page) > this.maxBytes / 8) {
      this.#release(ownerOf(key)); // a few huge pages must not push everyone else out
      return;
    }
    this.#keep(key, page);
    this.#pruneNotes(this.#owners.get(ownerOf(key))!);
    this.#shrink();
  }

  /** Forgets a page (one a patch failed on, or one that cannot be checked: no stamp). */
  drop(key: string): void {
    const page = this.#pages.get(key);
    if (page) this.#forget(key, page);
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

  /**
   * This process's own committed change to an owner's entries (see `Note`); not kept for an owner with no kept page,
   * nor when it names more messages than a page shows (the chain of notes then has a gap: the page is read whole).
   */
  note(ownerId: string, from: number, to: number, ids: readonly string[], known?: ReadonlyMap<string, Known>): void {
    const owner = this.#owners.get(ownerId);
    if (!owner || to <= from || !notable(ids)) return;
    const note = { from, to, ids, known };
    owner.notes.push(note);
    this.#bytes += noteCost(note);
    this.#pruneNotes(owner);
    this.#shrink();
  }

  /**
   * What this process noted since the kept page was read, when anything (and the page can still be patched): the
   * messages — undefined when more than `most` — those whose entries the notes know whole, and the page's layout.
   * When the notes know every one, the patch reads nothing but the stamp; else it reads all their entries and the
   * stamp in one statement (listing-patch.ts `readAhead`). Whether the page can be patched to that stamp is decided by
   * `lookup`, as ever.
   */
  noted(key: string, at: number, most: number): (Followed & { layout: Layout }) | undefined {
    const page = this.#pages.get(key);
    if (!page?.layout || page.changesAt <= at) return undefined;
    const followed = this.#follow(ownerOf(key), page.stamp.version, undefined, most);
    if (!followed || followed.version === page.stamp.version) return undefined;
    return { changed: followed.changed, known: followed.known, layout: page.layout };
  }

  /**
   * The messages the owner's notes name from version `from` on, and the version they lead to: up to `to` — undefined
   * when a move before it is not one of the notes — or, without `to`, as far as they go. Undefined past `most`.
   * `known`: the entries of those messages as the last note naming each left them, for the messages every note of
   * which knew the entry whole (one that did not may have changed what the kept item shows besides its state); a
   * delivery's new entry only when no other note names its message (a change after it is not in the row it read).
   */
  #follow(ownerId: string, from: number, to?: number, most = Infinity): (Followed & { version: number }) | undefined {
    const notes = this.#owners.get(ownerId)?.notes;
    if (!notes) return undefined;
    const changed = new Set<string>();
    const known = new Map<string, Known>();
    const unknown = new Set<string>();
    let version = from;
    while (version !== to) {
      const next = notes.find((n) => n.from === version);
      if (!next) break;
      if (to !== undefined && next.to > to) return undefined;
      for (const id of next.ids) {
        const entry = next.known?.get(id);
        const again = changed.has(id);
        changed.add(id);
        if (entry && !(again && (isDelivery(entry) || isDelivery(known.get(id))))) known.set(id, entry);
        else unknown.add(id);
      }
      if (changed.size > most) return undefined;
      version = next.to; // a note moves forward (`note`): the walk ends
    }
    for (const id of unknown) known.delete(id);
    return to === undefined || version === to ? { changed, known, version } : undefined;
  }

  /** Drops the notes no kept page of the owner can use (ending at or before the oldest page), and the oldest. */
  #pruneNotes(owner: Owner) {
    let oldest = Infinity;
    for (const key of owner.keys) oldest = Math.min(oldest, this.#pages.get(key)!.stamp.version);
    const kept = owner.notes.filter((n) => n.to > oldest).slice(-NOTES_PER_OWNER);
    if (kept.length === owner.notes.length) return;
    for (const n of owner.notes) this.#bytes -= noteCost(n);
    for (const n of kept) this.#bytes += noteCost(n);
    owner.notes = kept;
  }

  /** Least recently used pages forgotten until within both bounds. */
  #shrink() {
    for (const [k, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes && this.#pages.size <= this.maxEntries) break;
      this.#forget(k, p);
    }
  }

  #keep(key: string, page: Page) {
    this.#pages.set(key, page);
    this.#bytes += cost(key, page);
    const ownerId = ownerOf(key);
    const owner = this.#owners.get(ownerId);
    if (owner) owner.keys.add(key);
    else this.#owners.set(ownerId, { keys: new Set([key]), notes: [] });
  }

  /** Forgets a page, and its owner's record with the last one unless `replacing` it. */
  #forget(key: string, page: Page, replacing = false) {
    this.#pages.delete(key);
    this.#bytes -= cost(key, page);
    const ownerId = ownerOf(key);
    const owner = this.#owners.get(ownerId);
    if (!owner) return;
    owner.keys.delete(key);
    if (!replacing) this.#release(ownerId);
  }

  /** Forgets an owner's record and notes once no page of theirs is kept. */
  #release(ownerId: string) {
    const owner = this.#owners.get(ownerId);
    if (!owner || owner.keys.size > 0) return;
    for (const n of owner.notes) this.#bytes -= noteCost(n);
    this.#owners.delete(ownerId);
  }
}

/** The messages noted since a kept page, and those of them whose entries the notes know whole. */
type Followed = { changed: Set<string>; known: Map<string, Known> };

/** A page's key is `${owner}\n${limit}`. */
const ownerOf = (key: string) => key.slice(0, key.lastIndexOf('\n'));

/** By the database's client, which a handle and its transactions share (`clientOf`). */
const caches = new WeakMap<object, ListingCache>();

/** The process's listing cache for a database (`HERALD_INBOX_CACHE_MB`); undefined when set to 0. */
export function listingCache(db: Db, maxMegabytes: number): ListingCache | undefined {
  if (maxMegabytes <= 0) return undefined;
  let cache = caches.get(clientOf(db));
  if (!cache) caches.set(clientOf(db), (cache = new ListingCache(maxMegabytes * 1024 * 1024)));
  return cache;
}

/**
 * A page of the plain inbox (`isPlainInbox`) as the bytes `GET /mailbox` answers (`folders` is null without `q`): the
 * first page kept while it is current, patched after this process's own changes (listing-patch.ts), else read,
 * serialised once and kept; a later page (a cursor) read every time. Statements: the stamp, then nothing more for a
 * current page, nor for one whose every change since was a write that knew its entry whole (`KnownEntry`) or a
 * delivery that read its new entry (`KnownDelivery`), unless those do not decide it (then its changed entries); for a
 * page this process's other notes say has moved, its changed entries with the stamp, then nothing more when they
 * decide it, else the keys and the items not yet read (listing-patch.ts `patch`); the page for a miss; a later page
 * only the page.
 */
export async function plainInboxPage(db: Db, actor: Actor, query: MailboxQuery, cache: ListingCache): Promise<Bytes> {
  const encode = (page: object) => UTF8.encode(JSON.stringify({ ...page, folders: null }));
  if (query.cursor !== undefined) return encode((await readMailboxPage(db, actor, query, now())).page);
  const ownerId = owner(actor);
  const key = `${ownerId}\n${query.limit}`;
  const viewer = viewerOf(actor).name;
  const at = now();
  const noted = cache.noted(key, at, FEW_CHANGED);
  // When the notes know every changed entry whole, none is read ahead, only the stamp: `patch` decides from the notes
  // (and reads the entries after all where they do not decide it: a full pinned list losing one, say).
  const ahead = noted && !knownKind(noted) ? await readAhead(db, actor, noted.changed, noted.layout, at) : undefined;
  const stamp = ahead?.stamp ? parseStamp(ahead.stamp) : await readStamp(db, ownerId);
  const found = stamp && cache.lookup(key, stamp, viewer, at);
  if (found && 'body' in found) return found.body;
  if (found) {
    const patched = await patch(db, actor, query, stamp, at, found, ahead).catch((err: unknown) => {
      cache.drop(key);
      throw err;
    });
    if (patched) {
      cache.patched++;
      if (patched.keysRead) cache.keysRead++;
      if (patched.fromKnown) cache.fromKnown++;
      if (patched.fromDelivered) cache.fromDelivered++;
      cache.set(key, stamp, viewer, patched.changesAt, patched.body, patched.layout);
      return patched.body;
    }
  }
  const { page, changesAt, next } = await readMailboxPage(db, actor, query, at);
  const body = encode(page);
  const unplaced = (items: MailboxItem[] | null) =>
    (items ?? []).map((i) => ({ id: i.message.id, at: i.state.deliveredAt, start: -1, end: -1 }));
  if (stamp) {
    cache.set(key, stamp, viewer, changesAt, body, {
      items: unplaced(page.items),
      pinned: unplaced(page.pinned),
      next,
      total: page.totalCapped ? TOTAL_CAP + 1 : (page.total ?? 0),
      located: false,
    });
  } else cache.drop(key);
  return body;
}

/** The process's cache for the database a transaction writes to, if its changes can be noted (see `noteOwnChanges`). */
const noting = (tx: DbOrTx) => (ENGINE === 'sqlite' && canRunAfterCommit(tx) ? caches.get(clientOf(tx)) : undefined);

/**
 * Notes, once the transaction commits, what it changed in these owners' entries (`Note`), for owners with a kept page:
 * `bumps` is how many times the transaction's own writes to those messages' entries moved the owner's version (the
 * triggers of migration 0013: one per mailbox row inserted for a sent message, updated or deleted — an UPDATE moves it
 * even when it changes nothing — and per tag put on or taken off). Call it right after those writes: the version read
 * then, less `bumps`, is where the transaction found it, because the embedded engine's write transaction holds the
 * database's one write lock from its BEGIN IMMEDIATE, in every process. A move the count leaves out (another write of
 * the transaction, before or after) makes `to − bumps` or the next note's start a version no committed state ever had,
 * which no kept page has: the chain of notes has a gap and the page is read whole. A count too high could match an
 * older page, so it is never estimated. A rule for whoever adds a write path or changes those triggers: count exactly,
 * or do not note. Outermost write transactions of the embedded engine only (`canRunAfterCommit`). `known`: the
 * entries as the transaction leaves them, for a write that knows them whole and changes only their state
 * (`KnownEntry`): a kept page is then patched from them without reading them.
 */
export async function noteOwnChanges(
  tx: DbOrTx,
  changes: ReadonlyArray<{
    ownerId: string;
    messageIds: readonly string[];
    bumps: number;
    known?: ReadonlyMap<string, Known>;
  }>,
): Promise<void> {
  const cache = noting(tx);
  const wanted = cache ? changes.filter((c) => c.bumps > 0 && notable(c.messageIds) && cache.holds(c.ownerId)) : [];
  if (!cache || !wanted.length) return;
  const { rows } = await execute(tx, VERSIONS_SQL, [JSON.stringify(wanted.map((c) => c.ownerId))]);
  const versions = new Map(rows.map((r) => [r[0] as string, Number(r[1])]));
  afterCommit(tx, () => {
    for (const c of wanted) {
      const to = versions.get(c.ownerId);
      if (to !== undefined) cache.note(c.ownerId, to - c.bumps, to, c.messageIds, c.known);
    }
  });
}
const VERSIONS_SQL = `select owner_id, version from mailbox_versions
  where owner_id in (select value from json_each(?))`;

/**
 * Most recipients with a kept page a delivery looks up, in its transaction (one read of that many rows): beyond, their
 * pages are read whole.
 */
const MAX_NOTED_RECIPIENTS = 2_000;
/**
 * Most recipients with a kept page whose new entries a delivery reads whole (`readDeliveredEntries`: a summary row
 * each, ≈ 1–2 KB counted with the note): beyond, only the versions are read, and each page reads its new entry when
 * next asked.
 */
export const MAX_KNOWN_DELIVERIES = 32;

/**
 * `noteOwnChanges` for a delivery (deliver.ts), once its entries are written and the message marked sent. A kept
 * recipient's version moved once for each of: the entry written by this delivery while the message was stored as
 * sent (its `delivered_at` is the delivery's: a message stored as sent is created in the same transaction, so no
 * earlier delivery of it has that time); marking the message sent; the body mentioning them (`flagMentions`). The
 * recipients with a kept page are found by the message's entries or by the kept owners, whichever are fewer. Their new
 * entries are read whole too when few (`KnownDelivery`), so that their pages show the entry without reading it: for
 * people picked one by one, at most 32 of whom keep a page, in that same one statement; else (a department or a group,
 * whose recipients are not known before the insert, or more people) in a second one, when 1 to 32 got a new entry.
 */
export async function noteDelivery(
  tx: DbOrTx,
  d: {
    messageId: string;
    at: number;
    delivered: number;
    storedSent: boolean;
    marked: boolean;
    mentioned: Set<string>;
    /** Everyone the delivery can have reached, when that is known (people picked one by one). */
    people?: readonly string[] | undefined;
  },
): Promise<void> {
  const cache = noting(tx);
  if (!cache || cache.owners === 0 || Math.min(d.delivered, cache.owners) > MAX_NOTED_RECIPIENTS) return;
  const kept = d.people && [...new Set(d.people.filter((id) => cache.holds(id)))];
  if (kept?.length === 0) return;
  const bumps = (ownerId: string, deliveredAt: number) =>
    (d.storedSent && deliveredAt === d.at ? 1 : 0) + (d.marked ? 1 : 0) + (d.mentioned.has(ownerId) ? 1 : 0);
  // The kept recipients' entries: read whole at once for people picked one by one, few of whom keep a page; else
  // their versions first, and then, when few of them got a new entry, those entries whole.
  type Found = Pick<DeliveredEntry, 'ownerId' | 'deliveredAt' | 'version'> | DeliveredEntry;
  let found: Found[];
  if (kept && kept.length <= MAX_KNOWN_DELIVERIES) found = await readDeliveredEntries(tx, d.messageId, kept);
  else {
    const { rows } =
      d.delivered <= cache.owners
        ? await execute(tx, RECIPIENTS_SQL, [d.messageId])
        : await execute(tx, `${RECIPIENTS_SQL} and mb.owner_id in (select value from json_each(?))`, [
            d.messageId,
            JSON.stringify([...cache.ownerIds()]),
          ]);
    found = (rows as Array<[string, number, number]>)
      .filter(([ownerId]) => cache.holds(ownerId))
      .map(([ownerId, deliveredAt, version]) => ({ ownerId, deliveredAt, version }));
    const fresh = found.filter((e) => e.deliveredAt === d.at).map((e) => e.ownerId);
    if (fresh.length && fresh.length <= MAX_KNOWN_DELIVERIES) {
      const read = new Map((await readDeliveredEntries(tx, d.messageId, fresh)).map((e) => [e.ownerId, e]));
      found = found.map((e) => read.get(e.ownerId) ?? e);
    }
  }
  const notes: Array<[ownerId: string, from: number, to: number, known?: ReadonlyMap<string, Known>]> = [];
  for (const e of found) {
    const n = bumps(e.ownerId, e.deliveredAt);
    // Only an entry this delivery wrote is new (a recipient who had one keeps it as it was).
    const known =
      'row' in e && e.deliveredAt === d.at
        ? new Map([[d.messageId, { row: e.row, listed: e.listed, total: e.total }]])
        : undefined;
    if (n > 0) notes.push([e.ownerId, e.version - n, e.version, known]);
  }
  const ids = [d.messageId];
  if (notes.length)
    afterCommit(tx, () => {
      for (const [ownerId, from, to, known] of notes) cache.note(ownerId, from, to, ids, known);
    });
}
/** The message's entries with their owner's version. */
const RECIPIENTS_SQL = `select mb.owner_id, mb.delivered_at, v.version
  from mailbox mb join mailbox_versions v on v.owner_id = mb.owner_id where mb.message_id = ?`;
