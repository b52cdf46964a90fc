/**
 * Attachment upload throughput (R8), kept here since issue 14 took the 20 s limit out of the attachments test: over
 * real loopback HTTP, a 50 MB file stored, the same plus one byte refused with 413 (Content-Length declared, so the
 * body is read and thrown away before the answer), and 70 MB chunked refused at 50 MB — against the baseline of the
 * same 50 MB POSTed to a bare node:http server that only counts the bytes (the transport's own cost), in this run.
 *
 *   node --import tsx bench/upload.bench.ts [runs=5]
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createApp } from '../server/src/app.js';
import { MAX_FILE_BYTES } from '../server/src/modules/attachments/service.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';

const RUNS = Number(process.argv[2] ?? 5);
const MB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const file = (size: number) => {
  const b = Buffer.alloc(size, 0x20);
  PDF.copy(b);
  return b;
};
/** A body of `size` bytes sent chunked (no Content-Length), 1 MB at a time. */
const chunked = (size: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (sent >= size) return c.close();
        const n = Math.min(MB, size - sent);
        const bytes = new Uint8Array(n).fill(0x20);
        if (sent === 0) bytes.set(PDF);
        sent += n;
        c.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
};
const listen = (server: Server) =>
  new Promise<string>((r) =>
    server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

// The server package's own @hono/node-server (the workspace root does not depend on it).
const nodeServer = createRequire(new URL('../server/package.json', import.meta.url)).resolve('@hono/node-server');
const { serve } = (await import(pathToFileURL(nodeServer).href)) as {
  serve: (
    options: { fetch: ReturnType<typeof createApp>['fetch']; port: number; hostname: string },
    listening: (info: AddressInfo) => void,
  ) => Server;
};

const deps = await testDeps();
const app = createApp(deps);
let base = '';
const herald = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  base = `http://127.0.0.1:${info.port}`;
});
const bare = createServer((req, res) => {
  let n = 0;
  req.on('data', (d: Buffer) => {
    n += d.length;
  });
  req.on('end', () => res.end(String(n)));
});
try {
  const baseline = await listen(bare);
  const admin = await adminBrowser(app, deps.db);
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' };
  const exact = file(MAX_FILE_BYTES);
  const over = file(MAX_FILE_BYTES + 1);
  const timed = async (run: () => Promise<Response>, status: number) => {
    const t = performance.now();
    const res = await run();
    await res.arrayBuffer();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}`);
    return performance.now() - t;
  };
  const cases: Record<string, () => Promise<number>> = {
    'baseline: 50 MB to a bare server': () => timed(() => fetch(baseline, { method: 'POST', body: exact }), 200),
    'store 50 MB (201)': () =>
      timed(() => fetch(`${base}/api/v1/attachments?name=exact.pdf`, { method: 'POST', headers, body: exact }), 201),
    'refuse 50 MB + 1 declared (413)': () =>
      timed(() => fetch(`${base}/api/v1/attachments?name=over.pdf`, { method: 'POST', headers, body: over }), 413),
    'refuse 70 MB chunked (413)': () =>
      timed(
        () =>
          fetch(`${base}/api/v1/attachments?name=huge.pdf`, {
            method: 'POST',
            headers,
            body: chunked(MAX_FILE_BYTES + 20 * MB),
            duplex: 'half',
          } as RequestInit),
        413,
      ),
  };
  const results: Record<string, number> = {};
  for (const [name, run] of Object.entries(cases)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await run());
    results[name] = median(times);
  }
  const base0 = results['baseline: 50 MB to a bare server']!;
  console.log(`upload, median of ${RUNS} runs`);
  for (const [name, ms] of Object.entries(results))
    console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ×${(ms / base0).toFixed(2)}`);
} finally {
  herald.close();
  bare.close();
  deps.cleanup();
}
