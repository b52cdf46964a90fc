// Issue 15: kept inbox pages, patched after this process's own changes (listing-cache.ts, listing-patch.ts), compared
// with a server keeping nothing after random sequences of what people do: deliveries (urgent or not, tasks, subjects
// with what JSON escapes, two at the same millisecond), reads and unreads, confirmations, progress, stars, batch
// actions on a few entries and on more than a patch reads one by one, and changes made in another process. The pages
// are read after some steps only, so a kept page may be several changes behind, its own and another process's mixed.
// Each time, every kept first page — from 1 entry to 50 — must be byte for byte what a fresh read answers (R9, R11,
// R12).
// Each seed runs on a database of its own: a failure names its seed and step, and that seed alone replays it.
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { createApp } from '../../app.js';
import { ENGINE } from '../../db/engine.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { seededRandom } from '../../testing/random.js';
import { body, Browser } from '../../testing/http.js';
import { assertSameBody } from '../../testing/same-body.js';
import { secondProcess } from '../../testing/second-process.js';
import { BATCH_ACTIONS } from './batch.js';
import { listingCache } from './listing-cache.js';
import { FEW_CHANGED } from './listing-patch.js';

/**
 * Seeds and how urgent 李四's mail is: mostly (the pinned list full, or nearly, from the first step), or seldom (a short
 * pinned list, which reads, unreads and confirmations change without a full list to fall back on).
 */
const SEEDS = [
  { seed: 1, urgent: 0.85 },
  { seed: 2, urgent: 0.85 },
  { seed: 3, urgent: 0.85 },
  { seed: 4, urgent: 0.85 },
  { seed: 5, urgent: 0.3 },
  { seed: 6, urgent: 0.3 },
];
const STEPS = 60;
const LIMITS = [1, 2, 3, 7, 50];
const SUBJECTS = ['周报', '新的 "引号 \\ [x, {y', '}]},', '😀 &lt;/b> &amp;', '紧急 ⚠'];
/** A batch on more entries than a patch reads one by one: then it reads which entries the page lists. */
const MANY = FEW_CHANGED + 1;
/** Messages 李四 has received before the first step. */
const INBOX = 25;

/** 李四's inbox and everyone who changes it: this process, another one on the same database, and a fresh reader. */
async function world() {
  const ids: Record<string, string> = {};
  const demo = await demoApp(ids);
  const other = secondProcess(demo.deps);
  const close = () => {
    other.close();
    demo.deps.cleanup();
  };
  const same = (b: Browser, app: ReturnType<typeof createApp>) =>
    Object.assign(new Browser(app), { cookie: b.cookie, csrf: b.csrf });
  let li: Browser, zhang: Browser;
  const tags: string[] = [];
  try {
    li = await demo.as('E1002');
    zhang = await demo.as('E1001', 'sender');
    for (const name of ['随机', '批量']) {
      const res = await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name } });
      assert.equal(res.status, 201);
      tags.push((await body(res)).id as string);
    }
  } catch (err) {
    close(); // the test's own `finally` has nothing to close yet
    throw err;
  }
  return {
    ids,
    li,
    liFresh: same(li, createApp({ ...demo.deps, config: { ...demo.deps.config, inboxCacheMb: 0 } })),
    liThere: same(li, other.app),
    zhang,
    zhangThere: same(zhang, other.app),
    /** One tag for the few-entry batches, one for the batches on many. */
    tags: tags as [string, string],
    cache: listingCache(demo.deps.db, demo.deps.config.inboxCacheMb)!,
    close,
  };
}

