import { expect } from '@open-wc/testing';
import type { InboxApi } from '../api/inbox-api.js';
import type { MailboxPage } from '../api/types.js';
import { createListStore } from './list-store.js';

/**
 * A fake `GET /mailbox`: entries newest first by (deliveredAt, id), as the server orders them (query.ts), paged by
 * keyset. Each answer waits until the test lets it go (`answer()`), so that reloads can overlap deterministically.
 */
function fakeServer() {
  let entries: Array<{ id: string; at: number }> = [];
  const asked: number[] = []; // the limit of every first-page read
  const held: Array<() => void> = [];
  const item = (e: { id: string; at: number }) =>
    ({
      message: { id: e.id, subject: e.id, createdAt: e.at },
      state: { deliveredAt: e.at, readAt: null, archivedAt: null, deletedAt: null, tagIds: [] },
    }) as unknown as MailboxPage['items'][number];
  const sorted = () => [...entries].sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
  const list = async (_filter: unknown, cursor: string | null | undefined, limit = 50) => {
    if (!cursor) asked.push(limit);
    // A keyset cursor, as the server's: the last row's (time, id); the next page is what is older.
    const [at, id] = cursor ? (JSON.parse(cursor) as [number, string]) : [Infinity, ''];
    const all = sorted(); // read when asked; answered when let go
    const after = all.filter((e) => e.at < at || (e.at === at && e.id < id));
    const page = after.slice(0, limit);
    const last = page.at(-1);
    await new Promise<void>((r) => held.push(r));
    return {
      items: page.map(item),
      pinned: [],
      nextCursor: after.length > limit && last ? JSON.stringify([last.at, last.id]) : null,
      total: cursor ? null : all.length,
    } as unknown as MailboxPage;
  };
  return {
    api: { list } as unknown as InboxApi,
    asked,
    add: (...added: Array<{ id: string; at: number }>) => void (entries = [...entries, ...added]),
    remove: (id: string) => void (entries = entries.filter((e) => e.id !== id)),
    /** Lets the latest held answer go (and only it) and waits until it was applied. */
    answerNewest: async () => {
      held.pop()?.();
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    },
    /** Lets every held answer go and waits until they were applied. */
    answer: async () => {
      for (let i = 0; i < 20; i++) {
        held.splice(0).forEach((go) => go());
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

const ids = (store: ReturnType<typeof createListStore>) => store.$list.get().rows.map((r) => r.message.id);
const entry = (n: number, at = 1_000 + n) => ({ id: `e${String(n).padStart(3, '0')}`, at });

async function loaded(server: ReturnType<typeof fakeServer>, pageSize = 50) {
  const store = createListStore(server.api, pageSize);
  const loading = store.load('inbox', {});
  await server.answer();
  await loading;
  return store;
}

/** Loads every next page, as scrolling to the end does. */
async function scrollToEnd(store: ReturnType<typeof createListStore>, server: ReturnType<typeof fakeServer>) {
  for (let i = 0; i < 50 && store.$list.get().nextCursor; i++) {
    const next = store.more();
    await server.answer();
    await next;
  }
}

describe('list store: reloading the first page (issue 15: a new message reads the newest 10)', () => {
  it('adds the newest and keeps the loaded rows after them, in the server order; only 10 asked', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 60 }, (_, n) => entry(n)));
    const store = await loaded(server);
    const before = ids(store);
    expect(before).to.have.length(50);
    server.add(entry(100));
    const added = store.refreshFirst(10);
    await server.answer();
    expect(await added).to.deep.equal(['e100']);
    expect(server.asked).to.deep.equal([50, 10]);
    expect(ids(store)).to.deep.equal(['e100', ...before]);
    expect(store.$list.get().total).to.equal(61);
    const more = store.more(); // the cursor still goes on after the loaded rows
    await server.answer();
    await more;
    expect(ids(store)).to.have.length(61);
  });

  it('keeps loaded rows that tie with the last of the 10 on time (ordered by id after it)', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 30 }, (_, n) => entry(n, 5_000))); // one scheduled run: one delivery time
    const store = await loaded(server);
    server.add(entry(100, 6_000));
    const done = store.refreshFirst(10);
    await server.answer();
    await done;
    expect(ids(store)).to.have.length(31);
    expect(new Set(ids(store)).size).to.equal(31);
  });

  it('an empty list, then twelve at once: all twelve, reachable', async () => {
    const server = fakeServer();
    const store = await loaded(server);
    server.add(...Array.from({ length: 12 }, (_, n) => entry(n)));
    const done = store.refreshFirst(10);
    await server.answer();
    await done;
    expect(server.asked).to.deep.equal([50, 10, 50]); // none of the ten was listed: the page instead
    expect(ids(store)).to.have.length(12);
    expect(store.$list.get().nextCursor).to.equal(null);
  });

  it('more new entries than a page: the list ends where the page does and the cursor goes on, no gap', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 60 }, (_, n) => entry(n)));
    const store = await loaded(server);
    server.add(...Array.from({ length: 60 }, (_, n) => entry(200 + n)));
    const done = store.refreshFirst(10);
    await server.answer();
    await done;
    expect(ids(store)).to.have.length(50);
    await scrollToEnd(store, server);
    expect(ids(store)).to.have.length(120);
    expect(new Set(ids(store)).size).to.equal(120);
  });

  it('a next page asked before a reload that ended the list elsewhere is dropped: nothing unreachable', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 20 }, (_, n) => entry(n)));
    const store = await loaded(server, 5);
    const more = store.more(); // asked, not answered yet
    await new Promise((r) => setTimeout(r, 0));
    server.add(...Array.from({ length: 12 }, (_, n) => entry(100 + n)));
    const refreshed = store.refreshFirst(10); // a page of five: the page size is under ten
    await new Promise((r) => setTimeout(r, 0)); // its read is on its way
    expect(server.asked).to.deep.equal([5, 5]);
    await server.answerNewest(); // it shares nothing with the list: the list now ends where it does
    await refreshed;
    await server.answer(); // the old next page arrives last
    await more;
    await scrollToEnd(store, server);
    expect(ids(store)).to.have.length(32);
    expect(new Set(ids(store)).size).to.equal(32);
  });

  it('rows that left the view go; the order is the server order, not "new ones first"', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 20 }, (_, n) => entry(n)));
    const store = await loaded(server);
    server.remove('e019');
    server.add(entry(50));
    const done = store.refreshFirst(10);
    await server.answer();
    await done;
    const expected = ['e050', ...Array.from({ length: 19 }, (_, k) => `e${String(18 - k).padStart(3, '0')}`)];
    expect(ids(store)).to.deep.equal(expected);
  });

  it('reloads asked while one runs are one more read, as wide as the widest asked', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 30 }, (_, n) => entry(n)));
    const store = await loaded(server);
    server.add(entry(100));
    const first = store.refreshFirst(10);
    await new Promise((r) => setTimeout(r, 0)); // the first read is on its way
    server.add(entry(101));
    const second = store.refreshFirst(10);
    const third = store.refreshFirst(); // e.g. another tab's batch: the whole page
    expect(second).to.equal(third);
    await server.answer();
    expect(await first).to.deep.equal(['e100']);
    expect(await third).to.deep.equal(['e101']);
    expect(server.asked).to.deep.equal([50, 10, 50]);
    expect(ids(store).slice(0, 2)).to.deep.equal(['e101', 'e100']);
  });

  it('a page size under 10 asks for the page size', async () => {
    const server = fakeServer();
    server.add(...Array.from({ length: 20 }, (_, n) => entry(n)));
    const store = await loaded(server, 5);
    server.add(entry(100));
    const done = store.refreshFirst(10);
    await server.answer();
    await done;
    expect(server.asked).to.deep.equal([5, 5]);
    expect(ids(store).slice(0, 2)).to.deep.equal(['e100', 'e019']);
  });
});
