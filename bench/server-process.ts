// Herald (or the hello-world baseline) as a separate process, for benchmarks that measure a server from outside:
// its CPU and event-loop delay come from bench/probe.mjs inside it, so the load generator's own work never counts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
// BENCH_BUNDLE=<path>: another build (e.g. a copy of the bundle before a change, for an A/B run on the same machine),
// read at each start so that one run can start two builds.
const bundle = () => process.env.BENCH_BUNDLE ?? join(ROOT, 'server', 'dist', 'main.js');
const PROBE = join(ROOT, 'bench', 'probe.mjs');

/** The process's CPU so far (user and kernel; `sysUs` the kernel's alone) and its event-loop delay since the last. */
export type Probe = { cpuUs: number; sysUs: number; eldMaxMs: number; eldP99Ms: number };
/** How the server is run: the built bundle (as `npm start`), the TypeScript sources through tsx, or hello-world. */
export type ServerKind = 'bundle' | 'tsx' | 'hello';

const argsFor = (kind: ServerKind) => {
  if (kind === 'hello') return [join(ROOT, 'server', 'src', 'testing', 'hello-server.mjs')];
  if (kind === 'tsx') return ['--import', 'tsx', join(ROOT, 'server', 'src', 'main.ts')];
  if (!existsSync(bundle()))
    throw new Error('no server/dist/main.js: run `node scripts/herald.mjs build-server` first');
  return ['--enable-source-maps', bundle()];
};

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  /** Wall ms from spawn to the line that says it listens. */
  startMs: number;
  probe(): Promise<Probe>;
  /**
   * Resolves once the server has been nearly idle (under a tenth of a core) for a quarter of a second: what it does
   * after the bench's set-up (the WAL checkpoint, notifications, expiry) must not be counted in the next phase.
   */
  quiet(limitMs?: number): Promise<void>;
  stop(): Promise<void>;
  output(): string;
};

/** Starts a server and resolves once it listens (Herald's banner, or hello-world's line). */
export function startServer(kind: ServerKind, env: Record<string, string>): Promise<ServerProcess> {
  const t0 = performance.now();
  // BENCH_CPU_PROF=<dir>: Herald (not hello-world) writes a CPU profile there when it stops (--cpu-prof).
  const prof =
    kind !== 'hello' && process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  const child = spawn(process.execPath, [...prof, '--import', PROBE, ...argsFor(kind)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let probeWaiters: Array<(p: Probe) => void> = [];
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const ready = kind === 'hello' ? /listening on (\d+)/ : /API reference:\s+http:\/\/[^:]+:(\d+)/;
  return new Promise((resolve, reject) => {
    let started = false;
    const onData = (d: Buffer) => {
      out += d;
      for (const m of String(d).matchAll(/^PROBE (.*)$/gm)) {
        const p = JSON.parse(m[1]!) as Probe;
        const waiters = probeWaiters;
        probeWaiters = [];
        waiters.forEach((w) => w(p));
      }
      const match = !started && ready.exec(out);
      const probe = () =>
        new Promise<Probe>((r) => {
          probeWaiters.push(r);
          child.kill('SIGUSR2');
        });
      if (match) {
        started = true;
        resolve({
          child,
          port: Number(match[1]),
          startMs: performance.now() - t0,
          output: () => out,
          probe,
          quiet: async (limitMs = 60_000) => {
            const t = performance.now();
            for (let last = await probe(); performance.now() - t < limitMs;) {
              const from = performance.now();
              await new Promise((r) => setTimeout(r, 250));
              const next = await probe();
              if (next.cpuUs - last.cpuUs < (performance.now() - from) * 100) return;
              last = next;
            }
            throw new Error(`the ${kind} server was still busy after ${limitMs} ms`);
          },
          stop: async () => {
            if (child.exitCode === null) {
              child.kill('SIGTERM');
              await exited;
            }
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => {
      if (!started) reject(new Error(`${kind} server exited (${code}):\n${out}`));
    });
  });
}
