/**
 * A small HTTP load generator for bench/api.bench.ts, run as a child process so that its own work is not counted as
 * the server's: `concurrency` keep-alive loops call one URL for `seconds` and it prints one JSON line
 * { requests, perSecond, p50, p99 } (latencies in ms). Every answer must be 2xx, unless `countFailures` (then the
 * others are counted by status in `failed`, and their latencies are left out); `raw: true` adds every latency (to pool
 * several loads' percentiles, bench/nodes.bench.ts).
 *
 *   node --import tsx bench/http-load.ts '<json: { url, method, headers, body, concurrency, seconds, raw?,
 *     countFailures? }>'
 */
import { Agent, request } from 'node:http';

type Load = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  concurrency: number;
  seconds: number;
  raw?: boolean;
  countFailures?: boolean;
};
const load = JSON.parse(process.argv[2]!) as Load;
const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency });
const url = new URL(load.url);

const failed: Record<string, number> = {};
/** Resolves true for a 2xx answer, false for another one counted under `countFailures`. */
const once = () =>
  new Promise<boolean>((resolve, reject) => {
    const target = { host: url.hostname, port: url.port, path: url.pathname + url.search };
    const req = request({ ...target, method: load.method, headers: load.headers, agent }, (res) => {
      res.resume();
      const refused = () => new Error(`${load.method} ${load.url}: ${res.statusCode}`);
      res.on('end', () => {
        if (res.statusCode! < 300) return resolve(true);
        if (!load.countFailures) return reject(refused());
        failed[res.statusCode!] = (failed[res.statusCode!] ?? 0) + 1;
        resolve(false);
      });
    });
    req.on('error', reject);
    req.end(load.body);
  });

const latencies: number[] = [];
const until = performance.now() + load.seconds * 1000;
await Promise.all(
  Array.from({ length: load.concurrency }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      if (await once()) latencies.push(performance.now() - t);
    }
  }),
);
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 100) / 100;
const perSecond = Math.round(latencies.length / load.seconds);
const raw = load.raw ? { latencies: latencies.map((l) => Math.round(l * 100) / 100) } : {};
const failures = load.countFailures ? { failed } : {};
console.log(
  JSON.stringify({ requests: latencies.length, perSecond, p50: at(0.5), p99: at(0.99), ...failures, ...raw }),
);
