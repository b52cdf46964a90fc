/**
 * A small HTTP load generator for bench/api.bench.ts, run as a child process so that its own work is not counted as
 * the server's: `concurrency` keep-alive loops call one URL for `seconds` and it prints one JSON line
 * { requests, perSecond, p50, p99 } (latencies in ms). Every answer must be 2xx.
 *
 *   node --import tsx bench/http-load.ts '<json: { url, method, headers, body, concurrency, seconds }>'
 */
import { Agent, request } from 'node:http';

type Load = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  concurrency: number;
  seconds: number;
};
const load = JSON.parse(process.argv[2]!) as Load;
const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency });
const url = new URL(load.url);

const once = () =>
  new Promise<void>((resolve, reject) => {
    const target = { host: url.hostname, port: url.port, path: url.pathname + url.search };
    const req = request({ ...target, method: load.method, headers: load.headers, agent }, (res) => {
      res.resume();
      const failed = () => new Error(`${load.method} ${load.url}: ${res.statusCode}`);
      res.on('end', () => (res.statusCode! < 300 ? resolve() : reject(failed())));
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
      await once();
      latencies.push(performance.now() - t);
    }
  }),
);
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 100) / 100;
const perSecond = Math.round(latencies.length / load.seconds);
console.log(JSON.stringify({ requests: latencies.length, perSecond, p50: at(0.5), p99: at(0.99) }));
