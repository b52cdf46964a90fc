// Issue 15: a big live fan-out goes before requests. The pages that already have an urgent message ask for their list
// while the hub still writes the others' frames; answered first, those requests put the last frame seconds behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../app.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import type { Browser } from '../../testing/http.js';
import { loopBudget } from '../../db/write-queue.js';
import { publishEvent } from './service.js';

describe('issue 15: a big fan-out goes first', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  const budget = loopBudget.ms;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    loopBudget.ms = 0; // the fan-out yields before every frame, as a long one does every 20 ms
  });
  after(() => {
    loopBudget.ms = budget;
    deps.cleanup();
  });

  /** `n` open streams (subscribers in this process), one event each; answers the order things happened in. */
  async function fanOut(n: number) {
    const log: string[] = [];
    let asked: Promise<unknown> | undefined;
    const offs = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        deps.live.subscribe(
          { kind: 'member', id: `fan-${i}` },
          {
            push: (e) => {
              if (e.type !== 'test.fan') return;
              log.push('frame');
              // The first page to have it asks for something at once, as the inbox does.
              asked ??= admin.request('/api/v1/me').then((res) => log.push(`answer ${res.status}`));
            },
            close: () => {},
          },
        ),
      ),
    );
    await deps.db.transaction((tx) =>
      publishEvent(
        tx,
        Array.from({ length: n }, (_, i) => ({ kind: 'member' as const, id: `fan-${i}` })),
        'test.fan',
        {},
      ),
    );
    deps.live.wake();
    const deadline = Date.now() + 20_000;
    while (log.filter((x) => x === 'frame').length < n || !log.some((x) => x.startsWith('answer'))) {
      if (Date.now() > deadline) throw new Error(`fan-out of ${n}: ${log.length} things happened`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await asked;
    offs.forEach((off) => off());
    return log;
  }

  test('a request made while 300 frames are written is answered after the last of them', async () => {
    const log = await fanOut(300);
    assert.equal(log.at(-1), 'answer 200', `answered before the fan-out ended: at ${log.indexOf('answer 200')}`);
  });

  test('a small fan-out does not hold requests up', async () => {
    const log = await fanOut(20);
    assert.equal(log.filter((x) => x === 'frame').length, 20);
    assert.equal(deps.live.fanOut(), undefined);
  });
});
