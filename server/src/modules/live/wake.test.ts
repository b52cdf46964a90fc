// Issue 15: an event published by this process reaches its open streams without waiting for the poll interval (the
// hub is woken by the publish); with a 10 s interval, the event arriving within the reader's 3 s is the signal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../../app.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { readSse } from '../../testing/sse.js';
import { publishEvent } from './service.js';
import { execute } from '../../db/prepared.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => {
  deps = await testDeps({ HERALD_LIVE_POLL_MS: '10000' });
});
after(() => deps.cleanup());

test('issue 15: a local publish wakes the hub: the stream gets the event before the next poll', async () => {
  const app = createApp(deps);
  const admin = await adminBrowser(app, deps.db);
  const me = {
    id: (await execute(deps.db, "select id from members where employee_no = 'admin'")).rows[0]![0] as string,
  };
  const stream = readSse(await admin.request('/api/v1/live'));
  assert.equal((await stream.nextEvent())?.event, 'ready');
  // Published after a delay inside the transaction: the first wake-up polls before the commit and finds nothing.
  await deps.db.transaction(async (tx) => {
    await publishEvent(tx, [{ kind: 'member', id: me.id }], 'test.woken', {});
    await new Promise((r) => setTimeout(r, 30));
  });
  assert.equal((await stream.nextEvent(3000))?.event, 'test.woken');
  await stream.cancel();
});
