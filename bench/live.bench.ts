/**
 * Live streams at scale (issue 15): N real SSE streams over HTTP on loopback against Herald as its own process
 * (the built bundle, as `npm start` runs it; `tsx` as the third argument runs the sources), each read by the real
 * `@herald/client` `LiveStream` (its backoff and jitter included) over node:http (`streamRequest`).
 *   1. opens N streams (N members created with set-based SQL, one cookie session each, and `BENCH_INBOX` messages
 *      sent to all of them first; measured once the server is quiet after those sends and its WAL is truncated) —
 *      server CPU per open; and N bare streams from hello-world's `/sse` (Hono writing a head and `ready`, nothing
 *      else): the floor under an open;
 *   2. sends one urgent message to all N — delivery p50/p99 after the send's answer; then another, and every client
 *      asks what an open inbox page asks then (`react`: the alert's message unless the event carries it, the list's
 *      newest entries, the badge's count) — when the alert and the list had what they show, and the server's CPU;
 *      and once more (`again`), when the server has each page's newest entries kept;
 *   3. restarts the server on the same database file — time until all N resumed with `Last-Event-ID`, CPU per resume;
 *   4. deletes one session from another process (a sign-out) — time until that stream ended, CPU of re-checking
 *      all N;
 * against a bare Hono hello-world process in the same run (one request per new connection, as a stream open is),
 * and the server's event-loop delay in each phase (bench/probe.mjs).
 *
 *   node --import tsx bench/live.bench.ts [streams=5000] [bundle|tsx]
 *
 * Needs about 2 × N file descriptors in each process: `ulimit -n` must be above that (`ulimit -n 20000`).
 */
import { Agent, request, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveStream } from '../packages/client/src/live.js';
import { NEWEST_ON_ARRIVAL } from '../packages/inbox/src/inbox/live.js';
import { openDatabase } from '../server/src/db/client.js';
import { randomToken, sha256 } from '../server/src/lib/crypto.js';
import { freePort } from '../e2e/support.js';
import { startServer, type Probe, type ServerKind, type ServerProcess } from './server-process.js';

/**
 * What `LiveStream` needs of `fetch` (status and a body stream), over node:http on a new connection. The 5,000
 * clients share this machine's two cores with the server, unlike browsers: Node's fetch (undici) cost this process
 * about a core during the open and restart phases, so the wall times measured the load generator as much as Herald.
 * The client's own logic (backoff with jitter, `Last-Event-ID`, the SSE parser) is `LiveStream`'s, unchanged.
 */
function streamRequest(
  port: number,
  path: string,
  init: RequestInit,
  extra: Record<string, string>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = { ...(init.headers as Record<string, string>), ...extra };
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) res.resume();
      const body = responseBody(res, () => req.destroy());
      resolve({ ok: status >= 200 && status < 300, status, body } as Response);
    });
    req.on('error', reject);
    init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
    req.end();
  });
}

/**
 * The few members of a body stream that `LiveStream` uses (`getReader`, `read`, `cancel`), fed by the response's
 * chunks: a WHATWG ReadableStream in Node is JavaScript (a promise and several objects per chunk), where a browser's is
 * native — it made the load generator, not Herald, the slower side of a 5,000-stream fan-out.
 */
function responseBody(res: IncomingMessage, cancel: () => void): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let waiting: ((r: ReadableStreamReadResult<Uint8Array>) => void) | undefined;
  let done = false;
  const settle = () => {
    if (!waiting || (!chunks.length && !done)) return;
    const resolve = waiting;
    waiting = undefined;
    resolve(chunks.length ? { value: chunks.shift()!, done: false } : { value: undefined, done: true });
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    settle();
  });
  const end = () => {
    done = true;
    settle();
  };
  res.on('end', end);
  res.on('close', end);
  res.on('error', end);
  const reader = {
    read: () =>
      new Promise<ReadableStreamReadResult<Uint8Array>>((resolve) => {
        waiting = resolve;
        settle();
      }),
    cancel: async () => {
      chunks.length = 0;
      end();
      cancel();
    },
  };
  return { getReader: () => reader } as unknown as ReadableStream<Uint8Array>;
}