describe('issue 15: kept inbox pages under random changes', () => {
  for (const { seed, urgent: urgentShare } of SEEDS)
    test(`seed ${seed}: ${STEPS} random steps leave every kept page as a fresh read (R9, R11, R12)`, async () => {
      const r = seededRandom(seed);
      const w = await world();
      try {
        /** Every message delivered to 李四, whether it has a due date (progress needs one), and where it is. */
        const received: Array<{ id: string; task: boolean; trash: boolean; many: boolean }> = [];
        // Steps the API carried out (a delivery, a 2xx, a batch that changed entries); a refusal is a step too.
        let carried = 0;
        let manyChanged = 0; // batches that changed more entries than a patch reads one by one
        const everyPageIsFresh = async (what: string) => {
          for (const limit of LIMITS) {
            const path = `/api/v1/mailbox?limit=${limit}`;
            await assertSameBody(await w.li.request(path), await w.liFresh.request(path), `${what}: limit ${limit}`);
          }
        };
        /** Half the time one of the newest: where the small pages and the entries just past them are. */
        const one = () => r.pick(r.chance(0.5) ? received.slice(-8) : received);
        const send = async (from: Browser, urgent = r.chance(Math.min(0.5, urgentShare))) => {
          const task = r.chance(0.25);
          const res = await from.request('/api/v1/messages', {
            method: 'POST',
            json: {
              kind: urgent ? 'urgent' : 'internal',
              priority: urgent ? 'urgent' : 'normal',
              subject: r.pick(SUBJECTS),
              body: doc('请查收'),
              receiptRequired: task || r.chance(0.2),
              ...(task ? { dueAt: Date.now() + 86_400_000 } : {}),
              audience: [{ kind: 'member', targetId: w.ids.E1002 }],
            },
          });
          assert.equal(res.status, 201, await res.clone().text());
          received.push({ id: (await body(res)).id as string, task, trash: false, many: false });
          return true;
        };
        /** An answer that is not a server error; whether it was a success. */
        const ok = async (res: Response | Promise<Response>) => {
          const answer = await res;
          if (answer.status >= 500) assert.fail(`${answer.status} ${await answer.text()}`);
          return answer.ok;
        };
        /** What `from` does to one entry (`/api/v1/mailbox/{id}/{what}`), once there is one. */
        const onOne = async (from: Browser, what: string, init: RequestInit) =>
          received.length > 0 && ok(from.request(`/api/v1/mailbox/${one().id}/${what}`, init));
        /** A batch by 李四 here: whether it changed anything, and how many. */
        const batch = async (action: string, entries: typeof received, tagId?: string) => {
          const res = await w.li.request('/api/v1/mailbox/batch', {
            method: 'POST',
            json: { action, messageIds: entries.map((e) => e.id), ...(tagId ? { tagId } : {}) },
          });
          if (!(await ok(res))) return 0;
          // All or nothing: every entry named is where the action puts it.
          if (action === 'delete' || action === 'restore') for (const e of entries) e.trash = action === 'delete';
          return (await body(res)).changed as number;
        };
        const steps: Array<[name: string, weight: number, run: () => Promise<boolean>]> = [
          ['a delivery', 6, () => send(w.zhang)],
          ['two deliveries', 1, async () => (await send(w.zhang), send(w.zhang))],
          [
            // Two entries delivered at the same millisecond: the list orders them by message id.
            'two deliveries at the same millisecond',
            1,
            async () => {
              const at = Date.now();
              const frozen = mock.method(Date, 'now', () => at);
              try {
                await send(w.zhang);
                return await send(w.zhang);
              } finally {
                frozen.mock.restore();
              }
            },
          ],
          // Enough urgent ones, now and then, to fill the pinned list (20) and go past it.
          [
            'three urgent deliveries',
            1,
            async () => (await send(w.zhang, true), await send(w.zhang, true), send(w.zhang, true)),
          ],
          ['a delivery made elsewhere', 1, () => send(w.zhangThere)],
          ['a read', 4, () => onOne(w.li, 'read', { method: 'POST' })],
          ['an unread', 3, () => onOne(w.li, 'read', { method: 'DELETE' })],
          ['a read elsewhere', 1, () => onOne(w.liThere, 'read', { method: 'POST' })],
          ['a confirmation', 2, () => onOne(w.li, 'confirm', { method: 'POST' })],
          ['a star or unstar', 2, () => onOne(w.li, 'star', { method: r.chance(0.5) ? 'PUT' : 'DELETE' })],
          [
            'progress',
            1,
            async () => {
              const tasks = received.filter((m) => m.task);
              if (!tasks.length) return false;
              const progress = r.pick(['not-started', 'in-progress', 'done'] as const);
              const path = `/api/v1/mailbox/${r.pick(tasks).id}/progress`;
              // A note now and then, with what JSON escapes and characters of several bytes: the item grows or shrinks.
              const note = r.chance(0.5) ? r.pick(SUBJECTS) : null;
              return ok(w.li.request(path, { method: 'PUT', json: { progress, note } }));
            },
          ],
          [
            'a batch on a few entries',
            5,
            async () => {
              if (!received.length) return false;
              const action = r.pick(BATCH_ACTIONS);
              const entries = [...new Set(Array.from({ length: 1 + r.int(3) }, one))];
              return (await batch(action, entries, action === 'tag' || action === 'untag' ? w.tags[0] : undefined)) > 0;
            },
          ],
          [
            'a batch on many entries',
            2,
            async () => {
              // Tagged or untagged with their own tag, so that every one of them changes.
              const tag = r.chance(0.5);
              const entries = r.some(
                received.filter((e) => !e.trash && e.many !== tag),
                MANY + r.int(4),
              );
              if (entries.length < MANY) return false;
              const count = await batch(tag ? 'tag' : 'untag', entries, w.tags[1]);
              if (count) for (const e of entries) e.many = tag;
              if (count >= MANY) manyChanged++;
              return count > 0;
            },
          ],
        ];
        const total = steps.reduce((n, [, weight]) => n + weight, 0);
        // A working inbox to begin with: more entries than the largest small page and than a batch on many, urgent as
        // the seed says.
        for (let i = 0; i < INBOX; i++) await send(w.zhang, r.chance(urgentShare));
        await everyPageIsFresh(`seed ${seed}, before its first step`);
        for (let step = 0; step < STEPS; step++) {
          let at = r.int(total);
          const [name, , run] = steps.find(([, weight]) => (at -= weight) < 0)!;
          if (await run()) carried++;
          // Read after some steps only: a kept page may be several changes behind, here and elsewhere.
          if (r.chance(0.4) || step === STEPS - 1) await everyPageIsFresh(`seed ${seed}, step ${step}: ${name}`);
        }
        // The steps were carried out, a batch changed many entries at once, and (on the embedded engine, which notes
        // its own changes) pages were patched.
        assert.ok(carried >= STEPS / 2, `${carried} of ${STEPS} steps were carried out`);
        assert.ok(manyChanged > 0, `no batch changed more than ${FEW_CHANGED} entries`);
        if (ENGINE === 'sqlite') assert.ok(w.cache.patched >= STEPS, `${w.cache.patched} pages patched`);
        // Some of them from what reads, confirmations, progress and stars knew of their entries, with nothing read.
        if (ENGINE === 'sqlite') assert.ok(w.cache.fromKnown > 0, 'no page was patched from known entries alone');
        // And some from what deliveries read of their new entries (people picked one by one), with nothing read.
        if (ENGINE === 'sqlite') assert.ok(w.cache.fromDelivered > 0, 'no page was patched from deliveries alone');
      } finally {
        w.close();
      }
    });
});
