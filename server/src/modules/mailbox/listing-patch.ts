// Issue 15: a kept inbox page brought up to date after this process's own changes (listing-cache.ts `Note`), instead
// of read whole: from the notes alone when each write knew its entry whole (a read, confirmation, progress, star), or
// each was a delivery that read its new entry; else the changed entries are read again, and usually decide which
// entries the page lists by themselves (else those are read again too); the other items' bytes are copied from the
// kept body. docs/architecture.md "Kept pages patched after this process's own changes", "Patched from the changed
// entries alone", "Patched from what the write knew" and "Deliveries noted with their new entry".
import type { Db } from '../../db/client.js';
import { encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import { mailboxState } from '../messages/view.js';
import {
  isDelivery,
  type Bytes,
  type Known,
  type KnownEntry,
  type Layout,
  type Page,
  type Placed,
  type Stamp,
} from './listing-cache.js';
import { firstExpiry, summaryItem, viewerOf, type MailboxItem, type SummaryRow } from './page.js';
import {
  MAX_PINNED,
  newestFirst,
  owner,
  readChangedEntries,
  readItemsById,
  readPlainInboxKeys,
  TOTAL_CAP,
  type ChangedEntry,
  type EntryKey,
  type MailboxQuery,
} from './query.js';

export const UTF8 = new TextEncoder();
const FROM_UTF8 = new TextDecoder();

/** An item as it goes into a body: its JSON's bytes made now, or where they lie in the kept body patched. */
type Part = Fresh | (EntryKey & { start: number; end: number });
type Fresh = EntryKey & { json: Uint8Array };
/** An entry's key alone (a placed or fresh part carries more). */
const keyOf = (k: EntryKey): EntryKey => ({ id: k.id, at: k.at });
/** The key of the entry an item shows. */
const itemKey = (item: MailboxItem): EntryKey => ({ id: item.message.id, at: item.state.deliveredAt });
const fresh = (item: MailboxItem): Fresh => ({
  id: item.message.id,
  at: item.state.deliveredAt,
  json: UTF8.encode(JSON.stringify(item)),
});
const COMMA = 0x2c;
const HEAD = UTF8.encode('{"items":[');
const TAIL = UTF8.encode('],"folders":null}');

/** What lies between a first page's items and its pinned ones, as `JSON.stringify` writes it. */
const middleOf = (page: { nextCursor: string | null; total: number }) =>
  UTF8.encode(
    `],"nextCursor":${JSON.stringify(page.nextCursor)},"total":${Math.min(page.total, TOTAL_CAP)},` +
      `"totalCapped":${page.total > TOTAL_CAP},"pinned":[`,
  );
/** The total as a layout keeps it: `TOTAL_CAP + 1` when capped. */
const keptTotal = (total: number) => Math.min(total, TOTAL_CAP + 1);

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
  const middle = middleOf(page);
  const size = (list: readonly Part[]) =>
    list.reduce((n, p) => n + ('json' in p ? p.json.byteLength : p.end - p.start), Math.max(0, list.length - 1));
  const body = new Uint8Array(HEAD.byteLength + size(items) + middle.byteLength + size(pinned) + TAIL.byteLength);
  let offset = 0;
  const put = (bytes: Uint8Array) => {
    body.set(bytes, offset);
    offset += bytes.byteLength;
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
        offset = out + (to - from);
        return;
      }
      flush();
      if (i > 0) body[offset++] = COMMA;
      if ('json' in p) {
        into.push({ id: p.id, at: p.at, start: offset, end: offset + p.json.byteLength });
        put(p.json);
      } else {
        [from, to, out] = [p.start, p.end, offset];
        into.push({ id: p.id, at: p.at, start: offset, end: (offset += p.end - p.start) });
      }
    });
    flush();
  };
  const layout: Layout = { items: [], pinned: [], next: null, total: keptTotal(page.total), located: true };
  put(HEAD);
  list(items, layout.items);
  put(middle);
  list(pinned, layout.pinned);
  put(TAIL);
  return { body, layout };
}

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d];
/**
 * Finds where each item of a body read whole lies: the elements of the root object's two arrays, `items` then
 * `pinned` (JSON as `JSON.stringify` writes it; every byte of a multi-byte character is above 0x7f, so none is
 * taken for a quote, bracket or comma). False when what it finds is not the layout's count of each.
 */
