// Issue 15: the plain inbox's pages are kept per process (listing-cache.ts). A kept page must never show what a fresh
// read would not: after every kind of change — made in another process on the same database — and when an entry
// expires with no write at all, the kept answer is byte for byte what a server keeping nothing answers.
import assert from 'node:assert/strict';
import { after, before, describe, mock, test, type TestContext } from 'node:test';
import { createApp } from '../../app.js';
import { encodeCursor } from '../../lib/cursor.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, Browser } from '../../testing/http.js';
import { assertSameBody } from '../../testing/same-body.js';
import { secondProcess } from '../../testing/second-process.js';
import { and, eq } from 'drizzle-orm';
import { ENGINE } from '../../db/engine.js';
import { members } from '../org/schema.js';
import { execute } from '../../db/prepared.js';
import type { Actor } from '../auth/actor.js';
import {
  ENTRY_OVERHEAD,
  KNOWN_OVERHEAD,
  ListingCache,
  listingCache,
  NOTE_OVERHEAD,
  noteOwnChanges,
  plainInboxPage,
} from './listing-cache.js';
import { MailboxQuerySchema } from './query.js';
import { sqliteOnly } from '../../testing/engine-only.js';
import { mailbox } from './schema.js';

type Json = Record<string, any>;

describe('issue 15: kept inbox pages', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let other: ReturnType<typeof secondProcess>;
  let fresh: ReturnType<typeof createApp>;
  let li: Browser;
  /** The same signed-in people, calling the other process. */
  let liThere: Browser, zhangThere: Browser, wangThere: Browser, adminThere: Browser;
  /** The sender in this process (its deliveries are noted here). */
  let zhang: Browser;
  const ids: Record<string, string> = {};
  const PAGES = ['/api/v1/mailbox', '/api/v1/mailbox?limit=2'];

  const same = (b: Browser, app: ReturnType<typeof createApp>) =>
    Object.assign(new Browser(app), { cookie: b.cookie, csrf: b.csrf });
  before(async () => {
    demo = await demoApp(ids);
    other = secondProcess(demo.deps);
    fresh = createApp({ ...demo.deps, config: { ...demo.deps.config, inboxCacheMb: 0 } });
    li = await demo.as('E1002');
    liThere = same(li, other.app);
    zhang = await demo.as('E1001', 'sender');
    zhangThere = same(zhang, other.app);
    wangThere = same(await demo.as('E1003', 'sender'), other.app);
    adminThere = same(demo.admin, other.app);
  });
  after(() => {
    other.close();
    demo.deps.cleanup();
  });

  /** Every page (the kept first page, a small kept page and the page after it, read afresh) equals a fresh read. */
  const keptIsFresh = async (what: string): Promise<Json> => {
    const first = await body(await li.request(PAGES[0]!));
    const small = await body(await li.request(PAGES[1]!));
    const pages = [...PAGES, ...(small.nextCursor ? [`${PAGES[1]}&cursor=${small.nextCursor}`] : [])];
    for (const path of pages) {
      await assertSameBody(await li.request(path), await same(li, fresh).request(path), `${what}: ${path}`);
    }
    return first;
  };
  /** Lists (so the pages are kept), makes the change in the other process, and checks the kept pages. */
  const afterChange = async (what: string, change: () => Promise<unknown>) => {
    const before = await keptIsFresh(`before ${what}`);
    await change();
    const now = await keptIsFresh(what);
    assert.notDeepEqual(now, before, `${what} shows in the list`);
    return now;
  };
  const send = async (from: Browser, patch: Json = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '周报',
        body: doc('请查收'),
        audience: [{ kind: 'member', targetId: ids.E1002 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    assert.ok(r.ok, `${r.status} ${await r.clone().text()}`);
    return r;
  };
  const item = (page: Json, id: string) => page.items.find((i: Json) => i.message.id === id);
  /** The change, then every page checked; how many pages were answered by a patch, and how. */
  const patchedBy = async (what: string, change: () => Promise<unknown>) => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    await keptIsFresh(`before ${what}`);
    const [before, keys, known, delivered] = [cache.patched, cache.keysRead, cache.fromKnown, cache.fromDelivered];
    await change();
    const page = await keptIsFresh(what);
    return {
      page,
      patched: cache.patched - before,
      keysRead: cache.keysRead - keys,
      fromKnown: cache.fromKnown - known,
      fromDelivered: cache.fromDelivered - delivered,
    };
  };
  // On PostgreSQL nothing is noted (listing-cache.ts): the pages are read afresh, and still equal.
  const expect = (n: number) => (ENGINE === 'sqlite' ? n : 0);
  /** Moves the clock past an entry's 5-minute expiry (until the test ends): every page shows it expired, unpinned. */
  const shownExpiredAfterFiveMinutes = async (t: TestContext, id: string, what: string) => {
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 5 * 60_000 + 1_000 });
    const page = await keptIsFresh(what);
    assert.equal(item(page, id).message.expired, true);
    assert.equal(item(page, id).message.subject, '');
    assert.ok(!page.pinned.some((i: Json) => i.message.id === id), 'an expired entry is no longer pinned');
  };
  /**
   * After a test that moved the clock past an expiry and back: the kept pages show the entry expired, as they were
   * patched then. Archived in the other process, it leaves them, and they are read whole at the real time again.
   */
  const archivedThere = (id: string) =>
    ok(liThere.request('/api/v1/mailbox/batch', { method: 'POST', json: { action: 'archive', messageIds: [id] } }));

  test("a page made for the reader's name before a rename is not served under the new name (R11, review of issue \
15)", async () => {
    // The subject fills `{{name}}` with the reader's name, which authentication read before the page's stamp: a
    // rename committed between the two made a page with the old name, kept under the new stamp, served thereafter.
    const id = await send(zhang, { subject: 'Hello {{name}}' });
    const { subject } = await body(await li.request('/api/v1/me'));
    const name = subject.name as string;
    assert.ok(name);
    await keptIsFresh('before the rename');
    // Who that request authenticated as: only the subject is read for a page.
    const inFlight = { kind: 'member', subject } as unknown as Actor;
    const rename = (to: string) =>
      ok(adminThere.request(`/api/v1/members/${ids.E1002}`, { method: 'PATCH', json: { name: to } }));
    try {
      await rename(`${name} (renamed)`);
      // The request that authenticated before the rename reads its stamp and page after it.
      const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
      await plainInboxPage(demo.deps.db, inFlight, MailboxQuerySchema.parse({}), cache);
      const page = await keptIsFresh('after the rename');
      assert.equal(item(page, id).message.subject, `Hello ${name} (renamed)`);
    } finally {
      await rename(name);
    }
  });

  test('a delivery, read, confirmation, progress, tag, archive and restore made in another process show at \
once', async () => {
    let id = '';
    let page = await afterChange('a delivery', async () => {
      id = await send(zhangThere, { receiptRequired: true, dueAt: Date.now() + 86_400_000 });
    });
    assert.ok(item(page, id));
    page = await afterChange('a read', () => ok(liThere.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })));
    assert.ok(item(page, id).state.readAt);
    page = await afterChange('a confirmation', () =>
      ok(liThere.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })),
    );
    assert.ok(item(page, id).state.confirmedAt);
    page = await afterChange('progress', () =>
      ok(liThere.request(`/api/v1/mailbox/${id}/progress`, { method: 'PUT', json: { progress: 'in-progress' } })),
    );
    assert.equal(item(page, id).state.progress, 'in-progress');
    const tag = await body(
      await ok(liThere.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '跟进' } })),
    );
    const batch = (json: Json) => ok(liThere.request('/api/v1/mailbox/batch', { method: 'POST', json }));
    page = await afterChange('a tag', () => batch({ action: 'tag', tagId: tag.id, messageIds: [id] }));
    assert.deepEqual(item(page, id).state.tagIds, [tag.id]);
    page = await afterChange('a tag removed', () => batch({ action: 'untag', tagId: tag.id, messageIds: [id] }));
    assert.deepEqual(item(page, id).state.tagIds, []);
    page = await afterChange('an archive', () => batch({ action: 'archive', messageIds: [id] }));
    assert.equal(item(page, id), undefined);
    page = await afterChange('an unarchive', () => batch({ action: 'unarchive', messageIds: [id] }));
    assert.ok(item(page, id));
  });

  test("the sender's edit, recall and delete, a first message's recall under a reply, a sender's new \
name", async () => {
    const edited = await send(zhangThere, { subject: 'Before' });
    let page = await afterChange('an edit', () =>
      ok(zhangThere.request(`/api/v1/messages/${edited}`, { method: 'PATCH', json: { subject: 'After' } })),
    );
    assert.equal(item(page, edited).message.subject, 'After');

    const root = await send(zhangThere, {
      subject: 'Root',
      audience: [
        { kind: 'member', targetId: ids.E1002 },
        { kind: 'member', targetId: ids.E1003 },
      ],
    });
    const reply = (
      await body(
        await ok(wangThere.request(`/api/v1/messages/${root}/replies`, { method: 'POST', json: { body: doc('ok') } })),
      )
    ).id as string;
    page = await afterChange('a recall', () =>
      ok(zhangThere.request(`/api/v1/messages/${root}/recall`, { method: 'POST' })),
    );
    assert.equal(item(page, root).message.subject, '');
    assert.ok(item(page, root).message.recalledAt);
    assert.equal(item(page, reply).message.subject, '', "a reply hides its recalled first message's subject");

    page = await afterChange('a delete', () =>
      ok(zhangThere.request(`/api/v1/messages/${edited}`, { method: 'DELETE' })),
    );
    assert.equal(item(page, edited), undefined);

    page = await afterChange("a sender's new name", () =>
      ok(adminThere.request(`/api/v1/members/${ids.E1001}`, { method: 'PATCH', json: { name: '张三丰' } })),
    );
    assert.ok(
      page.items.some((i: Json) => i.message.sender.id === ids.E1001),
      'the renamed sender has messages on the page',
    );
    assert.ok(page.items.every((i: Json) => i.message.sender.id !== ids.E1001 || i.message.sender.name === '张三丰'));
  });

  test("this process's own deliveries and reads patch the kept pages (R9, R11): byte for byte a fresh read, only the \
changed items read again", async () => {
    const [me] = await demo.deps.db
      .select({ departmentId: members.departmentId })
      .from(members)
      .where(eq(members.employeeNo, 'E1002'));
    let id = '';
    // A subject with what JSON escapes, brackets and commas: the kept body's items are found by walking its bytes.
    const subject = '新的 "引号 \\ [x, {y';
    let r = await patchedBy('a delivery', async () => (id = await send(zhang, { subject })));
    assert.equal(item(r.page, id).message.subject, subject);
    assert.equal(r.patched, expect(2), 'the first page and the small page were patched');
    assert.equal(r.keysRead, 0, 'from the changed entry alone: which entries a page lists was not read');
    assert.equal(r.fromKnown, 0);
    assert.equal(r.fromDelivered, expect(2), 'the delivery read her new entry whole: nothing read but the stamp');
    r = await patchedBy('a read', () => ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })));
    assert.ok(item(r.page, id).state.readAt);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2), 'the read knew the entry whole: nothing read but the stamp');
    r = await patchedBy('marked unread', () => ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'DELETE' })));
    assert.equal(item(r.page, id).state.readAt, null);
    assert.equal(r.patched, expect(2));
    assert.equal(r.keysRead, 0);
    assert.equal(r.fromKnown, expect(2));
    r = await patchedBy('an urgent delivery (pinned)', async () => {
      id = await send(zhang, { subject: '紧急', priority: 'urgent', kind: 'urgent' });
    });
    assert.ok(r.page.pinned.some((i: Json) => i.message.id === id));
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromDelivered, expect(2), 'pinned on both pages from the note alone');
    r = await patchedBy('the urgent one read (no longer pinned)', () =>
      ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })),
    );
    assert.ok(!r.page.pinned.some((i: Json) => i.message.id === id));
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2), 'it left a list that is not full');
    r = await patchedBy('the urgent one marked unread (pinned again)', () =>
      ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'DELETE' })),
    );
    assert.ok(r.page.pinned.some((i: Json) => i.message.id === id));
    assert.equal(r.fromKnown, expect(2), 'listed on both pages: its item was kept');
    r = await patchedBy('a delivery that mentions her', async () => {
      id = await send(zhang, {
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: ids.E1002, label: '李四' } }] }],
        },
      });
    });
    assert.equal(item(r.page, id).state.mentioned, true);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromDelivered, expect(2), 'the row was read after the mention was flagged');
    r = await patchedBy('a delivery to her department (marked sent after its rows)', async () => {
      id = await send(zhang, { audience: [{ kind: 'department', targetId: me!.departmentId }] });
    });
    assert.ok(item(r.page, id));
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromDelivered, expect(2), 'a department: her new entry read in a second statement of the delivery');
    r = await patchedBy('three deliveries (the small page moves on)', async () => {
      for (const n of [1, 2, 3]) await send(zhang, { subject: `批 ${n}` });
    });
    assert.equal(r.patched, expect(2));
    assert.equal(r.keysRead, 0);
    assert.equal(r.fromDelivered, expect(2));
    // The entry just past the small page changed: where the entries past it lie is not known, so they are read.
    const small = await body(await li.request(PAGES[1]!));
    const third = (await body(await li.request(`${PAGES[1]}&cursor=${small.nextCursor}`))).items[0].message.id;
    const mark = await body(
      await ok(li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '过' } })),
    );
    r = await patchedBy('a tag on the entry past the small page', () =>
      ok(
        li.request('/api/v1/mailbox/batch', {
          method: 'POST',
          json: { action: 'tag', tagId: mark.id, messageIds: [third] },
        }),
      ),
    );
    assert.equal(r.patched, expect(2));
    assert.equal(r.keysRead, expect(1), 'the small page read its keys; the first page did not');
    // A read changes no entry's place: the entries past the page stay where they were, and nothing is read.
    r = await patchedBy('a read of the entry past the small page', () =>
      ok(li.request(`/api/v1/mailbox/${third}/read`, { method: 'POST' })),
    );
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2));
    const task = await send(zhang, { subject: '任务', receiptRequired: true, dueAt: Date.now() + 86_400_000 });
    r = await patchedBy('a confirmation', () => ok(li.request(`/api/v1/mailbox/${task}/confirm`, { method: 'POST' })));
    assert.ok(item(r.page, task).state.confirmedAt);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2));
    r = await patchedBy('progress', () =>
      ok(li.request(`/api/v1/mailbox/${task}/progress`, { method: 'PUT', json: { progress: 'done' } })),
    );
    assert.equal(item(r.page, task).state.progress, 'done');
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2));
    r = await patchedBy('a star', () => ok(li.request(`/api/v1/mailbox/${task}/star`, { method: 'PUT' })));
    assert.ok(item(r.page, task).state.starredAt);
    assert.equal(r.fromKnown, expect(2));
    r = await patchedBy('a snooze (not noted: the entry leaves the inbox)', () =>
      ok(li.request(`/api/v1/mailbox/${task}/snooze`, { method: 'PUT', json: { until: Date.now() + 3_600_000 } })),
    );
    assert.equal(item(r.page, task), undefined);
    assert.equal(r.patched, 0);
    r = await patchedBy('back from the snooze, unstarred', async () => {
      await ok(li.request(`/api/v1/mailbox/${task}/snooze`, { method: 'DELETE' }));
      await ok(li.request(`/api/v1/mailbox/${task}/star`, { method: 'DELETE' }));
    });
    assert.equal(item(r.page, task).state.starredAt, null);
    assert.equal(r.patched, 0, 'the snooze came first');
    const tag = await body(
      await ok(li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '本进程' } })),
    );
    const batch = (json: Json) => ok(li.request('/api/v1/mailbox/batch', { method: 'POST', json }));
    r = await patchedBy('a tag', () => batch({ action: 'tag', tagId: tag.id, messageIds: [task] }));
    assert.deepEqual(item(r.page, task).state.tagIds, [tag.id]);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, 0, 'a tag is read');
    // A read after a tag: the kept item's tags are the tag's, so the entry is read again, not taken from the read.
    r = await patchedBy('a tag, then a read', async () => {
      await batch({ action: 'untag', tagId: tag.id, messageIds: [task] });
      await ok(li.request(`/api/v1/mailbox/${task}/read`, { method: 'DELETE' }));
    });
    assert.deepEqual(item(r.page, task).state.tagIds, []);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, 0);
    r = await patchedBy('an archive of two (entries below move up)', () =>
      batch({ action: 'archive', messageIds: [task, id] }),
    );
    assert.equal(item(r.page, task), undefined);
    assert.equal(r.patched, expect(2));
    assert.equal(r.keysRead, expect(1), 'the full small page read which entries move up');
    r = await patchedBy('an unarchive', () => batch({ action: 'unarchive', messageIds: [task, id] }));
    assert.ok(item(r.page, task));
    assert.equal(r.patched, expect(2));
    // What this process did not note: read whole, never patched, and still what a fresh read answers.
    r = await patchedBy('a read in the other process', () =>
      ok(liThere.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })),
    );
    assert.equal(r.patched, 0);
    r = await patchedBy('a delivery here after one there', async () => {
      await send(zhangThere, { subject: '那边' });
      await send(zhang, { subject: '这边' });
    });
    assert.equal(r.patched, 0, 'the move made there is not one of the notes');
    r = await patchedBy("the sender's edit (not noted: it moves every recipient's version)", () =>
      ok(zhang.request(`/api/v1/messages/${id}`, { method: 'PATCH', json: { subject: '改过' } })),
    );
    assert.equal(item(r.page, id).message.subject, '改过');
    assert.equal(r.patched, 0);
    // The pages were just read whole: the next patch finds their items by walking the kept bytes (`locate`).
    r = await patchedBy('a read after the pages were read whole', () =>
      ok(li.request(`/api/v1/mailbox/${task}/read`, { method: 'DELETE' })),
    );
    assert.equal(item(r.page, task).state.readAt, null);
    assert.ok(r.page.items.some((i: Json) => i.message.subject === subject));
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromKnown, expect(2));
  });

  test('an urgent entry past the small page, marked unread, enters both pinned lists: patched from the unread where \
the page lists it, read where it does not (R9)', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const urgent = await send(zhang, { subject: '已读的紧急', priority: 'urgent', kind: 'urgent' });
    await ok(li.request(`/api/v1/mailbox/${urgent}/read`, { method: 'POST' }));
    await send(zhang);
    await send(zhang);
    await keptIsFresh('an urgent entry read, two newer ones');
    const small = await body(await li.request(PAGES[1]!));
    assert.ok(!small.items.some((i: Json) => i.message.id === urgent), 'past the small page');
    assert.ok(small.pinned.length < 20, 'a pinned list that is not full');
    const known = cache.fromKnown;
    await ok(li.request(`/api/v1/mailbox/${urgent}/read`, { method: 'DELETE' }));
    const page = await keptIsFresh('marked unread');
    assert.ok(
      page.pinned.some((i: Json) => i.message.id === urgent),
      'pinned again',
    );
    const both = await body(await li.request(PAGES[1]!));
    assert.ok(
      both.pinned.some((i: Json) => i.message.id === urgent),
      'pinned on the small page too',
    );
    assert.equal(cache.fromKnown - known, ENGINE === 'sqlite' ? 1 : 0, 'the first page only: the small one read it');
  });

  test('a second urgent delivery goes above the first in a pinned list that is not full (R9)', async () => {
    // The pinned entries must be in order however few there are: the newer urgent message first.
    const first = await send(zhang, { subject: '较早', priority: 'urgent' });
    await keptIsFresh('one more urgent');
    const second = await send(zhang, { subject: '较新', priority: 'urgent' });
    const page = await keptIsFresh('another urgent');
    assert.ok(page.pinned.length < 20, 'a list that is not full');
    const at = (id: string) => page.pinned.findIndex((i: Json) => i.message.id === id);
    assert.ok(at(second) >= 0 && at(second) < at(first), 'the newer one first');
  });

  test('a full list of pinned entries: one read leaves it, the first pinned entry past it moves up, read in the \
same statement (R9)', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const urgent: string[] = [];
    for (let i = 0; i < 22; i++) urgent.push(await send(zhang, { subject: `紧急 ${i}`, priority: 'urgent' }));
    let page = await keptIsFresh('22 urgent, unread');
    assert.equal(page.pinned.length, 20, 'a full list');
    const [patched, keys] = [cache.patched, cache.keysRead];
    const newest = urgent.at(-1)!;
    await ok(li.request(`/api/v1/mailbox/${newest}/read`, { method: 'POST' }));
    page = await keptIsFresh('the newest pinned one read');
    assert.ok(!page.pinned.some((i: Json) => i.message.id === newest));
    assert.equal(page.pinned.at(-1).message.id, urgent[1], 'the next one moved up');
    await ok(li.request(`/api/v1/mailbox/${newest}/read`, { method: 'DELETE' }));
    page = await keptIsFresh('marked unread again');
    assert.equal(page.pinned[0].message.id, newest);
    assert.equal(cache.patched - patched, ENGINE === 'sqlite' ? 4 : 0, 'both pages patched, twice');
    assert.equal(cache.keysRead - keys, 0, 'no page read its keys: the pinned one past the list came with the change');
  });

  test(
    'the changed entries read ahead of the stamp serve only the page they were read for',
    sqliteOnly('only the embedded engine notes changes, and the gate holds back reads through its client'),
    async () => {
      // R1 reads ahead for the kept page P1; meanwhile another request replaces P1 with P2, and a note moves the
      // version again with the same message: what R1 read (the pinned entry past P1's full list) must not patch P2.
      const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
      for (let i = 0; i < 22; i++) await send(zhang, { subject: `并发 ${i}`, priority: 'urgent' });
      const p1 = await keptIsFresh('a full pinned list');
      assert.equal(p1.pinned.length, 20);
      const z = await send(zhang, { subject: 'Z', priority: 'urgent' });
      const me = await body(await li.request('/api/v1/me'));
      const actor: Actor = {
        kind: 'member',
        subject: {
          kind: 'member',
          id: ids.E1002!,
          employeeNo: 'E1002',
          name: me.subject.name,
          email: null,
          locale: null,
        },
        grants: [],
        mustChangePassword: false,
        via: 'embed',
        appId: 'test',
      };
      // R1's reads wait until let go (a slow statement, a busy pool, a remote database).
      let letGo!: () => void;
      const gate = new Promise<void>((resolve) => (letGo = resolve));
      const client = demo.deps.db.$client;
      const slow = new Proxy(demo.deps.db, {
        get: (db, name) =>
          name === '$client'
            ? { execute: async (stmt: never) => (await gate, client.execute(stmt)) }
            : Reflect.get(db, name),
      });
      const r1 = plainInboxPage(slow, actor, MailboxQuerySchema.parse({}), cache);
      const p2 = await body(await li.request(PAGES[0]!)); // P2: Z pinned first, the last of P1 gone
      assert.equal(p2.pinned[0].message.id, z);
      await ok(li.request(`/api/v1/mailbox/${z}/read`, { method: 'POST' })); // Z leaves; P1's last comes back
      letGo();
      const answered = new TextDecoder().decode(await r1);
      const read = await (await same(li, fresh).request(PAGES[0]!)).text();
      assert.equal(answered, read);
      await keptIsFresh('after both');
    },
  );

  test('progress that makes an item longer, then shorter, on an entry listed and pinned: spliced into both lists, byte \
for byte a fresh read (S3, R9)', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const task = await send(zhang, {
      subject: '紧急任务',
      priority: 'urgent',
      kind: 'urgent',
      receiptRequired: true,
      dueAt: Date.now() + 86_400_000,
    });
    let page = await keptIsFresh('an urgent task, listed and pinned');
    assert.ok(item(page, task) && page.pinned.some((i: Json) => i.message.id === task));
    const known = cache.fromKnown;
    const note = '进行中 "引号" \\ 😀 </b> \u2028 第二段';
    await ok(
      li.request(`/api/v1/mailbox/${task}/progress`, { method: 'PUT', json: { progress: 'in-progress', note } }),
    );
    page = await keptIsFresh('progress with a note (the item grows)');
    assert.equal(item(page, task).state.progressNote, note);
    assert.ok(
      page.pinned.some((i: Json) => i.message.id === task),
      'still pinned: not yet confirmed',
    );
    await ok(li.request(`/api/v1/mailbox/${task}/progress`, { method: 'PUT', json: { progress: 'done' } }));
    page = await keptIsFresh('done, without a note (the item shrinks)');
    assert.equal(item(page, task).state.progressNote, null);
    assert.equal(cache.fromKnown - known, ENGINE === 'sqlite' ? 4 : 0, 'both pages, twice, from the notes alone');
  });

  test('a note is taken only once its transaction commits', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    await keptIsFresh('kept');
    const id = await send(zhang, { subject: '回滚' });
    await keptIsFresh('kept again');
    const before = cache.patched;
    // The same read as setRead's, noted, then rolled back: the version does not move, and the note must not exist.
    await assert.rejects(
      demo.deps.db.transaction(async (tx) => {
        await tx
          .update(mailbox)
          .set({ readAt: 1 })
          .where(and(eq(mailbox.messageId, id), eq(mailbox.ownerId, ids.E1002!)));
        await noteOwnChanges(tx, [{ ownerId: ids.E1002!, messageIds: [id], bumps: 1 }]);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    // A change of another message made elsewhere moves the version by one as that rolled-back read would have.
    await ok(
      liThere.request('/api/v1/mailbox/batch', { method: 'POST', json: { action: 'archive', messageIds: [id] } }),
    );
    const page = await keptIsFresh('after the rollback and a change elsewhere');
    assert.equal(item(page, id), undefined, 'archived there');
    assert.equal(cache.patched, before, 'not patched with the note of what was rolled back');
  });

  test('a total past the cap shows as capped, read whole and patched (R11)', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const at = 'update mailbox_counts set inbox = ? where owner_id = ?';
    const { rows } = await execute(demo.deps.db, 'select inbox from mailbox_counts where owner_id = ?', [ids.E1002]);
    await execute(demo.deps.db, at, [20_000, ids.E1002]);
    try {
      // Read whole (a change made elsewhere), then patched (a read made here).
      await ok(liThere.request('/api/v1/mailbox/batch', { method: 'POST', json: { action: 'read', filter: {} } }));
      let page = await keptIsFresh('read whole with 20,000 entries');
      assert.deepEqual([page.total, page.totalCapped], [10_000, true]);
      const before = cache.patched;
      const id = page.items[0].message.id as string;
      await ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'DELETE' }));
      page = await keptIsFresh('patched with 20,000 entries');
      assert.deepEqual([page.total, page.totalCapped], [10_000, true]);
      assert.equal(cache.patched - before, ENGINE === 'sqlite' ? 2 : 0);
    } finally {
      await execute(demo.deps.db, at, [Number(rows[0]![0]), ids.E1002]);
    }
  });

  test('a note asked in a nested transaction (a savepoint) rolled back alone is never taken', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const id = await send(zhang, { subject: '保存点' });
    await keptIsFresh('kept');
    const before = cache.patched;
    await demo.deps.db.transaction(async (tx) => {
      await assert.rejects(
        tx.transaction(async (sp) => {
          await sp
            .update(mailbox)
            .set({ readAt: 1 })
            .where(and(eq(mailbox.messageId, id), eq(mailbox.ownerId, ids.E1002!)));
          await noteOwnChanges(sp, [{ ownerId: ids.E1002!, messageIds: [id], bumps: 1 }]);
          throw new Error('rolled back alone');
        }),
        /rolled back alone/,
      );
    });
    // The same move of the version, made elsewhere to another entry: a note from the savepoint would misread it.
    const other = (await keptIsFresh('after the savepoint')).items.find((i: Json) => i.message.id !== id).message.id;
    await ok(liThere.request(`/api/v1/mailbox/${other}/read`, { method: 'DELETE' }));
    await keptIsFresh('after a change elsewhere');
    assert.equal(cache.patched, before);
  });

  test('an entry that expires is shown expired from that moment, with no write', async (t) => {
    const id = await send(zhangThere, {
      subject: 'Soon gone',
      expiresInMinutes: 5,
      priority: 'urgent',
      kind: 'urgent',
    });
    const before = await keptIsFresh('before the expiry');
    assert.equal(item(before, id).message.subject, 'Soon gone');
    assert.ok(before.pinned.some((i: Json) => i.message.id === id));
    await shownExpiredAfterFiveMinutes(t, id, 'after the expiry');
    mock.timers.reset();
    await archivedThere(id);
  });

  test('a delivery noted with its new entry (R6, R9): placeholders filled for the reader, an expiry that passes once \
the page showed it or before it is asked, a delivery followed by a read of it or of another entry, each byte for \
byte a fresh read', async (t) => {
    // Issue 19: the stored subject keeps its placeholders; each reader's row shows their own name and day.
    let id = '';
    let r = await patchedBy('a delivery with placeholders', async () => {
      id = await send(zhang, { subject: '{{name}} 的 {{date}} 周报', body: doc('{{ name }}，请查收') });
    });
    assert.match(item(r.page, id).message.subject, /^李四 的 \d{4}-\d{2}-\d{2} 周报$/);
    assert.equal(item(r.page, id).message.snippet, '李四，请查收');
    assert.equal(r.fromDelivered, expect(2));
    // The new entry's row was read in the delivery: one that is read before the page is asked is read again.
    r = await patchedBy('a delivery, then a read of it', async () => {
      id = await send(zhang, { subject: '读过' });
      await ok(li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' }));
    });
    assert.ok(item(r.page, id).state.readAt);
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromDelivered + r.fromKnown, 0, 'two notes name the message: its entry is read');
    const older = r.page.items.at(-1).message.id as string;
    r = await patchedBy('a delivery and a read of another entry', async () => {
      id = await send(zhang, { subject: '混合' });
      await ok(li.request(`/api/v1/mailbox/${older}/read`, { method: 'DELETE' }));
    });
    assert.ok(item(r.page, id));
    assert.equal(r.patched, expect(2));
    assert.equal(r.fromDelivered + r.fromKnown, 0, 'a mix of kinds is read');
    // A delivery older than the newest entries (a clock behind another server's): placed among the kept entries.
    const newest = r.page.items[0].message.id as string;
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: r.page.items[0].state.deliveredAt - 1 });
    r = await patchedBy('a delivery older than the newest entry', () => send(zhang, { subject: '晚到' }));
    mock.timers.reset();
    assert.equal(r.page.items[0].message.id, newest, 'not put first');
    assert.ok(r.page.items.some((i: Json) => i.message.subject === '晚到'));
    assert.equal(r.fromDelivered, expect(2));
    // An urgent delivery that expires after the page showed it: no write marks the change, the clock does.
    r = await patchedBy('an urgent delivery that expires', async () => {
      id = await send(zhang, { subject: '快过期', kind: 'urgent', priority: 'urgent', expiresInMinutes: 5 });
    });
    assert.ok(r.page.pinned.some((i: Json) => i.message.id === id));
    assert.equal(r.fromDelivered, expect(2));
    // Another delivery patches the pages again: the kept entry's expiry must still end them when it comes.
    r = await patchedBy('a plain delivery after it', () => send(zhang, { subject: '之后' }));
    assert.equal(r.fromDelivered, expect(2));
    await shownExpiredAfterFiveMinutes(t, id, 'after its expiry');
    // One that expires before the page is asked.
    r = await patchedBy('a delivery that has expired when the page is asked', async () => {
      id = await send(zhang, { subject: '已过期', expiresInMinutes: 1 });
      mock.timers.setTime(Date.now() + 61_000);
    });
    assert.equal(item(r.page, id).message.expired, true);
    assert.equal(r.fromDelivered, expect(2));
    mock.timers.reset();
    await archivedThere(id);
  });

  test("a delivery put first moves the page's `next` on: an archive and a delivery placed by it later read the \
right entries (R13)", async (t) => {
    // A minute ahead, so that these are the newest entries; each 100 ms apart.
    const t0 = Date.now() + 60_000;
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: t0 });
    const sentAt = async (offset: number, subject: string) => {
      mock.timers.setTime(t0 + offset);
      return send(zhang, { subject });
    };
    const k2 = await sentAt(0, 'k2');
    const k1 = await sentAt(100, 'k1');
    const k0 = await sentAt(200, 'k0');
    await keptIsFresh('three new entries'); // the small page: k0, k1; next k2
    let n = '';
    const r = await patchedBy('a delivery put first', async () => (n = await sentAt(300, 'N')));
    assert.equal(r.fromDelivered, expect(2));
    const ids = async () => (await body(await li.request(PAGES[1]!))).items.map((i: Json) => i.message.id);
    assert.deepEqual(await ids(), [n, k0]);
    // The small page's next is now k1: archiving k0 moves k1 up, and a delivery between k1 and k2 comes after it.
    await ok(li.request('/api/v1/mailbox/batch', { method: 'POST', json: { action: 'archive', messageIds: [k0] } }));
    const x = await sentAt(50, 'X');
    mock.timers.setTime(t0 + 400);
    await keptIsFresh('after the archive and the late delivery');
    assert.deepEqual(await ids(), [n, k1]);
    mock.timers.reset();
    await ok(
      liThere.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'archive', messageIds: [n, x, k1, k2] },
      }),
    );
  });

  test("a delivery to a department and a person patches each kept recipient's page from their own new entry \
(R6)", async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    const wang = await demo.as('E1003');
    const [wangDept] = await demo.deps.db
      .select({ departmentId: members.departmentId })
      .from(members)
      .where(eq(members.employeeNo, 'E1003'));
    const pages = async (b: Browser) => {
      for (const path of PAGES) await assertSameBody(await b.request(path), await same(b, fresh).request(path), path);
    };
    await keptIsFresh('李四 before');
    await pages(wang);
    const delivered = cache.fromDelivered;
    // Placeholders make each recipient's row their own: one taken for the other would show the wrong name.
    const id = await send(zhang, {
      subject: '{{name}} 请看',
      audience: [
        { kind: 'member', targetId: ids.E1002 },
        { kind: 'department', targetId: wangDept!.departmentId },
      ],
    });
    const liPage = await keptIsFresh('李四 after');
    await pages(wang);
    assert.equal(item(liPage, id).message.subject, '李四 请看');
    const wangPage = await body(await wang.request(PAGES[0]!));
    assert.ok(wangPage.items.find((i: Json) => i.message.id === id).message.subject.endsWith(' 请看'));
    assert.notEqual(wangPage.items.find((i: Json) => i.message.id === id).message.subject, '李四 请看');
    assert.equal(cache.fromDelivered - delivered, expect(4), 'both pages of each, from the notes alone');
  });

  test('a later page (any cursor) is read afresh, not kept: a flood of made-up cursors adds nothing', async () => {
    const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
    await ok(li.request(PAGES[0]!));
    const [size, bytes] = [cache.size, cache.bytes];
    for (let i = 0; i < 50; i++) {
      // Any [number, string] decodes as a cursor: each of these is a valid, distinct, empty later page.
      await ok(li.request(`/api/v1/mailbox?cursor=${encodeCursor(0, `${'x'.repeat(360)}${i}`)}`));
    }
    assert.deepEqual([cache.size, cache.bytes], [size, bytes]);
  });
});

