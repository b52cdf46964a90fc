import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { openDatabase } from '../../db/client.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { readSse } from '../../testing/sse.js';
import { members } from '../org/schema.js';
import { LiveHub } from './hub.js';
import { publishEvent } from './service.js';

const listen = (app: ReturnType<typeof createApp>) => new Promise<{ server: ServerType; url: string }>((resolve) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
});

describe('GET /api/v1/live: server-sent events over real HTTP', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let a: { server: ServerType; url: string };
  let b: { server: ServerType; url: string };
  let bHub: LiveHub;
  let bDb: ReturnType<typeof openDatabase>;
  let cookie: string;
  let adminId: string;

  before(async () => {
    deps = await testDeps({ HERALD_LIVE_HEARTBEAT_MS: '150' });
    const appA = createApp(deps);
    a = await listen(appA);
    // A second server on the same database file, with its own connections and hub: a second process.
    bDb = openDatabase(deps.config.databaseUrl);
    bHub = new LiveHub(bDb, 25);
    b = await listen(createApp({ ...deps, db: bDb, live: bHub }));
    cookie = (await adminBrowser(appA, deps.db)).cookie;
    [{ id: adminId }] = await deps.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, 'admin')) as [{ id: string }];
  });
  after(() => {
    for (const s of [a.server, b.server]) { s.close(); (s as unknown as { closeAllConnections(): void }).closeAllConnections(); } bHub.close(); bDb.$client.close(); deps.cleanup();
  });

  const open = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/api/v1/live`, { headers: { cookie, ...headers } });
  const publish = (type: string, payload: object) => deps.db.transaction((tx) => publishEvent(tx, [{ kind: 'member', id: adminId }], type, payload));

  test('refuses anonymous callers with problem+json', async () => {
    const res = await fetch(`${a.url}/api/v1/live`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  });

  test('delivers events written by another process, with heartbeats, and resumes with Last-Event-ID', async () => {
    const res = await open(b.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/event-stream/);
    const stream = readSse(res);
    const ready = await stream.nextEvent();
    assert.equal(ready?.event, 'ready');

    await publish('test.hello', { n: 1 }); // written through server A's connections
    const first = await stream.nextEvent();
    assert.equal(first?.event, 'test.hello');
    assert.equal(JSON.parse(first!.data!).n, 1);
    assert.ok(Number(first!.id) > Number(ready!.id));

    let sawHeartbeat = false;
    for (let i = 0; i < 5 && !sawHeartbeat; i++) sawHeartbeat = (await stream.next())?.comment === 'heartbeat';
    assert.ok(sawHeartbeat, 'a heartbeat comment arrives on an idle stream');
    await stream.cancel();

    await publish('test.hello', { n: 2 });
    await publish('test.hello', { n: 3 });
    const resumed = readSse(await open(a.url, { 'last-event-id': first!.id! }));
    const got = [await resumed.nextEvent(), await resumed.nextEvent(), await resumed.nextEvent()];
    assert.deepEqual(got.map((e) => e?.event), ['test.hello', 'test.hello', 'ready']);
    assert.deepEqual(got.slice(0, 2).map((e) => JSON.parse(e!.data!).n), [2, 3], 'exactly the missed events, in order');
    await publish('test.hello', { n: 4 });
    assert.equal(JSON.parse((await resumed.nextEvent())!.data!).n, 4, 'then live ones');
    await resumed.cancel();
  });

  test("a member never receives another member's events", async () => {
    const stream = readSse(await open(a.url));
    await stream.nextEvent();
    await deps.db.transaction((tx) => publishEvent(tx, [{ kind: 'member', id: 'someone-else' }], 'test.private', {}));
    await publish('test.mine', {});
    assert.equal((await stream.nextEvent())?.event, 'test.mine');
    await stream.cancel();
  });

  test('closing the hub (shutdown) ends open streams', async () => {
    const stream = readSse(await open(b.url));
    await stream.nextEvent();
    bHub.close();
    assert.equal(await stream.nextEvent(), null, 'the stream ended');
  });
});
