// Element and client tests in Debian's Chromium. When server/src/dev/test-server.ts exists, a real Herald
// server (temp database) is started and `/api/` is proxied to it, so tests stay same-origin; its admin
// credentials are exposed to the tests at `/__herald-test-server.json`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileTimesReporter } from './scripts/wtr-file-times.mjs';

const root = new URL('.', import.meta.url).pathname;
const testServerEntry = `${root}server/src/dev/test-server.ts`;

/** Starts the real test server once; resolves to its JSON line, or null if there is none. */
function startTestServer() {
  if (process.env.HERALD_TEST_SERVER === 'off' || !existsSync(testServerEntry)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', testServerEntry], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const stop = () => child.kill();
    process.once('exit', stop);
    child.once('exit', () => resolve(null));
    createInterface({ input: child.stdout }).once('line', async (line) => {
      let info;
      try {
        info = JSON.parse(line);
      } catch {
        return resolve(null);
      }
      resolve(await withOrgAdmin(info));
    });
  });
}

/**
 * Before any test runs: signs the super admin in (forced password change), creates the member `wtr-admin` with the
 * organisation-admin and external-sender roles and a known password (for the member-admin tests), then resets the
 * super admin's password so that it again must be changed at first sign-in, as the sign-in tests expect; the JSON
 * then carries that temporary password. Skipped (info unchanged) while the member routes do not exist.
 */