describe('issue 15: the kept pages stay within HERALD_INBOX_CACHE_MB', () => {
  const stamp = { version: 1, names: 1 };
  const emptyPage = new TextEncoder().encode('{"items":[],"pinned":[],"nextCursor":null,"total":0,"folders":null}');
  const layout = () => ({ items: [], pinned: [], next: null, total: 0, located: false });

  test('many small pages under long keys: what they really take (body, key, the entry around them) stays in the \
bound', () => {
    const cache = new ListingCache(64 * 1024);
    const longKey = (i: number) => `${i}\n${'x'.repeat(500)}`;
    for (let i = 0; i < 10_000; i++) cache.set(longKey(i), stamp, 'Li', Infinity, emptyPage, layout());
    assert.ok(cache.bytes <= cache.maxBytes, `${cache.bytes} counted`);
    const taken = cache.size * (emptyPage.byteLength + 2 * longKey(0).length + ENTRY_OVERHEAD);
    assert.ok(taken <= cache.maxBytes, `${cache.size} pages take ~${taken} bytes`);
    assert.ok(cache.get(longKey(9_999), stamp, 'Li', 0), 'the most recent is kept');
  });

  test('notes, and the entries they know, are counted in the bound and dropped once no kept page can use them', () => {
    const cache = new ListingCache(1 << 20);
    cache.set('owner\n50', stamp, 'Li', Infinity, emptyPage, layout());
    const page = cache.bytes;
    const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
    // Each id as a string of its own (a batch's), with its slot.
    const each = NOTE_OVERHEAD + ids.reduce((n, id) => n + 24 + 2 * id.length, 0);
    for (let v = 1; v < 40; v++) cache.note('owner', v, v + 1, ids);
    assert.equal(cache.bytes - page, 32 * each, 'the newest 32 notes, counted');
    cache.note('owner', 40, 41, [...ids, ...ids]); // names more than a page shows: not kept
    assert.equal(cache.bytes - page, 32 * each);
    cache.note('nobody', 1, 2, ids); // no page kept for them: not kept
    assert.equal(cache.bytes - page, 32 * each);
    cache.set('owner\n50', { version: 41, names: 1 }, 'Li', Infinity, emptyPage, layout());
    assert.equal(cache.bytes, page, 'the page is past every note');
    // A delivery's new entry is kept with its note: its summary row's text is counted too.
    const row = JSON.stringify(['m', '周报'.repeat(300)]);
    cache.note('owner', 41, 42, ['m'], new Map([['m', { row, listed: true, total: 1 }]]));
    assert.equal(cache.bytes - page, NOTE_OVERHEAD + 24 + 2 + KNOWN_OVERHEAD + 2 * row.length);
    cache.set('owner\n50', { version: 42, names: 1 }, 'Li', Infinity, emptyPage, layout());
    assert.equal(cache.bytes, page);
    cache.note('owner', 42, 43, ids);
    cache.drop('owner\n50');
    assert.equal(cache.bytes, 0, 'forgotten with its owner');
  });

  test('a note taken while the page was being patched is kept for the next request', () => {
    const cache = new ListingCache(1 << 20);
    const v = (version: number) => ({ version, names: 1 });
    cache.set('owner\n50', v(1), 'Li', Infinity, emptyPage, layout());
    cache.note('owner', 1, 2, ['a']);
    assert.ok(cache.lookup('owner\n50', v(2), 'Li', 0), 'patchable');
    cache.note('owner', 2, 3, ['b']); // committed while that patch was read
    cache.set('owner\n50', v(2), 'Li', Infinity, emptyPage, layout());
    const next = cache.lookup('owner\n50', v(3), 'Li', 0);
    assert.ok(next && 'changed' in next && next.changed.has('b') && !next.changed.has('a'));
  });

  test('the number of pages is capped whatever the bytes', () => {
    const cache = new ListingCache(1 << 30, 100);
    for (let i = 0; i < 1_000; i++) cache.set(`${i}\n50`, stamp, 'Li', Infinity, emptyPage);
    assert.equal(cache.size, 100);
    assert.ok(
      cache.get('999\n50', stamp, 'Li', 0) && !cache.get('0\n50', stamp, 'Li', 0),
      'the least recently used go first',
    );
  });
});
