// Review of issues 14 and 22: refusals of streamed uploads neither make the server read a chunked 100 MB for an
// anonymous
// caller nor leave an import's client with a broken connection; an .xlsx whose text part is huge is refused before
// exceljs holds it; names refuse invisible characters; Idempotency-Key is printable ASCII.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { demoApp, textDoc } from '../testing/demo.js';
import { body } from '../testing/http.js';
import { readSpreadsheet } from '../modules/imports/spreadsheet.js';
import { IMPORT_LIMITS } from '../modules/imports/limits.js';

/** A body of `total` zero bytes that counts how much of it was pulled. */
function counting(total: number, chunk = 256 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      c.enqueue(new Uint8Array(n));
    },
  });
  return { stream, sent: () => sent };
}

describe('refused uploads and names (review of issues 14 and 22)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let server: ServerType;
  let base = '';

  before(async () => {
    demo = await demoApp();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: demo.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  after(() => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close();
    demo.deps.cleanup();
  });

  test('an anonymous chunked upload is not read: the connection closes, the server never takes in 100 MB', async () => {
    const body100 = counting(100 * 1024 * 1024);
    const outcome = await fetch(`${base}/api/v1/attachments?name=a.bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: body100.stream,
      duplex: 'half',
    } as RequestInit).then(
      (r) => r.status,
      () => 'connection closed',
    );
    assert.ok(outcome === 401 || outcome === 'connection closed', String(outcome));
    assert.ok(body100.sent() < 40 * 1024 * 1024, `pulled ${Math.round(body100.sent() / 2 ** 20)} MB of 100`);
  });

  test('an import over 20 MB gets its 413 with Connection: close, as attachments do', async () => {
    const { key } = await body(
      await demo.admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'imports', permissions: ['org.admin'] },
      }),
    );
    const big = counting(IMPORT_LIMITS.maxFileBytes + 8 * 1024 * 1024);
    const res = await fetch(`${base}/api/v1/imports?kind=contacts&mode=add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: big.stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
    await res.arrayBuffer();
  });

  test('an .xlsx whose shared text is larger than the bound is refused before it is parsed', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['name', 'company']);
    for (let i = 0; i < 200; i++) sheet.addRow([`Name ${i} ${'x'.repeat(50)}`, `Company ${i}`]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    await assert.rejects(
      readSpreadsheet(file, { fileName: 'c.xlsx' }, { ...IMPORT_LIMITS, maxSharedStringsBytes: 4 * 1024 }),
      (e: { code?: string }) => e.code === 'spreadsheet-too-large',
    );
    assert.equal((await readSpreadsheet(file, { fileName: 'c.xlsx' })).rows.length, 200, 'within the bound it reads');
  });

  test('names refuse invisible characters that make look-alikes; Idempotency-Key is printable ASCII', async () => {
    for (const name of ['Super admin\u200b', 'Super\u2028admin', '\u202eSuper admin', 'Super\u00adadmin']) {
      const res = await demo.admin.request('/api/v1/roles', {
        method: 'POST',
        json: { name, permissions: ['data.view'] },
      });
      assert.equal(res.status, 400, JSON.stringify(name));
    }
    const res = await demo.admin.request('/api/v1/messages', {
      method: 'POST',
      headers: { 'idempotency-key': 'cl\u00e9' },
      json: { kind: 'internal', subject: 'x', body: textDoc('x'), audience: [{ kind: 'member', targetId: 'nobody' }] },
    });
    assert.equal(res.status, 400);
  });
});