function locate(body: Uint8Array, layout: Layout): boolean {
  const lists = [layout.items, layout.pinned];
  let list = -1; // which of the root's arrays the walk is in
  let k = 0; // the element of it
  let start = 0;
  let depth = 0;
  const place = (end: number) => {
    const p = lists[list]?.[k++];
    if (!p) return false;
    [p.start, p.end] = [start, end];
    return true;
  };
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b === QUOTE) {
      for (i++; i < body.length && body[i] !== QUOTE; i++) if (body[i] === BACKSLASH) i++; // to its end
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth === 2 && b === OPEN_ARRAY) [list, k, start] = [list + 1, 0, i + 1];
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      if (depth-- === 2 && b === CLOSE_ARRAY && i > start && !place(i)) return false;
    } else if (b === COMMA && depth === 2 && list >= 0) {
      if (!place(i)) return false;
      start = i + 1;
    }
  }
  if (list !== 1 || layout.items.some((p) => p.start < 0) || layout.pinned.some((p) => p.start < 0)) return false;
  layout.located = true;
  return true;
}

/**
 * What the notes since a kept page know, when they know every message's entry whole and all of one kind: each a write
 * to an entry's state (`fromKnown` may decide) or each a delivery's new entry (`fromDelivered`); else undefined (a
 * mix, or an entry not known, is read).
 */