const N = Number(process.argv[2] ?? 5000);
/**
 * How `<herald-inbox>` asks for its list again on `message.received` (`inbox/live.ts`, `NEWEST_ON_ARRIVAL`), and
 * whether it asks for its tags too. Until issue 15 it asked for the whole first page and the tags: run with
 * `BENCH_REFRESH_QUERY=limit=50 BENCH_REFRESH_TAGS=true` to measure that.
 */
const REFRESH_QUERY = process.env.BENCH_REFRESH_QUERY ?? `limit=${NEWEST_ON_ARRIVAL}`;
const REFRESH_TAGS = process.env.BENCH_REFRESH_TAGS === 'true';
/** Messages every member has received before the streams open (`BENCH_INBOX`, 60 by default). */
const INBOX_ENTRIES = Number(process.env.BENCH_INBOX ?? 60);
const KIND = (process.argv[3] ?? 'bundle') as ServerKind;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const until = async (what: string, ok: () => boolean, limitMs = 600_000) => {
  const t0 = performance.now();
  while (!ok()) {
    if (performance.now() - t0 > limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const dir = mkdtempSync(join(tmpdir(), 'herald-live-bench-'));
/** The size of the server's WAL file (0 once truncated; none before the first write). */
const walBytes = () => {
  try {
    return statSync(join(dir, 'herald.db-wal')).size;
  } catch {
    return 0;
  }
};
const port = await freePort();
const env = {
  PORT: String(port),
  HOST: '127.0.0.1',
  HERALD_DATA_DIR: dir,
  HERALD_SEED_DEMO: 'false',
  HERALD_LOG_LEVEL: 'warn',
  HERALD_LOG_FILE: join(dir, 'herald.log'),
  HERALD_DEMO_PORTAL_PORT: 'off',
  HERALD_ADMIN_PASSWORD: 'bench-password-0123',
};
const servers: ServerProcess[] = [];
const streams: LiveStream[] = [];
try {
  let herald = await startServer(KIND, env);
  servers.push(herald);
  const hello = await startServer('hello', { PORT: '0' });
  servers.push(hello);

  // N members in one department and one session each, written set-based from this process (WAL: the server reads on).
  const db = openDatabase(`file:${join(dir, 'herald.db')}`);
  const T = Date.now();
  await db.$client.execute(`insert into departments (id, name, parent_id, path, sort_order, created_at, updated_at)
    values ('bench-dept', '全员', null, '/bench-dept/', 0, ${T}, ${T})`);
  await db.$client.execute(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${N - 1})
    insert into members (id, employee_no, name, department_id, search_text, created_at, updated_at)
    select printf('bench-m%06d', i), printf('B%06d', i), '成员' || i, 'bench-dept', '', ${T}, ${T} from s`);
  const tokens = Array.from({ length: N }, () => randomToken());
  const expires = T + 24 * 3_600_000;
  for (let i = 0; i < N; i += 500) {
    const rows = tokens
      .slice(i, i + 500)
      .map((t, k) => `('${sha256(t)}', printf('bench-m%06d', ${i + k}), 'csrf', ${T}, ${expires})`);
    await db.$client.execute(
      `insert into sessions (id, member_id, csrf_token, created_at, expires_at) values ${rows.join(',')}`,
    );
  }
  const adminToken = randomToken();
  await db.$client.execute(`update members set must_change_password = 0 where employee_no = 'admin'`);
  await db.$client.execute({
    sql: `insert into sessions (id, member_id, csrf_token, created_at, expires_at)
    select ?, id, 'admin-csrf', ?, ? from members where employee_no = 'admin'`,
    args: [sha256(adminToken), T, expires],
  });
  db.$client.close();

  const base = `http://127.0.0.1:${port}`;
  // Phase 2b: what an open inbox page does when an urgent message arrives (`react`).
  let reacting = false;
  const alerted: number[] = [];
  const listed: number[] = [];
  const reacted = { requests: 0, connects: 0, inFlight: 0, counted: 0, failed: 0, bytes: 0, carried: 0 };
  const agents = Array.from({ length: N }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const sockets = new WeakSet<object>(); // every connection the clients opened, to count new ones
  /** A GET on client i's kept-alive connection; tried again once when the server had just closed it, as browsers do. */
  const get = (i: number, path: string, again = true): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      reacted.requests++;
      reacted.inFlight++;
      let settled = false;
      const settle = (err: Error | undefined, body?: string) => {
        if (settled) return;
        settled = true;
        reacted.inFlight--;
        if (!err) resolve(body!);
        else if (again && req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET')
          get(i, path, false).then(resolve, reject);
        else reject(err);
      };
      const req = request(
        { host: '127.0.0.1', port, path, agent: agents[i], headers: { cookie: `herald_session=${tokens[i]}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            reacted.bytes += bytes.length;
            if (res.statusCode === 200) settle(undefined, bytes.toString('utf8'));
            else settle(new Error(`${path}: ${res.statusCode}`));
          });
          res.on('close', () => settle(new Error(`${path}: the answer was cut off`)));
        },
      );
      req.on('socket', (socket) => {
        if (sockets.has(socket)) return;
        sockets.add(socket);
        reacted.connects++;
      });
      req.on('error', (err) => settle(err));
      req.end();
    });
  /**
   * What the inbox page's elements ask when `message.received` arrives (an urgent one), each as it does:
   * `<herald-urgent-alert>` the message, unless the event carries its alert (`urgent-alert.ts`), `<herald-inbox>` its
   * list (`inbox/live.ts`, `NEWEST_ON_ARRIVAL`) and the unread store the badge's count 50 ms later
   * (`stores/unread.ts`). The times are from the send's answer: when the alert could show, and when the list held the
   * message among its items.
   */
  const react = (i: number, messageId: string, carried: boolean) => {
    const done = (list: number[]) => () => list.push(performance.now());
    const failed = (err: unknown) => {
      if (!reacted.failed++) console.error('a reaction failed:', err);
    };
    if (carried && !process.env.BENCH_ALERT_READ) {
      reacted.carried++;
      done(alerted)();
    } else get(i, `/api/v1/messages/${messageId}`).then(done(alerted), failed);
    get(i, `/api/v1/mailbox?${REFRESH_QUERY}`)
      .then((page) => {
        const { items } = JSON.parse(page) as { items: Array<{ message: { id: string } }> };
        if (!items.some((item) => item.message.id === messageId)) throw new Error('the new message is not listed');
        done(listed)();
      })
      .then(REFRESH_TAGS ? () => get(i, '/api/v1/tags') : undefined)
      .catch(failed);
    setTimeout(() => {
      reacted.counted++;
      get(i, '/api/v1/mailbox/unread-count').catch(failed);
    }, 50);
  };
  const ready = new Array<number>(N).fill(0); // how many `ready` events each stream has seen
  const resumed = new Array<boolean>(N).fill(false);
  const resumedAt = new Array<number>(N).fill(0);
  const attempts = new Array<number>(N).fill(0); // connects per stream (the restart's are counted from the stop)
  const received: number[] = [];
  for (let i = 0; i < N; i++) {
    // One connection per open stream, as a browser tab has.
    const live = new LiveStream((init) => {
      attempts[i]!++;
      return streamRequest(port, '/api/v1/live', init, { cookie: `herald_session=${tokens[i]}` });
    });
    live.on<{ resumed: boolean }>('ready', (e) => {
      ready[i]!++;
      if (e.data.resumed && !resumed[i]) {
        resumed[i] = true;
        resumedAt[i] = performance.now();
      }
    });
    live.on<{ messageId: string; priority: string; alert?: object }>('message.received', (e) => {
      received.push(performance.now());
      if (reacting) react(i, e.data.messageId, !!e.data.alert);
    });
    streams.push(live);
  }

  /** One request on a new connection to hello-world, `n` of them `concurrency` at a time: the baseline per open. */
  const helloRequests = async (n: number, concurrency = 100) => {
    let next = 0;
    const one = () =>
      new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: hello.port, path: '/', agent: false }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < n) await one();
      }),
    );
  };
  /** This process's CPU: the 5,000 clients share the machine with the server (browsers would not). */
  const ownCpuUs = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const cpuOf = async (
    server: ServerProcess,
    run: () => Promise<unknown>,
  ): Promise<{ cpuUs: number; sysUs: number; probe: Probe; clientsUs: number }> => {
    const before = await server.probe();
    const own = ownCpuUs();
    await run();
    const clientsUs = ownCpuUs() - own;
    const after = await server.probe();
    return { cpuUs: after.cpuUs - before.cpuUs, sysUs: after.sysUs - before.sysUs, probe: after, clientsUs };
  };

  /** A message from the admin to all N members (201 or throws). */
  const sendToAll = async (priority: 'urgent' | 'normal', subject: string) => {
    const res = await fetch(`${base}/api/v1/messages`, {
      method: 'POST',
      headers: {
        cookie: `herald_session=${adminToken}`,
        'x-csrf-token': 'admin-csrf',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        kind: priority === 'urgent' ? 'urgent' : 'internal',
        priority,
        subject,
        audience: [{ kind: 'department', targetId: 'bench-dept' }],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '请立即查看' }] }] },
      }),
    });
    if (res.status !== 201) throw new Error(`send: ${res.status} ${await res.text()}`);
  };
  const sendUrgent = () => sendToAll('urgent', '紧急通知');
  // Every member's inbox holds a page and more, as a working inbox does: what an open inbox reads again when a
  // message arrives depends on it (phase 2b).
  for (let k = 0; k < INBOX_ENTRIES; k++) await sendToAll('normal', `通知 ${k + 1}`);
  // What those sends leave the server to do (its WAL checkpoint above all) is not the opens' cost: the checkpointer
  // copies the WAL into the database soon after the writes, and truncates it once they have stopped for 5 s
  // (db/checkpoint.ts). Waiting for the copy alone (`quiet`) left the truncation of a WAL of ≈ 150 MB free to land
  // inside the opens' measurement.
  await herald.quiet();
  await until('the WAL truncated after the sends', () => walBytes() === 0, 60_000).catch(() =>
    console.warn(`the WAL was not truncated within 60 s (${walBytes()} bytes): the opens are measured beside it`),
  );
  await herald.quiet();

  // 1. Open all streams.
  const helloOpen = await cpuOf(hello, () => helloRequests(N));
  // The floor under an open: N bare streams from hello-world's `/sse` (the head and `ready` written to the connection,
  // kept open; no middleware, authentication or hub), read by the same clients, then closed.
  const floorReady = new Array<boolean>(N).fill(false);
  const floorStreams = floorReady.map((_, i) => {
    const live = new LiveStream((init) => streamRequest(hello.port, '/sse', init, {}));
    live.on('ready', () => (floorReady[i] = true));
    return live;
  });
  const floor = await cpuOf(hello, async () => {
    for (const s of floorStreams) s.start();
    await until('all bare streams open', () => floorReady.every(Boolean));
  });
  for (const s of floorStreams) s.close();
  await hello.quiet();
  const t1 = performance.now();
  const open = await cpuOf(herald, async () => {
    for (const s of streams) s.start();
    await until('all streams open', () => ready.every((n) => n >= 1));
  });
  const openMs = performance.now() - t1;

  // 2. One urgent message to all N; latency measured from the moment the send's answer arrived.
  const send = await cpuOf(herald, async () => {
    await sendUrgent();
    const answered = performance.now();
    await until('all deliveries', () => received.length >= N);
    received.forEach((t, k) => {
      received[k] = t - answered;
    });
  });

  // 2b. Another urgent message to all N, and every client reacts as an open inbox page does (`react`).
  const delivered = received.splice(0);
  // Each client's page already has a connection for its requests (it loaded the page): opened here, 200 at a time,
  // so that the phase measures the reaction and not 5,000 connects at once (the accept queue holds 4,096).
  let warmed = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      for (let i = warmed++; i < N; i = warmed++) await get(i, '/api/v1/me');
    }),
  );
  // Twice: the first time each page reads its newest entries afresh; the second time the server has them kept, as
  // for every message after a page's first (mailbox/listing-cache.ts patches them from its own delivery's note).
  const reactions: Array<{ cpuUs: number; probe: Probe; alerted: number[]; listed: number[] } & typeof reacted> = [];
  for (let round = 0; round < 2; round++) {
    Object.assign(reacted, { requests: 0, connects: 0, counted: 0, failed: 0, bytes: 0, carried: 0 });
    alerted.length = listed.length = 0;
    reacting = true;
    let reactAnswered = 0;
    const reaction = await cpuOf(herald, async () => {
      await sendUrgent();
      reactAnswered = performance.now();
      // Every request answered: the alert's, the list's (and the tags' after it) and the count's, asked 50 ms later.
      await until('every reaction', () => reacted.counted >= N && reacted.inFlight === 0);
    });
    reacting = false;
    const since = (list: number[]) => list.map((t) => t - reactAnswered);
    reactions.push({ ...reaction, ...reacted, alerted: since(alerted), listed: since(listed) });
    await herald.quiet();
  }
  for (const a of agents) a.destroy();

  // 3. Restart on the same database; every stream resumes from its Last-Event-ID.
  attempts.fill(0);
  const tStop = performance.now();
  await herald.stop();
  const tDown = performance.now();
  herald = await startServer(KIND, env);
  servers[0] = herald;
  const tUp = performance.now();
  const before = await herald.probe();
  const ownAtUp = ownCpuUs();
  await until('all streams resumed', () => resumed.every(Boolean));
  const tAll = performance.now();
  const resumeClientsUs = ownCpuUs() - ownAtUp;
  const after = await herald.probe();
  const helloResume = await cpuOf(hello, () => helloRequests(N));

  // 4. A sign-out elsewhere (another process deleting one session) with N streams open: the server's guard re-checks
  //    every open stream (the epoch moved) and ends that one. Time until its client saw the end, and what it cost.
  const signedOut = streams[0]!;
  let endedAt = 0;
  signedOut.onStatus((status) => {
    if (status !== 'open' && !endedAt) endedAt = performance.now();
  });
  const revokeDb = openDatabase(`file:${join(dir, 'herald.db')}`);
  const tRevoke = performance.now();
  const revoke = await cpuOf(herald, async () => {
    await revokeDb.$client.execute({ sql: 'delete from sessions where id = ?', args: [sha256(tokens[0]!)] });
    // A build without the guard (before issue 15's fix) never ends it: give up after 30 s and say so.
    await until('the signed-out stream ended', () => endedAt > 0, 30_000).catch(() => {});
  });
  revokeDb.$client.close();

  const per = (us: number) => Math.round(us / N);
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const helloPer = per((helloOpen.cpuUs + helloResume.cpuUs) / 2);
  console.log(`${N} live streams, Herald run as ${KIND}, Node ${process.version}\n`);
  console.log(
    `open:    ${(openMs / 1000).toFixed(1)} s for all; server CPU ${per(open.cpuUs)} µs per stream = ` +
      `${(per(open.cpuUs) / helloPer).toFixed(2)}× hello-world (${helloPer} µs per request on a new connection); ` +
      `event-loop delay max ${open.probe.eldMaxMs.toFixed(0)} ms; the clients' CPU ${ms(open.clientsUs)}`,
  );
  console.log(
    `floor:   a bare Hono stream (hello-world's /sse: no middleware, authentication or hub) ${per(floor.cpuUs)} µs ` +
      `per stream = ${(per(floor.cpuUs) / helloPer).toFixed(2)}× hello-world; Herald's open is ` +
      `${(open.cpuUs / floor.cpuUs).toFixed(2)}× it, its resume ` +
      `${((after.cpuUs - before.cpuUs) / floor.cpuUs).toFixed(2)}× it; in the kernel ${per(floor.sysUs)} µs of the ` +
      `floor's, ${per(open.sysUs)} of an open's`,
  );
  console.log(
    `deliver: urgent message to ${N}: p50 ${pct(delivered, 0.5).toFixed(0)} ms, p99 ` +
      `${pct(delivered, 0.99).toFixed(0)} ms, ` +
      `max ${pct(delivered, 1).toFixed(0)} ms after the send's answer (target p99 < 1000); event-loop delay ` +
      `max ${send.probe.eldMaxMs.toFixed(0)} ms; ` +
      `server CPU ${ms(send.cpuUs)}, the clients' ${ms(send.clientsUs)}`,
  );
  for (const [round, r] of reactions.entries())
    console.log(
      (round === 0
        ? `react:   another urgent message, every open page asking what it then asks (the list as ` +
          `\`${REFRESH_QUERY}\`${REFRESH_TAGS ? ', then the tags' : ''}; the count; the message unless its event ` +
          `carried the alert: ${r.carried} of ${N} did): `
        : `again:   one more, the same asked (the list's newest entries now kept on the server): `) +
        `the alert could show p50 ${pct(r.alerted, 0.5).toFixed(0)} ms, ` +
        `p99 ${pct(r.alerted, 0.99).toFixed(0)} ms; the list held it p50 ${pct(r.listed, 0.5).toFixed(0)} ms, ` +
        `p99 ${pct(r.listed, 0.99).toFixed(0)} ms after the send's answer\n` +
        `         server CPU ${ms(r.cpuUs)} with the send and its delivery (phase 2's alone: ` +
        `${ms(send.cpuUs)}), so ≈ ${per(r.cpuUs - send.cpuUs)} µs per page; ${r.requests} requests, ` +
        `${r.connects} new connections, ${(r.bytes / 1e6).toFixed(1)} MB answered, ` +
        `${r.failed} failed; event-loop delay max ${r.probe.eldMaxMs.toFixed(0)} ms`,
    );
  console.log(
    `restart: stopped in ${((tDown - tStop) / 1000).toFixed(1)} s + started in ` +
      `${((tUp - tDown) / 1000).toFixed(1)} s; all ${N} resumed ${((tAll - tUp) / 1000).toFixed(1)} s ` +
      `after it listened, ${((tAll - tStop) / 1000).toFixed(1)} s after the stop (target < 15 s)`,
  );
  const sinceUp = resumedAt.map((t) => (t - tUp) / 1000);
  console.log(
    `         resumed after it listened: p50 ${pct(sinceUp, 0.5).toFixed(1)} s, p90 ` +
      `${pct(sinceUp, 0.9).toFixed(1)} s, ` +
      `max ${pct(sinceUp, 1).toFixed(1)} s; connects per stream from the stop: p50 ${pct(attempts, 0.5)}, ` +
      `max ${pct(attempts, 1)} (${attempts.reduce((a, b) => a + b, 0) - N} refused or failed in all)`,
  );
  console.log(
    `resume:  server CPU ${per(after.cpuUs - before.cpuUs)} µs per stream = ` +
      `${(per(after.cpuUs - before.cpuUs) / helloPer).toFixed(2)}× ` +
      `hello-world; event-loop delay max ${after.eldMaxMs.toFixed(0)} ms, p99 ${after.eldP99Ms.toFixed(0)} ms; ` +
      `the clients' CPU ${ms(resumeClientsUs)}`,
  );
  console.log(
    `revoke:  a session deleted by another process with ${N} streams open: its stream ended ` +
      `${endedAt ? `${(endedAt - tRevoke).toFixed(0)} ms later` : 'NOT within 30 s'}; ` +
      `server CPU ${(revoke.cpuUs / 1000).toFixed(1)} ms (every open stream ` +
      `re-checked); event-loop delay max ${revoke.probe.eldMaxMs.toFixed(0)} ms`,
  );
} finally {
  for (const s of streams) s.close();
  for (const s of servers) await s.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
