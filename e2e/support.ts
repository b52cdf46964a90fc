import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
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
      '--disable-quic',
    ],
  });

/**
 * `n` distinct free loopback ports. All are held open until each is known: asking twice in a row for one port
 * can hand back the same port twice (a CI run once gave Herald and its demo portal one port).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export const freePort = async () => (await freePorts(1))[0]!;

/**
 * Starts Herald (or anything with a `cleanup`) and Chromium side by side. When one fails the other is stopped
 * too: a browser left open keeps the test file's process alive, and the run then waits forever.
 */
export async function withBrowser<T extends { cleanup: () => Promise<void> }>(
  start: Promise<T>,
): Promise<[T, Browser]> {
  const [server, browser] = await Promise.allSettled([start, launchChromium()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return [server.value, browser.value];
  if (server.status === 'fulfilled') await server.value.cleanup();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

type Proc = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Runs a command until `ready` matches its output; resolves with the match. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Proc & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${args.join(' ')} did not start:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      out += d;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => out, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}):\n${out}`));
    });
  });
}

let serverBuilt = false;
/** The server bundle `npm start` runs (server/dist/main.js), rebuilt first when a source is newer (issue 15). */
export function serverBundle(): string {
  if (!serverBuilt) {
    const r = spawnSync(process.execPath, ['scripts/herald.mjs', 'build-server'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the server bundle failed');
    serverBuilt = true;
  }
  return join(ROOT, 'server/dist/main.js');
}

/**
 * Herald as `npm start` runs it (the built server/dist/main.js), on a throw-away data folder — or on `dir` (kept), to
 * restart it on the same database. `adminPassword` is only printed on the first start.
 */
export async function startHerald(options: { dir?: string; port?: number; env?: Record<string, string> } = {}) {
  if (!existsSync(join(ROOT, 'packages/herald/dist/herald.js')))
    throw new Error('Build the widget bundle first (pnpm build).');
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  const port = options.port ?? (await freePort());
  const p = await startProcess(
    ['--enable-source-maps', serverBundle()],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      HERALD_DATA_DIR: dir,
      HERALD_LOG_LEVEL: 'warn',
      HERALD_OUTBOUND_ALLOW: '127.0.0.1,::1,localhost',
      ...options.env,
    },
    /API reference:\s+\S+\n(?:\s*Super admin:\s+admin \/ (\S+))?/,
  );
  const cleanup = async () => {
    await p.stop();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  };
  return { ...p, dir, port, url: `http://localhost:${port}`, adminPassword: p.match[1]!, cleanup };
}

/**
 * Signs the super admin in on the intranet example (English) and makes the forced first password change
 * (R1). `whileForced` runs while only the password change is allowed.
 */
export async function signInAsAdmin(
  page: Page,
  herald: { url: string; adminPassword: string },
  newPassword: string,
  whileForced?: () => Promise<void>,
) {
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  await page.goto(`${herald.url}/examples/intranet/`);
  await page.getByLabel('Employee number, e-mail or user name').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(herald.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await whileForced?.();
  await page.getByLabel('Current password').fill(herald.adminPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}

export type ApiSession = Awaited<ReturnType<typeof apiSession>>;

/** A cookie session over the API from Node (set-up and checks beside the browser). */
export async function apiSession(url: string, login: string, password: string) {
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in ${login}: ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const json = res.status === 204 ? null : await res.json();
    if (json?.csrfToken) csrf = json.csrfToken;
    return json as T;
  };
  /** A raw upload (`POST /attachments?name=…`): the body as it is, with its content type. */
  const upload = async (path: string, body: Uint8Array<ArrayBuffer>, type: string): Promise<{ id: string }> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': type },
      body: new Blob([body]),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  return { call, upload };
}

/**
 * Gives a demo member (no password in the demo data) a known password, past the forced first change; answers its id.
 */
export async function memberWithPassword(
  url: string,
  admin: ApiSession,
  employeeNo: string,
  password: string,
): Promise<string> {
  const { items } = await admin.call<{ items: Array<{ id: string; employeeNo: string }> }>(
    'GET',
    `/members?q=${employeeNo}`,
  );
  const member = items.find((m) => m.employeeNo === employeeNo)!;
  const { temporaryPassword } = await admin.call<{ temporaryPassword: string }>(
    'POST',
    `/members/${member.id}/password`,
  );
  const session = await apiSession(url, employeeNo, temporaryPassword);
  await session.call('POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: password });
  return member.id;
}

/** The super admin's password after the forced first change `adminApi` makes. */
export const ADMIN_PASSWORD = 'Paper-Crane-2026!';

/** The super admin over the API, past the forced first password change (R1), now with `ADMIN_PASSWORD`. */
export async function adminApi(herald: { url: string; adminPassword: string }): Promise<ApiSession> {
  const admin = await apiSession(herald.url, 'admin', herald.adminPassword);
  await admin.call('POST', '/auth/password', { currentPassword: herald.adminPassword, newPassword: ADMIN_PASSWORD });
  return admin;
}

/** Demo members given known passwords (`memberWithPassword`) and signed in: fills `into` by employee number. */
export async function signInMembers(
  url: string,
  admin: ApiSession,
  passwords: Record<string, string>,
  into: { ids: Record<string, string>; sessions: Record<string, ApiSession> },
): Promise<void> {
  for (const [no, password] of Object.entries(passwords)) {
    into.ids[no] = await memberWithPassword(url, admin, no, password);
    into.sessions[no] = await apiSession(url, no, password);
  }
}

/** The intranet page (English) in a fresh browser context, signed in through its form. */
export async function intranetAs(
  browser: Browser,
  url: string,
  login: string,
  password: string,
  options: { waitForLive?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  await page.goto(`${url}/examples/intranet/`);
  // The live stream's answer is the positive signal that the page hears what is sent from now on (issue 23).
  const live = options.waitForLive
    ? page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/live' && r.ok(), { timeout: 60_000 })
    : null;
  await page.getByLabel('Employee number, e-mail or user name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).first().waitFor();
  await live;
  return page;
}

/** A paragraph of text as a Herald rich-text body. */
export const textBody = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Sends a message (POST /messages) from a signed-in page, with its session and CSRF token; answers status and body. */
export async function sendFrom(page: Page, message: Record<string, unknown>): Promise<{ status: number; body: any }> {
  return page.evaluate(async (message) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch('/api/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': me.csrfToken,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify(message),
    });
    return { status: res.status, body: await res.json() };
  }, message);
}