async function withOrgAdmin(info) {
  const api = `${info.url}/api/v1`;
  const session = async (login, password) => {
    const res = await fetch(`${api}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (!res.ok) throw new Error(`sign-in ${login}: ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await res.json();
    const call = async (method, path, body) => {
      const r = await fetch(`${api}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': me.csrfToken ?? '',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return r.status === 204 ? null : r.json();
    };
    return { me, call };
  };
  try {
    const admin = await session(info.adminLogin, info.adminPassword);
    await admin.call('POST', '/auth/password', {
      currentPassword: info.adminPassword,
      newPassword: `Wtr-${Math.random().toString(36).slice(2)}-pass`,
    });
    const departments = await admin.call('GET', '/departments');
    const list = Array.isArray(departments) ? departments : departments.items;
    const created = await admin.call('POST', '/members', {
      employeeNo: 'wtr-admin',
      name: 'WTR Admin',
      departmentId: list[0].id,
    });
    const roles = await admin.call('GET', '/roles');
    for (const key of ['org-admin', 'external-sender']) {
      const role = (Array.isArray(roles) ? roles : roles.items).find((r) => r.builtinKey === key);
      await admin.call('POST', `/members/${created.id}/grants`, { roleId: role.id });
    }
    // An approval admin, which only a super admin can make (nobody hands out a right they do not hold, issue 13).
    const approvalRole = await admin.call('POST', '/roles', {
      name: 'WTR approval admin',
      permissions: ['approval.admin'],
    });
    const approver = await admin.call('POST', '/members', {
      employeeNo: 'wtr-approver',
      name: 'WTR Approver',
      departmentId: list[0].id,
    });
    await admin.call('POST', `/members/${approver.id}/grants`, { roleId: approvalRole.id });
    const { temporaryPassword } = await admin.call('POST', `/members/${admin.me.subject.id}/password`);
    const orgAdminPassword = 'Herald-tab-tests-2026!';
    const orgAdmin = await session('wtr-admin', created.initialPassword);
    await orgAdmin.call('POST', '/auth/password', {
      currentPassword: created.initialPassword,
      newPassword: orgAdminPassword,
    });
    const approverPassword = 'Approver-tab-tests-2026!';
    await (
      await session('wtr-approver', approver.initialPassword)
    ).call('POST', '/auth/password', { currentPassword: approver.initialPassword, newPassword: approverPassword });
    return {
      ...info,
      adminPassword: temporaryPassword,
      orgAdminLogin: 'wtr-admin',
      orgAdminPassword,
      approver: { id: approver.id, login: 'wtr-approver', name: 'WTR Approver', password: approverPassword },
    };
  } catch (error) {
    console.warn(`[wtr] no org admin for the member-admin tests: ${error.message}`);
    return info;
  }
}

/** What is cleared of every origin a file's pages visited: all a page can store, but not the HTTP cache. */
const PAGE_STORAGE = [
  'cookies',
  'local_storage',
  'indexeddb',
  'service_workers',
  'cache_storage',
  'file_systems',
  'websql',
  'shared_storage',
  'storage_buckets',
  'interest_groups',
].join(',');

/**
 * Every test file's page in one browser context, whose storage is cleared between files: a file starts with no
 * cookie, local or session storage, IndexedDB or cache storage of the one before, as in a context of its own, but the
 * HTTP cache (with V8's code cache) is kept, so a page does not fetch and compile the same modules again (about 0.4 s
 * of a 2-core machine per file; wtr's page set-up, not the tests, was most of the step). Pages a file opened (popups)
 * are closed with it. One context per browser: a browser launched again after a crash (or wtr's debug browser) gets
 * its own. Files run one at a time here; with several at once (`--concurrency`) each gets a context of its own, as
 * wtr does by default, since one file's clean-up would clear another's storage.
 */
function oneBrowserContext() {
  // browser → { context (a promise), the origins its pages were on since the last clean-up }
  const contexts = new WeakMap();
  const sharedOf = (browser) => {
    let shared = contexts.get(browser);
    if (!shared) {
      const origins = new Set();
      const context = browser.newContext().then((context) => {
        context.on('page', (page) =>
          page.on('framenavigated', (frame) => {
            const { origin } = new URL(frame.url());
            if (origin.startsWith('http')) origins.add(origin);
          }),
        );
        return context;
      });
      contexts.set(browser, (shared = { context, origins }));
    }
    return shared;
  };
  return {
    createBrowserContext: async ({ browser, config }) => {
      if (config.concurrency > 1) return browser.newContext();
      const { context: opening, origins } = sharedOf(browser);
      const context = await opening;
      /** Closes every page but `page` (popups) and clears what the context's pages stored; `page` carries the CDP. */
      const cleanUp = async (page) => {
        try {
          for (const other of context.pages()) if (other !== page) await other.close();
          const cdp = await context.newCDPSession(page);
          try {
            for (const origin of origins) {
              await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: PAGE_STORAGE });
            }
          } finally {
            await cdp.detach().catch(() => {});
          }
        } finally {
          origins.clear();
          await context.clearCookies().catch(() => {});
        }
      };
      let page;
      return {
        newPage: async () => {
          page = await context.newPage();
          // The file before was not cleaned up (wtr calls close() only once its page left for about:blank): now.
          if (origins.size || context.pages().length > 1) await cleanUp(page);
          return page;
        },
        // What wtr calls when the file is done (its page is on about:blank by then). A failure fails the file, after
        // the rest of the clean-up has run.
        close: async () => {
          try {
            await cleanUp(page);
          } finally {
            await page?.close().catch(() => {});
          }
        },
      };
    },
  };
}

// Started with the runner (not at the first request), so that its start-up and the org admin set-up above are
// done before the first test's timeout starts ticking.
let testServer = startTestServer();
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
  const upstream = await fetch(info.url + ctx.url, {
    method: ctx.method,
    headers,
    body,
    duplex: 'half',
    redirect: 'manual',
  });
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
  // Issue 23: fit the slowest CI day (a loaded 2-core machine ran the suite 5× slower, and tests failed on mocha's
  // 2 s default). One test file at a time — one browser page, one real server — and generous limits; every wait
  // inside a test ends on a positive signal (until() in @herald/client/testing/wait), so a quiet machine never
  // waits for these numbers.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 60_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      ...oneBrowserContext(),
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  middleware: [apiProxy],
  reporters: [defaultReporter(), ...(process.env.HERALD_WTR_TIMES ? [fileTimesReporter()] : [])],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.json` })],
  testRunnerHtml: (testFramework) =>
    `<html><head><script>window.process={env:{NODE_ENV:'development'}}</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
};
