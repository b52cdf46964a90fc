// Issue 15: an urgent message's frames to many open streams go before requests. The pages that already have it ask for
// their list while the hub still writes the others' frames; answered first, those requests put the last frame seconds
// behind. Bounded: only extended events (an urgent message's alert), only to 200 streams or more, and not again within
// a pause after the last time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../app.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import type { Browser } from '../../testing/http.js';
import { loopBudget } from '../../db/write-queue.js';
import { publishEvent } from './service.js';
import { fanOutFirst } from './hub.js';

describe('issue 15: a big urgent fan-out goes first', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  const budget = loopBudget.ms;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    loopBudget.ms = 0; // the fan-out yields before every frame, as a long one does every 20 ms
    // Stands in for the urgent alert's extension (messages/urgent-alert.ts): every `test.alert` event is extended.
    deps.live.extend('test.alert', async (events) => new Map(events.map((e) => [e.seq, '"alert":{}'])));
  });
  after(() => {
    loopBudget.ms = budget;
    deps.cleanup();
  });

  let round = 0;
  /** `n` open streams (subscribers in this process), one `type` event each; the order things happened in. */
  async function fanOut(n: number, type: string) {
    const log: string[] = [];
    let asked: Promise<unknown> | undefined;
    const audience = Array.from({ length: n }, (_, i) => ({ kind: 'member' as const, id: `fan-${round}-${i}` }));
    round++;
    const offs = await Promise.all(
      audience.map((a) =>
        deps.live.subscribe(a, {
          push: (e) => {
            if (e.type !== type) return;
            log.push(deps.live.fanningOut ? 'frame, held' : 'frame');
            // The first page to have it asks for something at once, as the inbox does.
            asked ??= admin.request('/api/v1/me').then((res) => log.push(`answer ${res.status}`));
          },
          close: () => {},
        }),
      ),
    );
    await deps.db.transaction((tx) => publishEvent(tx, audience, type, {}));
    deps.live.wake();
    const deadline = Date.now() + 20_000;
    while (log.filter((x) => x.startsWith('frame')).length < n || !log.some((x) => x.startsWith('answer'))) {
      if (Date.now() > deadline) throw new Error(`fan-out of ${n}: ${log.length} things happened`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await asked;
    offs.forEach((off) => off());
    return log;
  }

  test('events that carry nothing extra, and small fan-outs, hold nothing', async () => {
    const plain = await fanOut(300, 'test.plain');
    assert.ok(plain.every((x) => x !== 'frame, held'));
    const small = await fanOut(20, 'test.alert');
    assert.ok(small.every((x) => x !== 'frame, held'));
  });

  test('a request made while an urgent message goes to 300 streams is answered after the last frame', async () => {
    const bounds = { ...fanOutFirst };
    // Long bounds: the test must not depend on speed (a slow day's fan-out past 2 s would let the request go).
    Object.assign(fanOutFirst, { maxMs: 3_600_000, minPauseMs: 3_600_000 });
    try {
      const log = await fanOut(300, 'test.alert');
      assert.equal(log.at(-1), 'answer 200', `answered before the fan-out ended: at ${log.indexOf('answer 200')}`);
      assert.ok(log.slice(0, -1).every((x) => x === 'frame, held'));
      // Not again within the pause after it: a sender cannot hold everyone's requests back-to-back.
      const again = await fanOut(300, 'test.alert');
      assert.ok(
        again.every((x) => x !== 'frame, held'),
        'no hold within the pause',
      );
    } finally {
      Object.assign(fanOutFirst, bounds);
    }
  });
});
