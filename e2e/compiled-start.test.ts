// Issue 15, compiled start: `npm start` (scripts/herald.mjs start) rebuilds the server bundle when a source is newer
// and runs server/dist/main.js — never tsx — and that bundle finds what it reads at run time: the migrations (a new
// database), the widget bundle and the examples; a second start on the same database works too.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePorts, ROOT, startProcess } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function npmStart() {
  const [port, portal] = await freePorts(2);
  const p = await startProcess(
    ['scripts/herald.mjs', 'start'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      HERALD_DATA_DIR: dir,
      HERALD_LOG_LEVEL: 'warn',
      HERALD_DEMO_PORTAL_PORT: String(portal),
    },
    /API reference:\s+\S+\n/,
  );
  return { ...p, url: `http://127.0.0.1:${port}` };
}

/** The command lines of a process's children (Linux). */
const children = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' '));

test('issue 15: npm start rebuilds a stale server bundle and runs it; migrations, widgets and examples are \
found', async () => {
  const source = join(ROOT, 'server/src/paths.ts');
  const bundle = join(ROOT, 'server/dist/main.js');
  // A bundle older than a source (aged, not a source moved into the future: a fast build would finish before that
  // future and look stale again to the next start).
  if (existsSync(bundle)) {
    const old = new Date(statSync(source).mtimeMs - 60_000);
    utimesSync(bundle, old, old);
  }
  const herald = await npmStart();
  try {
    assert.match(herald.output(), /Building the server/);
    assert.ok(
      statSync(join(ROOT, 'server/dist/main.js')).mtimeMs >= statSync(source).mtimeMs,
      'the bundle was rebuilt',
    );
    const cmdlines = children(herald.child.pid!);
    assert.ok(
      cmdlines.some((c) => c.includes('server/dist/main.js')),
      `runs the bundle: ${cmdlines.join(' | ')}`,
    );
    assert.ok(
      cmdlines.every((c) => !c.includes('tsx')),
      'no TypeScript loader at run time',
    );

    const signIn = await fetch(`${herald.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'E1001', password: 'not-the-password' }),
    });
    assert.equal(signIn.status, 401, 'the migrated database answers (a refused sign-in, not a 500)');
    assert.equal((await fetch(`${herald.url}/widgets/herald.js`)).status, 200);
    assert.equal((await fetch(`${herald.url}/examples/intranet/`)).status, 200);
    const doc = await fetch(`${herald.url}/api/v1/openapi.json`);
    assert.equal(doc.status, 200);
  } finally {
    await herald.stop();
  }
});

test('issue 15: a second npm start on the same database uses the bundle as built and answers', async () => {
  const herald = await npmStart();
  try {
    assert.doesNotMatch(herald.output(), /Building the server/, 'an up-to-date bundle is not rebuilt');
    assert.equal((await fetch(`${herald.url}/healthz`)).status, 200);
  } finally {
    await herald.stop();
  }
});
