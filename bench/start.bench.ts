/**
 * Compiled start (issue 15): CPU a server process spends until it answers its first request, on an existing
 * database — Herald from the built bundle (server/dist/main.js, as `npm start` runs it), Herald from the TypeScript
 * sources through tsx (as before), and a bare Hono hello-world — interleaved, median of `runs`. CPU is the whole
 * process's (every thread: tsx compiles in a loader thread), read by bench/probe.mjs once `/healthz` answered.
 *
 *   node scripts/herald.mjs build-server && node --import tsx bench/start.bench.ts [runs=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/support.js';
import { startServer, type ServerKind } from './server-process.js';

const RUNS = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'herald-start-bench-'));
const env = (port: number) => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  HERALD_DATA_DIR: dir,
  HERALD_LOG_LEVEL: 'warn',
  HERALD_LOG_FILE: join(dir, 'herald.log'),
  HERALD_DEMO_PORTAL_PORT: 'off',
  HERALD_ADMIN_PASSWORD: 'bench-password-0123',
});

/** Spawns, waits for the first answer, reads CPU and RSS; answers CPU ms and wall ms. */
async function firstAnswer(kind: ServerKind): Promise<{ cpuMs: number; wallMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const server = await startServer(kind, kind === 'hello' ? { PORT: String(port) } : env(port));
  try {
    const res = await fetch(`http://127.0.0.1:${port}${kind === 'hello' ? '/' : '/healthz'}`);
    if (!res.ok) throw new Error(`${kind}: ${res.status}`);
    await res.arrayBuffer();
    const wallMs = performance.now() - t0;
    return { cpuMs: (await server.probe()).cpuUs / 1000, wallMs };
  } finally {
    await server.stop();
  }
}

try {
  await firstAnswer('bundle'); // creates, migrates and seeds the database: every measured start finds it existing
  const kinds: ServerKind[] = ['hello', 'bundle', 'tsx'];
  const cpu = new Map(kinds.map((k) => [k, [] as number[]]));
  const wall = new Map(kinds.map((k) => [k, [] as number[]]));
  for (let r = 0; r < RUNS; r++) {
    for (const kind of kinds) {
      const m = await firstAnswer(kind);
      cpu.get(kind)!.push(m.cpuMs);
      wall.get(kind)!.push(m.wallMs);
    }
  }
  const base = median(cpu.get('hello')!);
  console.log(
    `CPU to the first answer on an existing database, median of ${RUNS} interleaved runs, Node ${process.version}\n`,
  );
  const names: Record<ServerKind, string> = {
    hello: 'hello-world (bare Hono)',
    bundle: 'Herald, built bundle (npm start)',
    tsx: 'Herald, sources through tsx',
  };
  for (const kind of kinds) {
    const c = median(cpu.get(kind)!);
    console.log(
      `${names[kind].padEnd(34)} CPU ${c.toFixed(0).padStart(5)} ms  (${(c / base).toFixed(1)}× hello)  wall ` +
        `${median(wall.get(kind)!).toFixed(0).padStart(5)} ms`,
    );
  }
  console.log('\ntarget: the bundle ≤ 1000 ms of CPU');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