export function knownKind(f: {
  changed: ReadonlySet<string>;
  known: ReadonlyMap<string, Known>;
}): 'state' | 'delivery' | undefined {
  if (f.known.size !== f.changed.size) return undefined;
  const kinds = new Set([...f.known.values()].map((k) => (isDelivery(k) ? 'delivery' : 'state')));
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/**
 * The most changed messages whose entries a patch reads (`readChangedEntries`, then `fromChanges`). A change to more
 * (a batch) goes straight to reading which entries the page lists, and then only the items it shows that it lacks.
 */
export const FEW_CHANGED = 16;

/**
 * The changed entries of a kept page, read in the statement that also reads the stamp (`readAhead`): which messages
 * were asked for, and for which kept page's layout (the pinned entry past its full list depends on it).
 */
export type Ahead = Awaited<ReturnType<typeof readChangedEntries>> & { ids: ReadonlySet<string>; layout: Layout };

/**
 * The entries of the messages this process noted since a kept page was read (`ListingCache.noted`), with the stamp,
 * in one statement; where they decide the page, the patch reads nothing more. `patch` uses them only for that same
 * page and those same messages.
 */
export async function readAhead(
  db: Db,
  actor: Actor,
  ids: ReadonlySet<string>,
  layout: Layout,
  at: number,
): Promise<Ahead> {
  return { ids, layout, ...(await readChangedEntries(db, actor, [...ids], at, lastOfFull(layout.pinned))) };
}

/** The last of a full list of pinned entries: past it, pinned entries were not read. */
const lastOfFull = (pinned: readonly Placed[]) => (pinned.length >= MAX_PINNED ? pinned[pinned.length - 1]! : null);

/** Which entries a first page lists, its first entry past them, and its pinned entries, newest first. */
type Keys = { shown: EntryKey[]; next: EntryKey | null; pinned: EntryKey[] };

/**
 * The page's entries from the kept page's and the changed entries alone, when these decide it; else undefined.
 * Every entry not changed is where it was, as it was (the notes name every message whose entry moved the version).
 * The entries past the kept page were not read, but all of them come after its `next`: the new page may be made only
 * of what comes up to `next`. Past a full list of pinned entries, the first pinned one now was read (`pinnedAfter`):
 * the new list may be made only of what comes up to it. An archive or a delete shortens a full page: the entry that
 * moves up was not read, and the keys are.
 */
function fromChanges(
  base: Layout,
  read: { entries: readonly ChangedEntry[]; pinnedAfter: MailboxItem | null },
  changed: ReadonlySet<string>,
  limit: number,
): Keys | undefined {
  const kept = (list: readonly Placed[]): EntryKey[] => list.filter((p) => !changed.has(p.id)).map(keyOf);
  const [listed, pinned] = [kept(base.items), kept(base.pinned)];
  for (const { item, listed: isListed, pinned: isPinned } of read.entries) {
    if (isListed) listed.push(itemKey(item));
    if (isPinned) pinned.push(itemKey(item));
  }
  const { next } = base;
  if (next && changed.has(next.id)) return undefined; // where the entries past it lie is not known
  if (knownAfterSorting(listed, next) < limit + 1) return undefined;
  const pinnedAfter = read.pinnedAfter ? itemKey(read.pinnedAfter) : null; // read only past a full list
  if (knownAfterSorting(pinned, pinnedAfter) < MAX_PINNED) return undefined;
  return { shown: listed.slice(0, limit), next: listed[limit] ?? null, pinned: pinned.slice(0, MAX_PINNED) };
}

/**
 * Sorts `list` newest first, with `bound` in it when given, and answers how many of its first entries are known: all
 * without a bound; with one, those up to and including it (the entries not read all come after it).
 */
function knownAfterSorting(list: EntryKey[], bound: EntryKey | null): number {
  if (bound && !list.some((k) => k.id === bound.id)) list.push(bound);
  list.sort(newestFirst);
  return bound ? list.findIndex((k) => k.id === bound.id) + 1 : Infinity;
}

/**
 * The page from the kept one and the notes alone, when every change since was a write that knew its entry whole
 * (`KnownEntry`: a read, unread, confirmation, progress, star) — what opening a message and going back to the list
 * does. None of those moves an entry in or out of the inbox or changes what its message shows: every listed entry,
 * `next` and the total stay, and a changed entry's item is the kept one with the state `mailboxState` makes now from
 * the entry as the write left it (its tags from the kept item: a change to them is not such a write). Only the pinned
 * list may change: an entry that leaves a full one lets in one that was not read, and one that enters it must be
 * listed (its item kept); else undefined, and the changed entries are read. The changed items the page shows
 * (`parts`), and the page's keys only when the pinned list changed (else every entry is where it was: `splice`).
 */
function fromKnown(
  base: Page & { layout: Layout },
  known: ReadonlyMap<string, KnownEntry>,
  at: number,
): { parts: Map<string, Fresh>; keys?: Keys & { total: number } } | undefined {
  const { items, pinned: kept, next, total } = base.layout;
  const parts = new Map<string, Fresh>();
  const unpinned = new Set<string>();
  const newlyPinned: EntryKey[] = [];
  for (const [id, { entry, message }] of known) {
    const placed = items.find((p) => p.id === id) ?? kept.find((p) => p.id === id);
    if (!placed) {
      // Not shown: it stays so unless it is now pinned, which a read of it would have to show.
      if (mailboxState(entry, message, [], at).pinned) return undefined;
      continue;
    }
    const item = JSON.parse(FROM_UTF8.decode(base.body.subarray(placed.start, placed.end))) as MailboxItem;
    const was = item.state;
    // What such a write never changes; anything else means the note is not what it claims: read the entries.
    if (
      was.deliveredAt !== entry.deliveredAt ||
      was.archivedAt !== entry.archivedAt ||
      was.deletedAt !== entry.deletedAt ||
      item.message.recalledAt !== message.recalledAt
    )
      return undefined;
    item.state = mailboxState(entry, message, was.tagIds, at);
    parts.set(id, fresh(item));
    const isPinned = kept.some((p) => p.id === id);
    if (isPinned && !item.state.pinned) {
      if (kept.length >= MAX_PINNED) return undefined; // the first pinned entry past the list moves up: not read
      unpinned.add(id);
    } else if (!isPinned && item.state.pinned) newlyPinned.push({ id, at: entry.deliveredAt });
  }
  // Every entry where it was: the kept body with the changed items replaced will do (`splice`).
  if (!unpinned.size && !newlyPinned.length) return { parts };
  const pinned = [...kept.filter((p) => !unpinned.has(p.id)).map(keyOf), ...newlyPinned]
    .sort(newestFirst)
    .slice(0, MAX_PINNED);
  const shown = items.map(keyOf);
  return { parts, keys: { shown, next, pinned, total } };
}

/**
 * The page from the kept one and the notes alone, when every change since was a delivery noted with its new entry
 * (`KnownDelivery`: its summary row, whether the inbox lists it and the inbox's total, read in the delivering
 * transaction). Nothing else changed: every kept entry stays as it was. Each new item is made from its row for this
 * viewer at this time, as a page read whole makes it. When every new listed entry is newer than the kept page's
 * newest (deliveries usually are), they go first in each list (`prepend`); else they are placed among the kept ones as
 * a read of the changed entries would place them (`fromChanges`; no entry stops being pinned, so nothing past the
 * pinned list is needed). Undefined when a new entry is somehow listed already, or where the entries do not decide the
 * page: they are then read.
 */
function fromDelivered(
  base: Page & { layout: Layout },
  delivered: ReadonlyMap<string, Known>,
  actor: Actor,
  at: number,
  limit: number,
): ({ changesAt: number } & ({ parts: Map<string, Fresh>; keys: Keys & { total: number } } | Prepended)) | undefined {
  const { layout } = base;
  const viewer = viewerOf(actor);
  const parts = new Map<string, Fresh>();
  const entries: ChangedEntry[] = [];
  const listed: Fresh[] = [];
  const pinned: Fresh[] = [];
  let total = 0;
  let changesAt = Number.POSITIVE_INFINITY;
  for (const [id, known] of delivered) {
    if (!isDelivery(known) || layout.items.some((p) => p.id === id) || layout.pinned.some((p) => p.id === id))
      return undefined;
    const row = JSON.parse(known.row) as SummaryRow;
    const item = summaryItem(row, viewer, at);
    changesAt = Math.min(changesAt, firstExpiry(row, at));
    const part = fresh(item);
    parts.set(id, part);
    const isPinned = known.listed && item.state.pinned;
    entries.push({ item, listed: known.listed, pinned: isPinned });
    if (known.listed) listed.push(part);
    if (isPinned) pinned.push(part);
    total = Math.max(total, known.total); // deliveries only add entries: the last one's total is the largest
  }
  listed.sort(newestFirst);
  pinned.sort(newestFirst);
  // Newer than the newest listed entry, they are newer than every pinned one too (a pinned entry is listed); with none
  // listed, or nothing kept, there is nothing to place them among.
  const oldest = listed.at(-1);
  if (!oldest || !layout.items.length || newestFirst(oldest, layout.items[0]!) < 0)
    return { ...prepend(base, listed, pinned, limit, total), changesAt };
  const keys = fromChanges(layout, { entries, pinnedAfter: null }, new Set(delivered.keys()), limit);
  return keys && { parts, keys: { ...keys, total }, changesAt };
}

type Prepended = { body: Bytes; layout: Layout };
/**
 * The kept page with new entries, each newer than every kept one, put first in its lists (`fromDelivered`): each
 * list's new items, newest first, then as many of its kept items as the page still shows, copied from the kept body in
 * one run; `next`, `nextCursor` and the total written anew. Byte for byte what `assemble` puts together from the same
 * entries.
 */
function prepend(
  base: Page & { layout: Layout },
  items: readonly Fresh[],
  pinned: readonly Fresh[],
  limit: number,
  total: number,
): Prepended {
  const kept = base.layout;
  const newItems = items.slice(0, limit);
  const keptItems = kept.items.slice(0, Math.max(0, limit - items.length));
  const newPinned = pinned.slice(0, MAX_PINNED);
  const keptPinned = kept.pinned.slice(0, MAX_PINNED - newPinned.length);
  // The first entry past the page: a new one, a kept one, or the kept page's own (null when it was not full).
  const past = limit - items.length;
  const next = past < 0 ? keyOf(items[limit]!) : past < kept.items.length ? keyOf(kept.items[past]!) : kept.next;
  const last = keptItems.at(-1) ?? newItems.at(-1);
  const nextCursor = next && last ? encodeCursor(last.at, last.id) : null;
  const middle = middleOf({ nextCursor, total });
  // A list's bytes: its new items, and its kept ones as they lie in the kept body (their commas included).
  const size = (fresh: readonly Fresh[], placed: readonly Placed[]) =>
    fresh.reduce((n, f) => n + f.json.byteLength, 0) +
    (placed.length ? placed.at(-1)!.end - placed[0]!.start : 0) +
    Math.max(0, fresh.length - 1 + (placed.length ? 1 : 0));
  const body = new Uint8Array(
    HEAD.byteLength + size(newItems, keptItems) + middle.byteLength + size(newPinned, keptPinned) + TAIL.byteLength,
  );
  let offset = 0;
  const put = (bytes: Uint8Array) => {
    body.set(bytes, offset);
    offset += bytes.byteLength;
  };
  const list = (fresh: readonly Fresh[], placed: readonly Placed[]): Placed[] => {
    const into: Placed[] = [];
    fresh.forEach((f, i) => {
      if (i > 0) body[offset++] = COMMA;
      into.push({ id: f.id, at: f.at, start: offset, end: offset + f.json.byteLength });
      put(f.json);
    });
    if (!placed.length) return into;
    if (fresh.length) body[offset++] = COMMA;
    const shift = offset - placed[0]!.start;
    put(base.body.subarray(placed[0]!.start, placed.at(-1)!.end));
    for (const p of placed) into.push({ id: p.id, at: p.at, start: p.start + shift, end: p.end + shift });
    return into;
  };
  put(HEAD);
  const placedItems = list(newItems, keptItems);
  put(middle);
  const placedPinned = list(newPinned, keptPinned);
  put(TAIL);
  return {
    body,
    layout: { items: placedItems, pinned: placedPinned, next, total: keptTotal(total), located: true },
  };
}

/**
 * The kept body with some items' bytes replaced where they lie (in `items`, and in `pinned` too where listed there),
 * every other byte copied as it was, and the layout's places moved by what the replacements added or took away: a page
 * whose entries all stay where they were (`fromKnown`, nothing pinned or unpinned).
 */
function splice(
  base: Page & { layout: Layout },
  replaced: ReadonlyMap<string, Fresh>,
): { body: Bytes; layout: Layout } {
  if (!replaced.size) return { body: base.body, layout: base.layout }; // none of them shown: nothing of it changed
  const { items, pinned } = base.layout;
  let size = base.body.byteLength;
  for (const list of [items, pinned])
    for (const p of list) {
      const r = replaced.get(p.id);
      if (r) size += r.json.byteLength - (p.end - p.start);
    }
  const body = new Uint8Array(size);
  let from = 0; // the kept body is copied up to here,
  let out = 0; // into the new one up to here: the entries between two replacements move by out - from
  const move = (list: readonly Placed[]): Placed[] =>
    list.map((p) => {
      const r = replaced.get(p.id);
      if (!r) return { id: p.id, at: p.at, start: p.start + out - from, end: p.end + out - from };
      body.set(base.body.subarray(from, p.start), out);
      out += p.start - from;
      body.set(r.json, out);
      from = p.end;
      return { id: p.id, at: p.at, start: out, end: (out += r.json.byteLength) };
    });
  const layout = { ...base.layout, items: move(items), pinned: move(pinned), located: true };
  body.set(base.body.subarray(from), out);
  return { body, layout };
}

/** The page's entries, read (keys only, over the inbox's indexes), with the kept total and the stamp read with them. */
async function readKeys(db: Db, ownerId: string, limit: number, at: number) {
  const { page, pinned, total, stamp } = await readPlainInboxKeys(db, ownerId, limit + 1, at);
  return { shown: page.slice(0, limit), next: page[limit] ?? null, pinned, total, stamp };
}

/**
 * The kept page brought up to date from this process's own notes (`ListingCache.lookup`). When every change since was
 * a write that knew its entry whole, nothing more is read (`fromKnown`: a read, unread, confirmation, progress, star);
 * nor when every one was a delivery that read its new entry (`fromDelivered`: to at most 32 kept recipients). Else the
 * changed entries are read, each with whether the inbox lists and pins it (a few: one statement, usually `ahead`, read
 * with the stamp before this was called); where they decide the page (`fromChanges`: a delivery to more, or a read
 * among other changes), that is all. Else which entries the page lists, and in what order, is read again (keys
 * only), and the items it shows that neither the kept page nor that first read has. Every other item's bytes are
 * reused. Undefined when the owner's stamp moved while reading (a write elsewhere): the page is then read whole, in
 * one statement.
 */
export async function patch(
  db: Db,
  actor: Actor,
  query: MailboxQuery,
  stamp: Stamp,
  at: number,
  found: {
    base: Page & { layout: Layout };
    changed: ReadonlySet<string>;
    known: ReadonlyMap<string, Known>;
  },
  ahead?: Ahead,
): Promise<
  | { body: Bytes; layout: Layout; changesAt: number; keysRead: boolean; fromKnown: boolean; fromDelivered: boolean }
  | undefined
> {
  const { base, changed } = found;
  if (!base.layout.located && !locate(base.body, base.layout)) return undefined;
  const kind = knownKind(found);
  const decided = kind === 'state' ? fromKnown(base, found.known as ReadonlyMap<string, KnownEntry>, at) : undefined;
  if (decided && !decided.keys)
    return {
      ...splice(base, decided.parts),
      changesAt: base.changesAt,
      keysRead: false,
      fromKnown: true,
      fromDelivered: false,
    };
  const delivered = kind === 'delivery' ? fromDelivered(base, found.known, actor, at, query.limit) : undefined;
  if (delivered && 'body' in delivered) {
    const { body, layout } = delivered;
    const changesAt = Math.min(base.changesAt, delivered.changesAt);
    return { body, layout, changesAt, keysRead: false, fromKnown: false, fromDelivered: true };
  }
  const parts = new Map<string, Part>();
  for (const list of [base.layout.items, base.layout.pinned])
    for (const p of list) if (!changed.has(p.id)) parts.set(p.id, p);
  // Each read carries the stamp it was made at: every one must be the one the page is kept under (no write of the
  // owner's in between, here or elsewhere), or the page is read whole.
  const stamped = `${stamp.version} ${stamp.names}`;
  let changesAt = base.changesAt;
  let keys: (Keys & { total: number }) | undefined;
  if (decided) {
    for (const [id, part] of decided.parts) parts.set(id, part);
    keys = decided.keys;
  } else if (delivered) {
    for (const [id, part] of delivered.parts) parts.set(id, part);
    keys = delivered.keys;
    changesAt = Math.min(changesAt, delivered.changesAt);
  } else if (changed.size <= FEW_CHANGED) {
    // Read ahead for this very page and these very messages: a request that replaced the page meanwhile, or a note
    // of another message committed meanwhile, makes it another read.
    const forThis = (a: Ahead) =>
      a.layout === base.layout && a.ids.size === changed.size && [...changed].every((id) => a.ids.has(id));
    const read =
      ahead && forThis(ahead)
        ? ahead
        : await readChangedEntries(db, actor, [...changed], at, lastOfFull(base.layout.pinned));
    if (read.stamp !== null) {
      if (read.stamp !== stamped) return undefined;
      for (const item of [...read.entries.map((e) => e.item), ...(read.pinnedAfter ? [read.pinnedAfter] : [])])
        parts.set(item.message.id, fresh(item));
      changesAt = Math.min(changesAt, read.changesAt);
      const decided = fromChanges(base.layout, read, changed, query.limit);
      if (decided) keys = { ...decided, total: read.total };
    }
  }
  const keysRead = !keys;
  if (!keys) {
    const read = await readKeys(db, owner(actor), query.limit, at);
    if (read.stamp !== stamped) return undefined;
    keys = { ...read, total: read.total! };
    const wanted = new Set<string>();
    for (const k of [...keys.shown, ...keys.pinned]) if (!parts.has(k.id)) wanted.add(k.id);
    if (wanted.size) {
      const read = await readItemsById(db, actor, [...wanted], at);
      if (read.stamp !== stamped) return undefined;
      for (const item of read.items) parts.set(item.message.id, fresh(item));
      changesAt = Math.min(changesAt, read.changesAt);
    }
  }
  const placed = (list: EntryKey[]) => list.map((k) => parts.get(k.id));
  const [items, pinned] = [placed(keys.shown), placed(keys.pinned)];
  if (items.includes(undefined) || pinned.includes(undefined)) return undefined; // gone meanwhile: read it whole
  const last = keys.shown[query.limit - 1];
  const nextCursor = keys.next && last ? encodeCursor(last.at, last.id) : null;
  const page = assemble(items as Part[], pinned as Part[], { nextCursor, total: keys.total }, base.body);
  page.layout.next = keys.next;
  return { ...page, changesAt, keysRead, fromKnown: decided !== undefined, fromDelivered: delivered !== undefined };
}
