// Element and client tests in Debian's Chromium. When server/src/dev/test-server.ts exists, a real Herald
// server (temp database) is started and `/api/` is proxied to it, so tests stay same-origin; its admin
// credentials are exposed to the tests at `/__herald-test-server.json`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const root = new URL('.', import.meta.url).pathname;
const testServerEntry = `${root}server/src/dev/test-server.ts`;

/** Starts the real test server once; resolves to its JSON line, or null if there is none. */
function startTestServer() {
  if (process.env.HERALD_TEST_SERVER === 'off' || !existsSync(testServerEntry)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', testServerEntry], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const stop = () => child.kill();
    process.once('exit', stop);
    child.once('exit', () => resolve(null));
    createInterface({ input: child.stdout }).once('line', (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve(null);
      }
    });
  });
}

let testServer;
const apiProxy = async (ctx, next) => {
  if (ctx.path === '/__herald-test-server.json') {
    testServer ??= startTestServer();
    const info = await testServer;
    ctx.body = JSON.stringify(info ?? { url: null });
    ctx.type = 'application/json';
    return;
  }
  if (!ctx.path.startsWith('/api/')) return next();
  testServer ??= startTestServer();
  const info = await testServer;
  if (!info) {
    ctx.status = 502;
    return;
  }
  const headers = { ...ctx.request.headers };
  delete headers.host;
  const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : ctx.req;
  const upstream = await fetch(info.url + ctx.url, { method: ctx.method, headers, body, duplex: 'half', redirect: 'manual' });
  ctx.status = upstream.status;
  upstream.headers.forEach((value, key) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) ctx.set(key, value);
  });
  const cookies = upstream.headers.getSetCookie?.() ?? [];
  if (cookies.length) ctx.set('set-cookie', cookies);
  ctx.body = upstream.body ? (await import('node:stream')).Readable.fromWeb(upstream.body) : null;
};

export default {
  files: ['packages/*/src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 180_000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  middleware: [apiProxy],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.json` })],
  testRunnerHtml: (testFramework) =>
    `<html><head><script>window.process={env:{NODE_ENV:'development'}}</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
};
