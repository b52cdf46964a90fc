import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { memberBrowser } from '../../testing/matrix.js';
import { readSse } from '../../testing/sse.js';
import { members } from '../org/schema.js';
import { LiveHub } from './hub.js';
import { publishEvent } from './service.js';
import { execute } from '../../db/prepared.js';

const listen = (app: ReturnType<typeof createApp>) =>
  new Promise<{ server: ServerType; url: string }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
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
    [{ id: adminId }] = (await deps.db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.employeeNo, 'admin'))) as [{ id: string }];
  });
  after(() => {
    for (const s of [a.server, b.server]) {
      s.close();
      (s as unknown as { closeAllConnections(): void }).closeAllConnections();
    }
    bHub.close();
    void closeDatabase(bDb);
    deps.cleanup();
  });

  const open = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/v1/live`, { headers: { cookie, ...headers } });
  const publish = (type: string, payload: object) =>
    deps.db.transaction((tx) => publishEvent(tx, [{ kind: 'member', id: adminId }], type, payload));

  test('refuses anonymous callers with problem+json', async () => {
    const res = await fetch(`${a.url}/api/v1/live`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  });

  test('issue 15: a malformed Last-Event-ID is a 400 validation problem naming the header', async () => {
    const res = await open(a.url, { 'last-event-id': '12abc' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const problem = (await res.json()) as { code: string; errors: Array<{ path: string }> };
    assert.equal(problem.code, 'validation');
    assert.deepEqual(
      problem.errors.map((e) => e.path),
      ['last-event-id'],
    );
  });

  test('delivers events written by another process, with heartbeats, and resumes with Last-Event-ID', async () => {
    const res = await open(b.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/event-stream/);
    assert.equal(res.headers.get('x-accel-buffering'), 'no', 'nginx is asked not to buffer the stream');
    assert.equal(res.headers.get('connection'), 'close', "the stream is its connection's last answer");
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
    assert.deepEqual(
      got.map((e) => e?.event),
      ['test.hello', 'test.hello', 'ready'],
    );
    assert.deepEqual(
      got.slice(0, 2).map((e) => JSON.parse(e!.data!).n),
      [2, 3],
      'exactly the missed events, in order',
    );
    await publish('test.hello', { n: 4 });
    await publish('test.done', {});
    // Issue 14: "no gap" is not enough: everything up to a last live event, so a replayed event sent a second time
    // (after the catch-up, or with a live one) shows up as a repeat.
    const rest = [];
    for (let e = await resumed.nextEvent(); e && e.event !== 'test.done'; e = await resumed.nextEvent()) rest.push(e);
    assert.deepEqual(
      rest.map((e) => JSON.parse(e.data!).n),
      [4],
      'then live ones, and nothing again',
    );
    const hellos = [...got.slice(0, 2), ...rest];
    const ids = hellos.map((e) => Number(e!.id));
    assert.equal(new Set(ids).size, ids.length, 'no event id twice');
    assert.deepEqual(
      ids,
      [...ids].sort((x, y) => x - y),
      'ids only go up',
    );
    assert.ok(
      ids.every((id) => id > Number(first!.id)),
      'nothing from before Last-Event-ID',
    );
    await resumed.cancel();
  });

  test("issue 15: an event's data is its stored payload with `at`, whoever wrote the row and however", async () => {
    const stream = readSse(await open(a.url));
    assert.equal((await stream.nextEvent())?.event, 'ready');
    // Rows as publishEvent writes them, and as hand-made SQL may (spaces, line breaks, an empty object, its own `at`).
    const payloads = ['{"n":1}', '{ "n": 2 }', '{\n  "n": 3\n}', '{}', ' {}', '{"at":7,"n":5}'];
    // Dated now: rows dated past the 7-day retention are the hub's prune's to delete (it hung here on PostgreSQL).
    const at = Date.now();
    for (const payload of payloads) {
      await execute(
        deps.db,
        `insert into events (at, audience_kind, audience_id, type, payload) values (?, 'member', ?, 'test.data', ?)`,
        [at, adminId, payload],
      );
    }
    const data = [];
    for (let i = 0; i < payloads.length; i++) data.push(JSON.parse((await stream.nextEvent())!.data!) as object);
    assert.deepEqual(data, [
      { at, n: 1 },
      { at, n: 2 },
      { at, n: 3 },
      { at },
      { at },
      { at: 7, n: 5 }, // the payload's own `at` wins, as it did when the payload was spread after `at`
    ]);
    await stream.cancel();
  });

  test('issue 15: a Last-Event-ID past the newest event (restore) starts at the newest, not resumed', async () => {
    const head = await bHub.headSeq();
    for (const url of [a.url, b.url]) {
      const stream = readSse(await open(url, { 'last-event-id': String(head + 1_000_000) }));
      const ready = await stream.nextEvent();
      assert.equal(ready?.event, 'ready');
      assert.deepEqual(JSON.parse(ready!.data!), { resumed: false }, 'the client is told it did not resume');
      await publish('test.after-rewind', { url });
      const next = await stream.nextEvent();
      assert.equal(next?.event, 'test.after-rewind', 'new events arrive at once');
      assert.equal(JSON.parse(next!.data!).url, url);
      await stream.cancel();
    }
  });

  test('issue 14: an event written while a resumed stream catches up arrives once: no gap, no repeat', async () => {
    const from = await bHub.headSeq();
    await publish('test.backlog', {});
    // The moment between subscribing and reading the backlog: an event written now is pushed live to the stream
    // *and* found by its catch-up. Waits until the hub has pushed it (to a listener of the same audience) first.
    const since = bHub.since.bind(bHub);
    let injected = false;
    bHub.since = async (audience, afterSeq, limit) => {
      if (!injected) {
        injected = true;
        let pushed!: () => void;
        const seen = new Promise<void>((r) => {
          pushed = r;
        });
        const off = await bHub.subscribe(audience, {
          push: (e) => {
            if (e.type === 'test.during') pushed();
          },
          close: () => {},
        });
        await publish('test.during', {});
        await seen;
        off();
      }
      return since(audience, afterSeq, limit);
    };
    try {
      const stream = readSse(await open(b.url, { 'last-event-id': String(from) }));
      const types: string[] = [];
      for (let e = await stream.nextEvent(); e && e.event !== 'ready'; e = await stream.nextEvent())
        types.push(e.event!);
      await publish('test.done', {});
      for (let e = await stream.nextEvent(); e; e = e.event === 'test.done' ? null : await stream.nextEvent())
        types.push(e.event!);
      await stream.cancel();
      assert.ok(injected);
      assert.deepEqual(types, ['test.backlog', 'test.during', 'test.done'], 'each event once, in order');
    } finally {
      bHub.since = since;
    }
  });

  test(
    "issue 15: a widget on an embed app's origin reads its stream (the head the route writes itself carries the " +
      'CORS and request id headers the middleware added)',
    async () => {
      const appA = createApp(deps);
      const admin = await adminBrowser(appA, deps.db);
      const root = (await (
        await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } })
      ).json()) as { id: string };
      const { id: memberId } = await memberBrowser(appA, admin, {
        employeeNo: 'live-1',
        name: '读者',
        departmentId: root.id,
      });
      const app = (await (
        await admin.request('/api/v1/embed-apps', {
          method: 'POST',
          json: {
            name: 'Live test',
            origins: ['https://live.example'],
            audience: 'members',
            tokenMaxAgeSeconds: 3600,
          },
        })
      ).json()) as { id: string; secret: string };
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: app.id })
        .setIssuer(app.id)
        .setAudience('herald')
        .setSubject('live-1')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(app.secret));
      const res = await fetch(`${a.url}/api/v1/live`, {
        headers: { authorization: `Bearer ${token}`, origin: 'https://live.example', 'x-request-id': 'live-test-1' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://live.example');
      assert.equal(res.headers.get('x-request-id'), 'live-test-1');
      assert.match(res.headers.get('content-type')!, /text\/event-stream/);
      const stream = readSse(res);
      assert.equal((await stream.nextEvent())?.event, 'ready');
      await deps.db.transaction((tx) => publishEvent(tx, [{ kind: 'member', id: memberId }], 'test.embedded', {}));
      assert.equal((await stream.nextEvent())?.event, 'test.embedded');
      await stream.cancel();
    },
  );

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
