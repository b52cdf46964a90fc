// Issue 18 item 6: on PostgreSQL an event committed by one node wakes the other node's hub through LISTEN/NOTIFY,
// so its streams get the event long before the next poll. Both nodes poll only every 10 s here, so an event arriving
// within 3 s is the signal that the notification woke node B — and that it still does after B's listening connection
// was ended by the server (the listener reconnects).
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../app.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { pgOnly } from '../../testing/engine-only.js';
import { Browser } from '../../testing/http.js';
import { secondProcess } from '../../testing/second-process.js';
import { readSse } from '../../testing/sse.js';
import { until } from '../../testing/until.js';
import { readRows } from '../../db/prepared.js';
import { captureLog } from '../../testing/log-capture.js';
import { LISTENER_APPLICATION, PgWakeListener } from './pg-wake.js';
import { events } from './schema.js';

describe('issue 18: live events across nodes on PostgreSQL', pgOnly('LISTEN/NOTIFY is PostgreSQL'), () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let nodeB: ReturnType<typeof secondProcess>;
  let onB: Browser;
  let adminId: string;

  before(async () => {
    deps = await testDeps({ HERALD_LIVE_POLL_MS: '10000' });
    nodeB = secondProcess(deps);
    const onA = await adminBrowser(createApp(deps), deps.db);
    onB = Object.assign(new Browser(nodeB.app), { cookie: onA.cookie, csrf: onA.csrf });
    adminId = (await (await onA.request('/api/v1/me')).json()).subject.id;
  });
  after(() => {
    nodeB.close();
    deps.cleanup();
  });

  /**
   * Node A's write: an event row in a transaction of A's pool. Not through `publishEvent`, which also wakes every hub
   * of this process (both nodes live in this test's process): only the database may tell node B.
   */
  const publishOnA = (type: string) =>
    deps.db.transaction(async (tx) => {
      await tx
        .insert(events)
        .values({ at: Date.now(), audienceKind: 'member', audienceId: adminId, type, payload: {} });
    });
  const listenerPids = async () =>
    (
      await readRows(
        deps.db,
        'select pid from pg_stat_activity where application_name = ? and datname = current_database()',
        [LISTENER_APPLICATION],
      )
    ).map((r) => Number(r[0]));

  test('an event committed through node A reaches a stream on node B before its next poll', async () => {
    const stream = readSse(await onB.request('/api/v1/live'));
    assert.equal((await stream.nextEvent())?.event, 'ready');
    await nodeB.live.listener!.ready();
    await publishOnA('test.across');
    assert.equal((await stream.nextEvent(3000))?.event, 'test.across');
    await stream.cancel();
  });

  test('the listener reconnects when its connection is ended, and wakes node B again', async () => {
    const stream = readSse(await onB.request('/api/v1/live'));
    assert.equal((await stream.nextEvent())?.event, 'ready');
    await nodeB.live.listener!.ready();
    const [before] = await listenerPids();
    assert.ok(before, 'node B listens on a connection of its own');
    await readRows(deps.db, 'select pg_terminate_backend(?)', [before]);
    await until(async () => {
      const pids = await listenerPids();
      return nodeB.live.listener!.listening && pids.length === 1 && pids[0] !== before;
    }, 'the listener is back on a new connection');
    await publishOnA('test.after-reconnect');
    assert.equal((await stream.nextEvent(3000))?.event, 'test.after-reconnect');
    await stream.cancel();
  });

  test('a listening connection that stops answering (half-dead) is noticed by its ping and replaced', async () => {
    // A TCP relay to the test's PostgreSQL that can go silent without closing: what a vanished server looks like.
    const target = new URL(deps.config.databaseUrl);
    const relayed: Array<{ client: net.Socket; server: net.Socket }> = [];
    const relay = net.createServer((client) => {
      const server = net.connect(Number(target.port || 5432), target.hostname);
      client.pipe(server).pipe(client);
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
      relayed.push({ client, server });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = new URL(deps.config.databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String((relay.address() as net.AddressInfo).port);
    const { lines, logger } = captureLog();
    const listener = new PgWakeListener(url.toString(), () => {}, logger, {
      connectMs: 5_000,
      pingMs: 50,
      answerMs: 500,
      keepAliveMs: 1_000,
    });
    try {
      await listener.ready();
      const first = relayed[0]!;
      first.client.unpipe(first.server);
      first.server.unpipe(first.client); // silent both ways, neither side closed
      await until(
        () => lines.some((l) => /did not answer within 500 ms/.test(JSON.stringify(l.err))),
        'the ping noticed the silent connection',
      );
      await until(() => relayed.length === 2 && listener.listening, 'it listens again on a new connection');
    } finally {
      await listener.close();
      for (const { client, server } of relayed) [client, server].forEach((s) => s.destroy());
      relay.close();
    }
  });
});

test('issue 18: a listener whose connect gets no answer gives up after its timeout and tries again', async () => {
  // A port that accepts and never says a word (no PostgreSQL behind it): any engine.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  const { lines, logger } = captureLog();
  const listener = new PgWakeListener(`postgres://herald@127.0.0.1:${port}/herald`, () => {}, logger, {
    connectMs: 200,
    pingMs: 60_000,
    answerMs: 10_000,
    keepAliveMs: 1_000,
  });
  try {
    await until(
      () => lines.some((l) => l.msg === 'live: the PostgreSQL wake listener dropped; polling meanwhile'),
      'the connect timed out and was reported',
    );
    assert.match(JSON.stringify(lines[0]!.err), /timeout/i);
    await until(() => sockets.length >= 2, 'it connected again (after its 1 s backoff)');
    assert.equal(listener.listening, false);
  } finally {
    await listener.close();
    for (const s of sockets) s.destroy();
    silent.close();
  }
});
