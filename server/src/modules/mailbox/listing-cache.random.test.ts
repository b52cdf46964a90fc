// Issue 15: kept inbox pages, patched after this process's own changes (listing-cache.ts, listing-patch.ts), compared
// with a server keeping nothing after random sequences of what people do: deliveries (urgent or not, tasks, subjects
// with what JSON escapes), reads and unreads, confirmations, progress, and batch actions on one to twenty entries,
// made in this process or in another one. After every step, every kept first page — from 1 entry to 50 — must be
// byte for byte what a fresh read answers (R9, R11, R12). The seeds are fixed: a failure names its seed and step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../app.js';
import { ENGINE } from '../../db/engine.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, Browser } from '../../testing/http.js';
import { assertSameText } from '../../testing/same-text.js';
import { secondProcess } from '../../testing/second-process.js';
import { BATCH_ACTIONS } from './batch.js';
import { listingCache } from './listing-cache.js';

const SEEDS = [1, 2, 3, 4];
const STEPS = 60;
const LIMITS = [1, 2, 3, 7, 50];
const SUBJECTS = ['周报', '新的 "引号 \\ [x, {y', '}]},', '😀 &lt;/b> &amp;', '紧急 ⚠'];

/** A small seeded generator (mulberry32): the same seed, the same steps. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}

describe('issue 15: kept inbox pages under random changes', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let other: ReturnType<typeof secondProcess>;
  let li: Browser, liFresh: Browser, liThere: Browser;
  let zhang: Browser, zhangThere: Browser;
  let tagId = '';
  const ids: Record<string, string> = {};
  /** Every message delivered to 李四 here, with whether it has a due date (progress needs one). */
  const received: Array<{ id: string; task: boolean }> = [];

  const same = (b: Browser, app: ReturnType<typeof createApp>) =>
    Object.assign(new Browser(app), { cookie: b.cookie, csrf: b.csrf });
  before(async () => {
    demo = await demoApp(ids);
    other = secondProcess(demo.deps);
    li = await demo.as('E1002');
    liFresh = same(li, createApp({ ...demo.deps, config: { ...demo.deps.config, inboxCacheMb: 0 } }));
    liThere = same(li, other.app);
    zhang = await demo.as('E1001', 'sender');
    zhangThere = same(zhang, other.app);
    const tag = await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '随机' } });
    assert.equal(tag.status, 201);
    tagId = (await body(tag)).id as string;
  });
  after(() => {
    other.close();
    demo.deps.cleanup();
  });

  /** Each kept first page against a fresh read; also what keeps them for the next step. */
  const everyPageIsFresh = async (what: string) => {
    for (const limit of LIMITS) {
      const path = `/api/v1/mailbox?limit=${limit}`;
      const kept = await (await li.request(path)).text();
      assertSameText(kept, await (await liFresh.request(path)).text(), `${what}: limit ${limit}`);
    }
  };

  for (const seed of SEEDS)
    test(`seed ${seed}: ${STEPS} random steps leave every kept page as a fresh read (R9, R11, R12)`, async () => {
      const r = random(seed);
      const cache = listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!;
      const patchedBefore = cache.patched;
      let done = 0; // steps the API carried out (2xx); a refusal (an entry in the trash, say) is a step too
      const call = async (res: Promise<Response>) => {
        const answer = await res;
        assert.ok(answer.status < 500, `${answer.status} ${await answer.clone().text()}`);
        if (answer.ok) done++;
      };
      // Half the time one of the newest: where the small pages and the entries just past them are.
      const some = () => (received.length ? r.pick(r.next() < 0.5 ? received.slice(-8) : received).id : undefined);
      /** What `from` does to one entry (`/api/v1/mailbox/{id}/{what}`), once there is one. */
      const onOne = async (from: Browser, what: string, init: RequestInit) => {
        const id = some();
        if (id) await call(from.request(`/api/v1/mailbox/${id}/${what}`, init));
      };
      const send = async (from: Browser, urgent = r.next() < 0.5) => {
        const task = r.next() < 0.25;
        const res = await from.request('/api/v1/messages', {
          method: 'POST',
          json: {
            kind: urgent ? 'urgent' : 'internal',
            priority: urgent ? 'urgent' : 'normal',
            subject: r.pick(SUBJECTS),
            body: doc('请查收'),
            receiptRequired: task || r.next() < 0.2,
            ...(task ? { dueAt: Date.now() + 86_400_000 } : {}),
            audience: [{ kind: 'member', targetId: ids.E1002 }],
          },
        });
        assert.equal(res.status, 201, await res.clone().text());
        received.push({ id: (await body(res)).id as string, task });
        done++;
      };
      const steps: Array<[name: string, weight: number, run: () => Promise<unknown>]> = [
        ['a delivery', 6, () => send(zhang)],
        ['two deliveries', 1, async () => (await send(zhang), send(zhang))],
        // Enough urgent ones, now and then, to fill the pinned list (20) and go past it.
        [
          'three urgent deliveries',
          1,
          async () => (await send(zhang, true), await send(zhang, true), send(zhang, true)),
        ],
        ['a delivery made elsewhere', 1, () => send(zhangThere)],
        ['a read', 4, () => onOne(li, 'read', { method: 'POST' })],
        ['an unread', 3, () => onOne(li, 'read', { method: 'DELETE' })],
        ['a read elsewhere', 1, () => onOne(liThere, 'read', { method: 'POST' })],
        ['a confirmation', 2, () => onOne(li, 'confirm', { method: 'POST' })],
        [
          'progress',
          1,
          async () => {
            const tasks = received.filter((m) => m.task);
            if (!tasks.length) return;
            const progress = r.pick(['not-started', 'in-progress', 'done'] as const);
            await call(
              li.request(`/api/v1/mailbox/${r.pick(tasks).id}/progress`, { method: 'PUT', json: { progress } }),
            );
          },
        ],
        [
          'a batch',
          5,
          async () => {
            if (!received.length) return;
            const action = r.pick(BATCH_ACTIONS);
            // Mostly a few entries; now and then more than a patch reads one by one (listing-patch.ts FEW_CHANGED).
            const count = r.next() < 0.15 ? 20 : 1 + r.int(3);
            const messageIds = [...new Set(Array.from({ length: count }, () => some()!))];
            const json = { action, messageIds, ...(action === 'tag' || action === 'untag' ? { tagId } : {}) };
            await call(li.request('/api/v1/mailbox/batch', { method: 'POST', json }));
          },
        ],
      ];
      const total = steps.reduce((n, [, w]) => n + w, 0);
      await everyPageIsFresh(`seed ${seed}, before its first step`);
      for (let step = 0; step < STEPS; step++) {
        let w = r.int(total);
        const [name, , run] = steps.find(([, weight]) => (w -= weight) < 0)!;
        await run();
        await everyPageIsFresh(`seed ${seed}, step ${step}: ${name}`);
      }
      // The steps changed the inbox, and (on the embedded engine, which notes its own changes) pages were patched.
      assert.ok(done >= STEPS / 2, `${done} of ${STEPS} steps were carried out`);
      if (ENGINE === 'sqlite')
        assert.ok(cache.patched - patchedBefore >= STEPS, `${cache.patched - patchedBefore} patched`);
    });
});
