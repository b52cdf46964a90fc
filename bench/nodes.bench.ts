/**
 * Several nodes on one PostgreSQL (issue 18 items 2, 6): the same load against
 *   - the embedded file, one node (today's default; the anchor),
 *   - PostgreSQL, one node,
 *   - PostgreSQL, three nodes (the load split evenly across them, as a round-robin load balancer would),
 *   - PostgreSQL, three nodes without the LISTEN wake (HERALD_LIVE_LISTEN=false: poll only), for the live figure,
 * each node the built bundle as `npm start` runs it (bench/server-process.ts), all on one throw-away PostgreSQL cluster
 * (server/src/testing/pg-cluster.ts), a fresh database per case, attachments in one shared folder.
 *
 * The load, for `seconds` at once: sends (POST /messages, 张三 to three colleagues) and inbox lists
 * (GET /mailbox?limit=50 as one of them) from load generators in child processes (bench/http-load.ts), and open live
 * streams on every node. Meanwhile a probe sends a message through the first node every 200 ms to a member whose
 * streams are open on every node and times each `message.received` frame from the send's answer: on three nodes the
 * frames that count are those of the *other* nodes (the cross-node delivery; target p99 < 250 ms). The probe runs
 * 8 s alone first (the live figure without other load), then under the load.
 *
 *   node --import tsx bench/nodes.bench.ts [seconds=20] [streamsPerNode=20]
 *
 * All nodes, PostgreSQL and the load generators share this machine's cores: three nodes here show correctness and the
 * overhead of sharing one database, not real scaling (README "Scaling out").
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pgUnavailable, startPgCluster, type PgCluster } from '../server/src/testing/pg-cluster.js';
import { apiSession, freePorts, memberWithPassword } from '../e2e/support.js';
import { startServer, type ServerProcess } from './server-process.js';

const SECONDS = Number(process.argv[2] ?? 20);
const STREAMS_PER_NODE = Number(process.argv[3] ?? 20);
/** Concurrent requests of each kind in all, split across the nodes. */
const SEND_CONCURRENCY = 3;
const LIST_CONCURRENCY = 6;
const PROBE_EVERY_MS = 200;
/** The probe alone first, before the load starts. */
const QUIET_SECONDS = 8;
const ADMIN_PASSWORD = 'bench-Nodes-0123!';
const PASSWORD = 'bench-Member-0123!';

type Case = { name: string; engine: 'file' | 'pg'; nodes: number; listen?: boolean };
const CASES: Case[] = [
  { name: 'embedded file, 1 node', engine: 'file', nodes: 1 },
  { name: 'PostgreSQL, 1 node', engine: 'pg', nodes: 1 },
  { name: 'PostgreSQL, 3 nodes', engine: 'pg', nodes: 3 },
  { name: 'PostgreSQL, 3 nodes, poll only', engine: 'pg', nodes: 3, listen: false },
];

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : NaN;

type Session = { cookie: string; csrf: string };
async function signIn(url: string, login: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

type LoadResult = { requests: number; latencies: number[]; failed: Record<string, number> };
async function httpLoad(load: Record<string, unknown>): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./http-load.ts', import.meta.url).pathname,
      JSON.stringify({ ...load, raw: true, countFailures: true }),
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LoadResult;
}

/** Opens a live stream; calls `onReceived(messageId)` for each `message.received` frame until `stop`. */
async function openStream(url: string, session: Session, onReceived: (messageId: string) => void) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/live`, { headers: { cookie: session.cookie }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`live: ${res.status}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: '' }));
      if (chunk.done) return;
      buffer += chunk.value;
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event === 'ready') ready();
        if (event === 'message.received') {
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) onReceived((JSON.parse(data) as { messageId: string }).messageId);
        }
      }
    }
  })();
  await isReady;
  return () => abort.abort();
}

type Figures = {
  name: string;
  nodes: number;
  sendsPerSecond: number;
  sendP99: number;
  listsPerSecond: number;
  listP99: number;
  liveP50: number;
  liveP99: number;
  liveFrames: number;
  probes: number;
  /** The probe alone (no sends or lists besides it): p50/p99 and frames received of frames expected. */
  quietP50: number;
  quietP99: number;
  quietFrames: string;
  /** Answers that were not 2xx, by status (a send past the 5 s busy deadline is `503 busy`). */
  failed: string;
};

