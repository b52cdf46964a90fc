// The request log (app.ts): a line per request at `debug` only (issue 23: the terminal of `npm start` stays quiet), and
// never a contact link's token (issue 19 item 4: an unopened link is a secret until it is used).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createApp } from '../app.js';
import { testDeps } from '../testing/deps.js';
import { captureLog } from '../testing/log-capture.js';

type Line = { level?: number; msg?: string; method?: string; path?: string; status?: number; ms?: number };

const deps = await testDeps();
after(() => deps.cleanup());

/**
 * An app whose log lines a test reads back, at `level`. They are written as the request runs (the line after the
 * route, before the answer), so every line of a request is there once it is answered.
 */
function logged(level: 'debug' | 'info') {
  const { lines, logger } = captureLog(level);
  return { app: createApp({ ...deps, logger }), lines: lines as Line[] };
}

const TOKEN = 'a-contact-link-token-that-must-never-be-logged';

/** pino's number for `debug`. */
const DEBUG = 20;

/** A health check, then the contact's page for an unknown link, looked at and opened (an unknown link is gone: 410). */
async function requests(app: ReturnType<typeof createApp>) {
  assert.equal((await app.request('/healthz')).status, 200);
  assert.equal((await app.request(`/conversation/open/${TOKEN}`)).status, 410);
  assert.equal((await app.request(`/conversation/open/${TOKEN}`, { method: 'POST' })).status, 410);
}

test("issue 23: at debug, a line per request — and a contact link's token is not in it (issue 19 item 4)", async () => {
  const { app, lines: all } = logged('debug');
  await requests(app);
  const lines = all.filter((l) => l.msg === 'request');
  assert.deepEqual(
    lines.map(({ level, method, path, status }) => ({ level, method, path, status })),
    [
      { level: DEBUG, method: 'GET', path: '/healthz', status: 200 },
      { level: DEBUG, method: 'GET', path: '/conversation/open/…', status: 410 },
      { level: DEBUG, method: 'POST', path: '/conversation/open/…', status: 410 },
    ],
  );
  assert.ok(lines.every((l) => typeof l.ms === 'number'));
  assert.ok(!JSON.stringify(all).includes(TOKEN), 'the token appears in no line');
});

test('issue 23: at info (the default), a request writes no line', async () => {
  const { app, lines } = logged('info');
  await requests(app);
  assert.deepEqual(lines, []);
});
