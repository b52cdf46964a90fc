// Issue 15: a kept inbox page brought up to date after this process's own changes (listing-cache.ts `Note`), instead
// of read whole: which entries it lists is read again, only the changed or newly listed items are, and the other
// items' bytes are copied from the kept body. docs/architecture.md "Kept pages patched after this process's own
// changes".
import type { Db } from '../../db/client.js';
import { encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import type { Bytes, Layout, Page, Placed, Stamp } from './listing-cache.js';
import type { MailboxItem } from './page.js';
import { owner, readItemsById, readPlainInboxKeys, TOTAL_CAP, type EntryKey, type MailboxQuery } from './query.js';

export const UTF8 = new TextEncoder();

/** An item as it goes into a body: its JSON's bytes made now, or where they lie in the kept body patched. */
type Part = EntryKey & ({ json: Uint8Array } | { start: number; end: number });
const fresh = (item: MailboxItem): Part => ({
  id: item.message.id,
  at: item.state.deliveredAt,
  json: UTF8.encode(JSON.stringify(item)),
});
const COMMA = 0x2c;
const HEAD = UTF8.encode('{"items":[');
const TAIL = UTF8.encode('],"folders":null}');

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
  const middle = UTF8.encode(
    `],"nextCursor":${JSON.stringify(page.nextCursor)},"total":${Math.min(page.total, TOTAL_CAP)},` +
      `"totalCapped":${page.total > TOTAL_CAP},"pinned":[`,
  );
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
  const layout: Layout = { items: [], pinned: [], located: true };
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
 * The kept page brought up to date from this process's own notes (`ListingCache.lookup`): which entries it lists,
 * and in what order, read again (keys only, over the inbox's indexes); the items of the changed messages and of
 * entries it did not list read again; every other item's bytes reused. Undefined when the owner's stamp moved while
 * reading (a write elsewhere): the page is then read whole, in one statement.
 */
export async function patch(
  db: Db,
  actor: Actor,
  query: MailboxQuery,
  stamp: Stamp,
  at: number,
  base: Page & { layout: Layout },
  changed: ReadonlySet<string>,
): Promise<{ body: Bytes; layout: Layout; changesAt: number } | undefined> {
  if (!base.layout.located && !locate(base.body, base.layout)) return undefined;
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
