/**
 * The shape of a request (issue 15, item 1): Herald's hot routes against a bare Hono hello-world, in one run.
 * A member (李四) with `ENTRIES` inbox entries in a database of `ROWS` mailbox rows (the rest belong to 1,000 other
 * owners, each message reaching ten people); the cookie path and the embed-token path.
 * The inbox page: as answered again with nothing changed (kept in memory, mailbox/listing-cache.ts), patched after a
 * read or a delivery this process made (in process only: each request follows its change; beside each, its anchor:
 * the kept page right after 王五 reads one of his messages, or after the same send to him — what the write's aftermath
 * adds to the same page; and hello-world right after such a read, which pays an aftermath too), and on a server
 * keeping no pages (`not kept`: read afresh, as after a change another process made; a miss adds the stamp).
 * The Unread filter's first page. Opening a message in the reading pane: `GET /messages/{id}` and its conversation,
 * `GET /messages/{id}/thread`.
 *
 *   node --import tsx bench/api.bench.ts [rounds=300] [entries=100000] [rows=1000000] [httpSeconds=3]
 *
 * Part 1, in process through `app.request` (no sockets: the server's own work), interleaved (one round = one request
 * of each route in turn): CPU µs per request p50/p99, the ratio of the median to hello-world's, and the SQL
 * statements each request ran (counted at the connection, `countStatements`). Beside the send, the raw-SQL anchor:
 * the statements of one send, recorded and replayed on the same connection with fresh ids each time
 * (bench/sql-replay.ts) — what the same SQL costs with nothing of Herald around it; and the send's floor: a bare Hono
 * route that reads the same body, replays the same statements and answers the same JSON. The same two under the
 * inbox page read whole (`not kept`, cookie): its statements replayed (a read: no id is new), and a bare Hono route
 * that replays them and answers the same page's JSON.
 * Part 2, over real HTTP on loopback (`@hono/node-server`): each route for `httpSeconds` at a fixed concurrency from
 * a load generator in a child process (bench/http-load.ts): requests/s, latency p50/p99, and the server's CPU µs per
 * request. Hello-world runs first and last (its drift shows how steady the machine was).
 * `BENCH_ONLY=<part of a route name>` measures one route (beside hello-world), e.g. under `--cpu-prof`;
 * `BENCH_KEEP=1` keeps the database (it prints the folder); `BENCH_DB=<that folder>` runs on it again instead of
 * building one (same entries and rows); `BENCH_DUMP=1` prints the recorded statements, each with its median µs in
 * 200 replays in a row, and again as they cost in the interleaved rounds. Not run by the test suite.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { createApp } from '../server/src/app.js';
import { seedDemo } from '../server/src/seed.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { countStatements, helloApp, listenOnLoopback } from '../server/src/testing/bench.js';
import { checkpointerOf } from '../server/src/db/checkpoint.js';
import { testDeps } from '../server/src/testing/deps.js';
import { body } from '../server/src/testing/http.js';
import { browserAs } from '../server/src/modules/imports/testing.js';
import { recordStatements, replayer } from './sql-replay.js';
import { dropPlannerStatistics } from '../server/src/ops/planner-statistics.js';

const ROUNDS = Number(process.argv[2] ?? 300);
const ENTRIES = Number(process.argv[3] ?? 100_000);
const ROWS = Math.max(ENTRIES, Number(process.argv[4] ?? 1_000_000));
const HTTP_SECONDS = Number(process.argv[5] ?? 3);
const CONCURRENCY = 10;
const OTHER_OWNERS = 1_000;
/** The message the reading pane opens: one 李四 received (built below, as `b` and its number). */
const OPENED = 'b0000001';
const statementCount = countStatements();
const record = recordStatements();

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const reuse = process.env.BENCH_DB;
// A folder kept from before the benches stopped running ANALYZE holds statistics: dropped, as Herald drops them.
if (reuse) await dropPlannerStatistics(join(reuse, 'herald.db'));
const deps = await testDeps({}, reuse);
try {
  const app = createApp(deps);
  // The same server with no inbox pages kept (HERALD_INBOX_CACHE_MB=0): what a page costs when it is read afresh,
  // as after every change to the mailbox (mailbox/listing-cache.ts).
  const unkept = createApp({ ...deps, config: { ...deps.config, inboxCacheMb: 0 } });
  if (!reuse) await seedDemo(deps.db);
  const admin = await adminBrowser(app, deps.db);
  const member = await browserAs(app, deps.db, 'E1002', 'sender');
  const ids = Object.fromEntries(
    (await deps.db.$client.execute('select employee_no, id from members')).rows.map((r) => [r.employee_no, r.id]),
  );
  const T = Date.now();
  const built = performance.now();
  const run = (text: string) => deps.db.$client.execute(text);
  if (!reuse) await build();
  const mailboxRows = Number((await run('select count(*) as n from mailbox')).rows[0]!.n);
  const buildSeconds = ((performance.now() - built) / 1000).toFixed(1);
  /** 李四's entries and everyone else's, written set-based. */
  async function build() {
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${ENTRIES - 1})
      insert into messages (id, thread_id, sender_kind, sender_id, kind, priority, subject, body, body_text, links,
        receipt_required,
        status, recipient_count, delivered_at, revision, created_at, updated_at)
      select printf('b%07d', i), printf('b%07d', i), 'member', '${ids.E1001}', 'internal', case when i % 50 = 0
        then 'urgent' else 'normal' end,
        '工作安排 ' || i, '{"type":"doc","content":[]}', '请查收 ' || i, '[]', i % 20 = 3, 'sent', 10, ${T} - i * 30000, 1,
          ${T} - i * 30000, ${T} - i * 30000 from s`);
    // 李四's entries: ~10% unread, 2% urgent, 5% receipt required.
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${ENTRIES - 1})
      insert into mailbox (message_id, owner_kind, owner_id, thread_id, sender_id, priority, receipt_required,
        has_attachments, delivered_at, read_at)
      select printf('b%07d', i), 'member', '${ids.E1002}', printf('b%07d', i), '${ids.E1001}', case when i % 50 = 0
        then 'urgent' else 'normal' end,
        i % 20 = 3, 0, ${T} - i * 30000, case when i % 10 = 0 then null else ${T} end from s`);
    // Everyone else's: the same messages reached nine more people each, spread over 1,000 owners, up to ROWS in all.
    const perMessage = Math.ceil((ROWS - ENTRIES) / ENTRIES);
    if (ROWS > ENTRIES) {
      await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${ENTRIES - 1}),
        k(j) as (select 0 union all select j + 1 from k where j < ${perMessage - 1})
        insert into mailbox (message_id, owner_kind, owner_id, thread_id, sender_id, priority, receipt_required,
          has_attachments, delivered_at, read_at)
        select printf('b%07d', i), 'member', printf('o%04d', (i * ${perMessage} + j) % ${OTHER_OWNERS}),
          printf('b%07d', i), '${ids.E1001}',
          case when i % 50 = 0 then 'urgent' else 'normal' end, i % 20 = 3, 0, ${T} - i * 30000, case
            when (i + j) % 10 = 0 then null else ${T} end
        from s, k limit ${ROWS - ENTRIES}`);
    }
    // No ANALYZE: Herald runs without planner statistics (it drops any it finds when it starts, README "No ANALYZE on
    // the embedded database"), so it is measured without them too.
  }

  // An intranet embed app (members, registered by the super admin) and a token for 李四.
  const embed = await body(
    await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: { name: 'Bench', origins: ['https://bench.example'], audience: 'members', tokenMaxAgeSeconds: 3600 },
    }),
  );
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: embed.id })
    .setIssuer(embed.id)
    .setAudience('herald')
    .setSubject('E1002')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(embed.secret));
  const bearer = { authorization: `Bearer ${token}`, origin: 'https://bench.example' };
  const cookie = { cookie: member.cookie };
  const sendBody = JSON.stringify({
    kind: 'internal',
    subject: 'bench',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] },
    audience: [{ kind: 'member', targetId: ids.E1003 }],
  });

  const toLi = { ...JSON.parse(sendBody), audience: [{ kind: 'member', targetId: ids.E1002 }] };
  // 王五, who reads a message of his before the anchor below: the same write as 李四's read, to someone else's entry.
  const wang = await browserAs(app, deps.db, 'E1003', null);
  const sendToWang = async () =>
    (await body(await admin.request('/api/v1/messages', { method: 'POST', json: JSON.parse(sendBody) }))).id as string;
  const forWang = await sendToWang();
  // Hello-world's anchor reads its own message: sharing `forWang`, each row's write would repeat what the other's left.
  const forWangToo = await sendToWang();
  let newest = 'b0000000'; // the entry at the top of 李四's inbox, which the read toggles
  /** A write before each request of a row (not measured): `who` marks `id()` unread and read in turn. */
  const readsInTurn = (who: { cookie: string; csrf: string }, id: () => string) => {
    let unread = false;
    return async () => {
      unread = !unread;
      const res = await app.request(`/api/v1/mailbox/${id()}/read`, {
        method: unread ? 'DELETE' : 'POST',
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
      });
      if (!res.ok) throw new Error(`the read: ${res.status}`);
    };
  };

  const mentionBody = JSON.stringify({
    ...JSON.parse(sendBody),
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: ids.E1003, label: '王五' } }] }],
    },
  });

  /**
   * One route: its path and how it is called (headers, body), the same in process and over HTTP; or an anchor that
   * runs in process only (`run`, and the statements it runs).
   */
  type Route = {
    name: string;
    app: { request: typeof app.request; fetch: typeof app.fetch };
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    run?: () => void;
    statements?: number;
    /** Run before each of the route's requests, not measured (in process only). */
    before?: () => Promise<unknown>;
  };
  const hello = helloApp();
  /** Hello-world's app with routes that do only what a request of Herald's cannot avoid (the floors, below). */
  const floor = helloApp();
  const routes: Route[] = [
    { name: 'hello-world (bare Hono)', app: hello, path: '/' },
    { name: 'GET /healthz', app, path: '/healthz' },
    { name: 'GET /me (cookie)', app, path: '/api/v1/me', headers: cookie },
    { name: 'GET /me (embed token)', app, path: '/api/v1/me', headers: bearer },
    { name: 'GET /mailbox/unread-count (cookie)', app, path: '/api/v1/mailbox/unread-count', headers: cookie },
    { name: 'GET /mailbox/unread-count (embed token)', app, path: '/api/v1/mailbox/unread-count', headers: bearer },
    { name: 'GET /mailbox?limit=50 (cookie)', app, path: '/api/v1/mailbox?limit=50', headers: cookie },
    { name: 'GET /mailbox?limit=50 (embed token)', app, path: '/api/v1/mailbox?limit=50', headers: bearer },
    {
      name: 'GET /mailbox?limit=50 (cookie, not kept)',
      app: unkept,
      path: '/api/v1/mailbox?limit=50',
      headers: cookie,
    },
    { name: 'GET /mailbox?limit=50 (embed, not kept)', app: unkept, path: '/api/v1/mailbox?limit=50', headers: bearer },
    // The kept page after a change this process made (listing-cache.ts): 李四 reads or unreads her newest entry, or
    // receives a new message, before each request — the page is patched, not read whole.
    {
      name: 'GET /mailbox?limit=50 after a read (cookie)',
      app,
      path: '/api/v1/mailbox?limit=50',
      headers: cookie,
      before: readsInTurn(member, () => newest),
    },
    // The anchor for the two rows around it: 李四's kept page right after such a write to someone else's entry — what
    // the page costs after a write that changes nothing of it (the write's aftermath: what the write's code leaves
    // in the caches; docs/architecture.md "What a write leaves to the next request").
    {
      name: '  kept, after his read (limit=50, anchor)',
      app,
      path: '/api/v1/mailbox?limit=50',
      headers: cookie,
      before: readsInTurn(wang, () => forWang),
    },
    // Hello-world right after the same write: what the write leaves to whatever request comes next, the bare route
    // included (docs/architecture.md "What a write leaves to the next request").
    {
      name: '  hello-world, after his read (anchor)',
      app: hello,
      path: '/',
      before: readsInTurn(wang, () => forWangToo),
    },
    {
      name: 'GET /mailbox?limit=50 after a delivery (cookie)',
      app,
      path: '/api/v1/mailbox?limit=50',
      headers: cookie,
      before: async () => {
        const res = await admin.request('/api/v1/messages', { method: 'POST', json: toLi });
        if (!res.ok) throw new Error(`the delivery: ${res.status}`);
        newest = (await body(res)).id as string;
      },
    },
    // Its anchor: 李四's kept page right after the same send to 王五 — what the page costs after a delivery that changes
    // nothing of it (the send's aftermath in this process: its live events, the WAL checkpoint, cold caches).
    {
      name: '  kept, after his delivery (limit=50, anchor)',
      app,
      path: '/api/v1/mailbox?limit=50',
      headers: cookie,
      before: async () => {
        const res = await admin.request('/api/v1/messages', { method: 'POST', json: JSON.parse(sendBody) });
        if (!res.ok) throw new Error(`the delivery: ${res.status}`);
      },
    },
    // The Unread filter, a button of the inbox: its total is the badge's kept count (mailbox/query.ts).
    // What an open inbox asks when a message arrives (issue 15, inbox/live.ts): its 10 newest entries, read afresh.
    {
      name: 'GET /mailbox?limit=10 (cookie, not kept)',
      app: unkept,
      path: '/api/v1/mailbox?limit=10',
      headers: cookie,
    },
    { name: 'GET /tags (cookie)', app, path: '/api/v1/tags', headers: cookie },
    { name: 'GET /mailbox?unread=true (cookie)', app, path: '/api/v1/mailbox?unread=true&limit=50', headers: cookie },
    // Opening a message in the reading pane: the message and its conversation, asked for together (message-view.ts).
    { name: 'GET /messages/{id} (cookie)', app, path: `/api/v1/messages/${OPENED}`, headers: cookie },
    { name: 'GET /messages/{id}/thread (cookie)', app, path: `/api/v1/messages/${OPENED}/thread`, headers: cookie },
    {
      name: 'POST /messages, 1 recipient (cookie)',
      app,
      path: '/api/v1/messages',
      method: 'POST',
      body: sendBody,
      // Content-Length as every HTTP client sends it: without it the body limit (app.ts) must read the body and
      // build a second Request, work no request over a socket causes.
      headers: {
        ...cookie,
        'x-csrf-token': member.csrf,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(sendBody)),
      },
    },
    // Issue 19 #3: the same send whose body mentions its recipient (the name look-up and the one flagging UPDATE).
    {
      name: 'POST /messages, 1 recipient mentioned (cookie)',
      app,
      path: '/api/v1/messages',
      method: 'POST',
      body: mentionBody,
      headers: {
        ...cookie,
        'x-csrf-token': member.csrf,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(mentionBody)),
      },
    },
    // Opening and resuming a live stream, and the 5,000-stream part: added by the live fan-out work (issue 15).
  ];
  const only = process.env.BENCH_ONLY;
  if (only) routes.splice(1, routes.length, ...routes.filter((r, i) => i > 0 && r.name.includes(only)));
  const call = (r: Route) =>
    r.app.request(r.path, { method: r.method ?? 'GET', headers: r.headers ?? {}, ...(r.body ? { body: r.body } : {}) });

  // The raw-SQL anchor: the statements of one send, recorded, then replayed on their connection (sql-replay.ts), right
  // after the send in each round.
  const send = routes.findIndex((r) => r.name.startsWith('POST /messages, 1 recipient (cookie)'));
  /** BENCH_DUMP: each replayed statement's µs in the interleaved rounds, printed after them. */
  let dumpRounds: (() => void) | undefined;
  if (send > 0) {
    await call(routes[send]!); // the first send of a process also reads the settings it then keeps
    // Three sends recorded, the shortest kept: the live hub's poll (every 25 ms here) may run during one of them.
    let best: { calls: Awaited<ReturnType<typeof record>>; since: number; answer: unknown } | undefined;
    for (let i = 0; i < 3; i++) {
      // Ids are new if made at or after `since`: a millisecond after the previous send's last.
      const before = Date.now();
      while (Date.now() === before);
      const since = Date.now();
      let answer: unknown;
      const calls = await record(async () => {
        const res = await call(routes[send]!);
        if (!res.ok) throw new Error(`the send to record: ${res.status}`);
        answer = await res.json();
      });
      if (!best || calls.length < best.calls.length) best = { calls, since, answer };
    }
    const { calls, since, answer } = best!;
    const raw = replayer(calls, since);
    // A replay's commit tells the checkpointer, as every commit of Herald's does (db/checkpoint.ts): without it the
    // floor's writes over HTTP, measured alone, grew the WAL unchecked and left its copy to the next route.
    const checkpointer = checkpointerOf(deps.db.$client);
    const replay = (times?: number[][]) => {
      raw.replay(times);
      checkpointer?.wrote();
    };
    if (process.env.BENCH_DUMP) {
      // Each statement's median wall µs over 200 replays (their own rows; the bench's rounds then add theirs).
      const times: number[][] = [];
      for (let i = 0; i < 200; i++) raw.replay(times);
      for (const [i, c] of calls.entries())
        console.log(
          String(Math.round(pct(times[i]!, 0.5))).padStart(5),
          'µs',
          c.method,
          c.sql.replace(/\s+/g, ' ').slice(0, 130),
        );
    }
    // The same statements among the other routes cost more than in a burst: the dump shows which.
    const inRounds: number[][] | undefined = process.env.BENCH_DUMP ? [] : undefined;
    dumpRounds = () => {
      console.log('\nthe raw SQL in the interleaved rounds, median µs per statement:');
      for (const [i, c] of calls.entries())
        console.log(
          String(Math.round(pct(inRounds![i]!, 0.5))).padStart(5),
          'µs',
          c.method,
          c.sql.replace(/\s+/g, ' ').slice(0, 80),
        );
    };
    routes.splice(send + 1, 0, {
      name: `  its ${raw.statements} statements, raw SQL`,
      app: hello,
      path: '/',
      run: () => replay(inRounds),
      statements: raw.statements,
    });
    // The floor under a send: a bare Hono route that reads the same body, runs the same statements (the replay:
    // prepared once, one native call each) and answers the same JSON — what a server on Hono and libsql pays for this
    // request with no check, no validation and no query building of its own.
    floor.post('/messages', async (c) => {
      await c.req.json();
      replay();
      return c.json(answer as object, 201);
    });
    routes.splice(send + 2, 0, {
      ...routes[send]!,
      name: '  the floor: bare Hono, same body, SQL, answer',
      app: floor,
      path: '/messages',
      statements: raw.statements,
    });
  }

  // The same two anchors under the inbox page read whole: its statements, recorded once and replayed on their
  // connection (no route, no mapping, no answer), and a bare Hono route that runs them and answers the same JSON.
  const unkeptPage = routes.findIndex((r) => r.name === 'GET /mailbox?limit=50 (cookie, not kept)');
  if (unkeptPage > 0) {
    let answer: unknown;
    const calls = await record(async () => {
      const res = await call(routes[unkeptPage]!);
      if (!res.ok) throw new Error(`the page to record: ${res.status}`);
      answer = await res.json();
    });
    const raw = replayer(calls, Number.POSITIVE_INFINITY); // a read: no id in it is new
    floor.get('/page', (c) => {
      raw.replay();
      return c.json(answer as object);
    });
    routes.splice(
      unkeptPage + 1,
      0,
      {
        name: `  its ${raw.statements} statements, raw SQL`,
        app: hello,
        path: '/',
        run: () => raw.replay(),
        statements: raw.statements,
      },
      { name: '  the floor: bare Hono, same SQL, answer', app: floor, path: '/page', statements: raw.statements },
    );
  }

  // Part 1: in process, interleaved.
  const cpu = new Map(routes.map((r) => [r.name, [] as number[]]));
  const stmts = new Map(routes.map((r) => [r.name, [] as number[]]));
  for (let round = -20; round < ROUNDS; round++) {
    for (const r of routes) {
      await r.before?.();
      const s0 = statementCount();
      const c0 = cpuUs();
      if (r.run) r.run();
      else {
        const res = await call(r);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${r.name}: ${res.status}`);
      }
      const c = cpuUs() - c0;
      if (round >= 0) {
        cpu.get(r.name)!.push(c);
        stmts.get(r.name)!.push(r.statements ?? statementCount() - s0);
      }
    }
  }
  const base = pct(cpu.get(routes[0]!.name)!, 0.5);
  console.log(
    `${ROUNDS} interleaved rounds; 李四 has ${ENTRIES} inbox entries among ${mailboxRows} mailbox rows (built ` +
      `in ${buildSeconds} s); Node ${process.version}\n`,
  );
  console.log(
    'in process'.padEnd(42),
    'CPU µs p50'.padStart(11),
    'p99'.padStart(8),
    '× hello'.padStart(9),
    'statements'.padStart(11),
  );
  for (const r of routes) {
    const xs = cpu.get(r.name)!;
    console.log(
      r.name.padEnd(42),
      String(pct(xs, 0.5)).padStart(11),
      String(pct(xs, 0.99)).padStart(8),
      (pct(xs, 0.5) / base).toFixed(1).padStart(9),
      String(pct(stmts.get(r.name)!, 0.5)).padStart(11),
    );
  }

  if (process.env.BENCH_DUMP) dumpRounds?.();

  // Part 2: over HTTP on loopback, one route at a time at a fixed concurrency, hello-world first and last.
  if (HTTP_SECONDS > 0) {
    const servers = new Map<object, { url: string; close: () => void }>([
      [hello, await listenOnLoopback(hello)],
      [app, await listenOnLoopback(app)],
      [unkept, await listenOnLoopback(unkept)],
      [floor, await listenOnLoopback(floor)],
    ]);
    const sequence = [...routes.filter((r) => !r.run && !r.before), routes[0]!];
    const results: Array<{ name: string; perSecond: number; p50: number; p99: number; cpuPerRequest: number }> = [];
    for (const r of sequence) {
      const load = {
        url: servers.get(r.app)!.url + r.path,
        method: r.method ?? 'GET',
        headers: r.headers ?? {},
        body: r.body,
        concurrency: CONCURRENCY,
        seconds: HTTP_SECONDS,
      };
      const c0 = cpuUs();
      const { stdout } = await promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        new URL('./http-load.ts', import.meta.url).pathname,
        JSON.stringify(load),
      ]);
      const c = cpuUs() - c0;
      const out = JSON.parse(stdout) as { requests: number; perSecond: number; p50: number; p99: number };
      results.push({
        name: r.name,
        perSecond: out.perSecond,
        p50: out.p50,
        p99: out.p99,
        cpuPerRequest: Math.round(c / out.requests),
      });
    }
    for (const s of servers.values()) s.close();
    const helloCpu = (results[0]!.cpuPerRequest + results[results.length - 1]!.cpuPerRequest) / 2;
    console.log(
      `\nover HTTP, ${CONCURRENCY} concurrent, ${HTTP_SECONDS} s each`.padEnd(42),
      'req/s'.padStart(7),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'CPU µs/req'.padStart(11),
      '× hello'.padStart(8),
    );
    for (const [i, r] of results.entries()) {
      console.log(
        `${r.name}${i === results.length - 1 ? ' (again)' : ''}`.padEnd(42),
        String(r.perSecond).padStart(7),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.cpuPerRequest).padStart(11),
        (r.cpuPerRequest / helloCpu).toFixed(1).padStart(8),
      );
    }
  }
} finally {
  if (process.env.BENCH_KEEP || reuse) console.log(`kept ${deps.dir}`);
  else deps.cleanup();
}