async function runCase(c: Case, cluster: PgCluster | undefined, index: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-nodes-bench-'));
  const blobs = join(dir, 'shared-blobs');
  mkdirSync(blobs);
  const servers: ServerProcess[] = [];
  const stops: Array<() => void> = [];
  try {
    const shared: Record<string, string> =
      c.engine === 'pg'
        ? {
            DATABASE_URL: await cluster!.createDatabase(`herald_bench_${index}`),
            HERALD_BLOB_URL: `file:${blobs}`,
          }
        : {};
    const ports = await freePorts(c.nodes);
    // The first node migrates and seeds the demo organisation; the others start on what it made.
    for (let n = 0; n < c.nodes; n++) {
      const nodeDir = join(dir, `node-${n}`);
      mkdirSync(nodeDir);
      servers.push(
        await startServer('bundle', {
          PORT: String(ports[n]),
          HOST: '127.0.0.1',
          HERALD_DATA_DIR: c.engine === 'pg' ? nodeDir : dir,
          HERALD_LOG_LEVEL: 'warn',
          HERALD_LOG_FILE: join(nodeDir, 'herald.log'),
          HERALD_DEMO_PORTAL_PORT: 'off',
          HERALD_ADMIN_PASSWORD: ADMIN_PASSWORD,
          HERALD_LIVE_LISTEN: c.listen === false ? 'false' : 'true',
          ...shared,
        }),
      );
    }
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    const admin = await apiSession(urls[0]!, 'admin', ADMIN_PASSWORD);
    await admin.call('POST', '/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: `${ADMIN_PASSWORD}x` });
    const ids: Record<string, string> = {};
    for (const no of ['E1001', 'E1002', 'E1003', 'E1004', 'E1005'])
      ids[no] = await memberWithPassword(urls[0]!, admin, no, PASSWORD);
    const sender = await signIn(urls[0]!, 'E1001', PASSWORD);
    const reader = await signIn(urls[0]!, 'E1003', PASSWORD);
    const watcher = await signIn(urls[0]!, 'E1002', PASSWORD);

    // Live streams: the watcher's, on every node; a frame's node is what counts (other nodes' on three).
    // A frame may beat the send's answer to this process (the commit wakes the hubs before the answer is written):
    // arrivals are kept by message and timed once the answer's moment is known; one that came first counts as 0 ms.
    const sentAt = new Map<string, number>();
    const arrivals: Array<{ id: string; node: number; at: number }> = [];
    for (let n = 0; n < c.nodes; n++) {
      for (let s = 0; s < STREAMS_PER_NODE; s++) {
        stops.push(await openStream(urls[n]!, watcher, (id) => arrivals.push({ id, node: n, at: performance.now() })));
      }
    }

    const message = (to: string[], subject: string) =>
      JSON.stringify({
        kind: 'internal',
        subject,
        audience: to.map((id) => ({ kind: 'member', targetId: id })),
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '负载' }] }] },
      });
    const split = (total: number) =>
      Array.from({ length: c.nodes }, (_, n) => Math.floor(total / c.nodes) + (n < total % c.nodes ? 1 : 0));
    // The probe: a message through the first node every PROBE_EVERY_MS to the watcher; answers the sent ids.
    let probeFailures = 0;
    const probe = async (seconds: number): Promise<Set<string>> => {
      const sent = new Set<string>();
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        const res = await fetch(`${urls[0]}/api/v1/messages`, {
          method: 'POST',
          headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrf, 'content-type': 'application/json' },
          body: message([ids.E1002!], '探测'),
        });
        const answered = performance.now();
        if (res.status !== 201) {
          probeFailures++;
          continue;
        }
        const id = ((await res.json()) as { id: string }).id;
        sentAt.set(id, answered);
        sent.add(id);
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
      return sent;
    };
    /** The frames of these probes on the nodes that count, from each send's answer. */
    const timed = (sent: Set<string>) =>
      arrivals
        .filter((f) => sent.has(f.id) && (c.nodes === 1 || f.node !== 0))
        .map((f) => Math.max(0, f.at - sentAt.get(f.id)!));
    // First with no other load (the live figure alone), then under the load.
    const quiet = await probe(QUIET_SECONDS);
    await new Promise((r) => setTimeout(r, 1_000));
    const quietProbes = quiet.size;
    const sendLoads = split(SEND_CONCURRENCY).map((concurrency, n) =>
      httpLoad({
        url: `${urls[n]}/api/v1/messages`,
        method: 'POST',
        headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrf, 'content-type': 'application/json' },
        body: message([ids.E1003!, ids.E1004!, ids.E1005!], '负载测试'),
        concurrency,
        seconds: SECONDS,
      }),
    );
    const listLoads = split(LIST_CONCURRENCY).map((concurrency, n) =>
      httpLoad({
        url: `${urls[n]}/api/v1/mailbox?limit=50`,
        method: 'GET',
        headers: { cookie: reader.cookie },
        concurrency,
        seconds: SECONDS,
      }),
    );
    const [sends, lists, underLoad] = await Promise.all([
      Promise.all(sendLoads),
      Promise.all(listLoads),
      // While the loads run (after their generators started).
      (async () => {
        await new Promise((r) => setTimeout(r, 3_000));
        return probe(SECONDS - 4);
      })(),
    ]);
    await new Promise((r) => setTimeout(r, 2_000)); // the last probes' frames
    const counted = timed(underLoad);
    const quietCounted = timed(quiet);
    const all = (rs: LoadResult[]) => rs.flatMap((r) => r.latencies);
    const sum = (rs: LoadResult[]) => rs.reduce((a, r) => a + r.requests, 0);
    const failures = (rs: LoadResult[]) => {
      const by: Record<string, number> = {};
      for (const r of rs) for (const [status, n] of Object.entries(r.failed)) by[status] = (by[status] ?? 0) + n;
      return Object.entries(by)
        .map(([status, n]) => `${n}×${status}`)
        .join(' ');
    };
    return {
      name: c.name,
      nodes: c.nodes,
      sendsPerSecond: Math.round(sum(sends) / SECONDS),
      sendP99: pct(all(sends), 0.99),
      listsPerSecond: Math.round(sum(lists) / SECONDS),
      listP99: pct(all(lists), 0.99),
      liveP50: pct(counted, 0.5),
      liveP99: pct(counted, 0.99),
      liveFrames: counted.length,
      probes: underLoad.size,
      quietP50: pct(quietCounted, 0.5),
      quietP99: pct(quietCounted, 0.99),
      quietFrames: `${quietCounted.length}/${quietProbes * Math.max(1, c.nodes - 1) * STREAMS_PER_NODE}`,
      failed: [failures([...sends, ...lists]), probeFailures ? `${probeFailures} probes` : ''].join(' ').trim(),
    };
  } finally {
    for (const stop of stops) stop();
    for (const s of servers.reverse()) await s.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

const missing = pgUnavailable();
if (missing) console.log(`PostgreSQL cases skipped: ${missing}`);
const cluster = missing ? undefined : await startPgCluster();
const results: Figures[] = [];
try {
  for (const [i, c] of CASES.entries()) {
    if (c.engine === 'pg' && !cluster) continue;
    results.push(await runCase(c, cluster, i));
    const r = results.at(-1)!;
    console.log(`done: ${r.name}`);
  }
} finally {
  await cluster?.stop();
}

const anchor = results[0]!;
console.log(
  `\n${SECONDS} s each: ${SEND_CONCURRENCY} concurrent sends (to 3 members) + ${LIST_CONCURRENCY} concurrent inbox ` +
    `lists, split across the nodes; ${STREAMS_PER_NODE} live streams per node; a probe send every ` +
    `${PROBE_EVERY_MS} ms through node 1, its frames timed on the other nodes (on 1 node: on it); ` +
    `Node ${process.version}`,
);
const table = (cols: string[], widths: number[], rows: string[][]) => {
  const line = (cells: string[]) => cells.map((x, i) => (i ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('');
  console.log(line(cols));
  for (const r of rows) console.log(line(r));
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
table(
  ['load', 'sends/s', '×', 'send p99', 'lists/s', '×', 'list p99', 'not 2xx'],
  [32, 8, 6, 10, 8, 6, 10, 16],
  results.map((r) => [
    r.name,
    String(r.sendsPerSecond),
    (r.sendsPerSecond / anchor.sendsPerSecond).toFixed(2),
    ms(r.sendP99),
    String(r.listsPerSecond),
    (r.listsPerSecond / anchor.listsPerSecond).toFixed(2),
    ms(r.listP99),
    r.failed || '0',
  ]),
);
console.log("\nlive: a frame on another node (1 node: on it) after the send's answer; one that came first counts 0 ms");
table(
  ['live', 'alone p50', 'p99', 'frames', 'loaded p50', 'p99', 'frames'],
  [32, 10, 8, 10, 11, 8, 10],
  results.map((r) => [
    r.name,
    ms(r.quietP50),
    ms(r.quietP99),
    r.quietFrames,
    ms(r.liveP50),
    ms(r.liveP99),
    `${r.liveFrames}/${r.probes * Math.max(1, r.nodes - 1) * STREAMS_PER_NODE}`,
  ]),
);
process.exit(0);
