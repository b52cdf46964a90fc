// Issue 18 item 3: object storage that stops answering is a storage fault like a failing disk (issue 17 item 2):
// uploads and downloads answer `503 storage-unavailable` with Retry-After, nothing is kept, and the operator reads one
// line naming the bucket. The S3 emulator (s3rver) is stopped under a running Herald.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { attachments } from '../modules/attachments/schema.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';

describe('issue 18: S3 unreachable', () => {
  let s3: FakeS3;
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  const lines: Array<Record<string, unknown>> = [];
  before(async () => {
    s3 = await startFakeS3();
    deps = await testDeps(s3.env('gone'));
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = createApp({ ...deps, logger });
    admin = await adminBrowser(app, deps.db);
  });
  after(() => deps.cleanup());

  test('uploads and downloads answer 503 storage-unavailable, keep nothing, and log one line naming the \
bucket', async () => {
    const upload = () =>
      admin.request('/api/v1/attachments?name=note.txt', { method: 'POST', body: 'kept before the outage\n' });
    const stored = (await body<{ id: string }>(await upload())).id;
    await s3.close();

    const refused = await upload();
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal((await body(refused)).code, 'storage-unavailable');
    const download = await admin.request(`/api/v1/attachments/${stored}`);
    assert.equal(download.status, 503);
    assert.equal((await body(download)).code, 'storage-unavailable');

    const rows = await deps.db.select({ id: attachments.id }).from(attachments);
    assert.deepEqual(
      rows.map((r) => r.id),
      [stored],
      'no row for the refused upload',
    );
    const logged = lines.filter((l) => l.storage === 'io');
    assert.equal(logged.length, 1, 'one line per kind per minute');
    assert.match(String(logged[0]!.msg), /^object storage error \(\w+\) at s3:\/\/herald-test\/gone\/ at http:\/\/127/);
  });
});
