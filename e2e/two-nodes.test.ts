// Issue 18 item 4: two Herald nodes, each the built server as `npm start` runs it on its own port and data folder, on
// one throw-away PostgreSQL cluster and one shared attachments folder (HERALD_BLOB_URL=file:…). A message sent through
// node A appears live in Chromium signed in on node B; an attachment uploaded through B downloads through A, byte for
// byte. Skipped, saying why, where PostgreSQL's binaries are missing (`.ci/run` installs them).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { pgUnavailable, startPgCluster, type PgCluster } from '../server/src/testing/pg-cluster.js';
import { apiSession, intranetAs, launchChromium, memberWithPassword, startHerald, textBody } from './support.js';

/** A session cookie of `login` on that node (for a plain download). */
async function sessionCookie(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  assert.equal(res.status, 200, `sign-in ${login}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const missing = pgUnavailable();

describe('issue 18: two nodes on one PostgreSQL and a shared attachments folder', { skip: missing ?? false }, () => {
  let cluster: PgCluster;
  let shared: string;
  let nodeA: Awaited<ReturnType<typeof startHerald>>;
  let nodeB: Awaited<ReturnType<typeof startHerald>>;
  let browser: Browser;

  before(async () => {
    cluster = await startPgCluster();
    shared = mkdtempSync(join(tmpdir(), 'herald-e2e-blobs-'));
    mkdirSync(join(shared, 'blobs'));
    const env = {
      DATABASE_URL: await cluster.createDatabase('herald_two_nodes'),
      HERALD_BLOB_URL: `file:${join(shared, 'blobs')}`,
    };
    // A first: it migrates, seeds and prints the first admin password; B then starts on what A made.
    nodeA = await startHerald({ env });
    nodeB = await startHerald({ env });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await nodeB?.cleanup();
    await nodeA?.cleanup();
    await cluster?.stop();
    if (shared) rmSync(shared, { recursive: true, force: true });
  });

  test('a message sent through node A appears live on node B; its attachment, uploaded through B, downloads \
through A', async () => {
    const admin = await apiSession(nodeA.url, 'admin', nodeA.adminPassword);
    await admin.call('POST', '/auth/password', {
      currentPassword: nodeA.adminPassword,
      newPassword: 'Two-Nodes-2026!',
    });
    await memberWithPassword(nodeA.url, admin, 'E1001', 'Red-Lantern-2026!'); // 张三, sends
    const recipientId = await memberWithPassword(nodeA.url, admin, 'E1002', 'Blue-River-2026!'); // 李四

    // 李四 reads on node B; the live stream's answer is the signal that the page hears what is sent from now on.
    const page = await intranetAs(browser, nodeB.url, 'E1002', 'Blue-River-2026!', { waitForLive: true });

    const file = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(2 * 1024 * 1024, 0x42),
      Buffer.from('%%EOF\n'),
    ]);
    const onB = await apiSession(nodeB.url, 'E1001', 'Red-Lantern-2026!');
    const uploaded = await onB.upload(
      `/attachments?name=${encodeURIComponent('两个节点.pdf')}`,
      new Uint8Array(file),
      'application/pdf',
    );
    const onA = await apiSession(nodeA.url, 'E1001', 'Red-Lantern-2026!');
    const subject = `两个节点 ${Date.now()}`;
    const sent = await onA.call<{ id: string }>('POST', '/messages', {
      kind: 'internal',
      subject,
      audience: [{ kind: 'member', targetId: recipientId }],
      body: textBody('节点 A 发出，节点 B 收到。'),
      attachmentIds: [uploaded.id],
    });

    await page.getByText(subject).first().waitFor({ timeout: 20_000 });

    const download = await fetch(`${nodeA.url}/api/v1/attachments/${uploaded.id}`, {
      headers: { cookie: await sessionCookie(nodeA.url, 'E1002', 'Blue-River-2026!') },
    });
    assert.equal(download.status, 200, `message ${sent.id}`);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    assert.equal(sha(new Uint8Array(await download.arrayBuffer())), sha(file));
  });
});
