import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { BlobStore } from '../../blob-store/store.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { attachments } from '../attachments/schema.js';
import { auditLog } from '../audit/schema.js';
import { events } from '../live/schema.js';
import { mailbox, searchDocs } from '../mailbox/schema.js';
import { messageAudience, messageRevisions, messages } from '../messages/schema.js';
import { runPurge } from './purge.js';
import { ENGINE } from '../../db/engine.js';
import { onPrepare } from '../../testing/bench.js';
import { execute } from '../../db/prepared.js';
import { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER } from '../../paths.js';
import { blobDeletions } from './schema.js';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('issue 19 item 8: expiry and retention free storage', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let admin: Browser, zhang: Browser, wang: Browser, li: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, admin, as } = await demoApp(ids));
    zhang = await as('E1001', 'sender');
    wang = await as('E1003');
    li = await as('E1002');
  });
  after(() => deps.cleanup());

  const policy = async (json: Record<string, unknown>) => {
    const res = await admin.request('/api/v1/settings/retention', { method: 'PUT', json });
    assert.equal(res.status, 200, await res.clone().text());
    return body(res);
  };
  // Each test sets the whole policy it relies on; the runs of the others see only purged or spared messages.
  beforeEach(() => policy({ expiredGraceDays: null, retentionDays: null, spareArchived: true, spareTagged: true }));

  const upload = async (name: string) => {
    const res = await zhang.request(`/api/v1/attachments?name=${name}`, {
      method: 'POST',
      body: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body<{ id: string }>(res);
  };
  const send = async (patch: Record<string, unknown> = {}) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '季度预算 budget',
        body: doc('机密内容 secret figures'),
        audience: [
          { kind: 'member', targetId: ids.E1003 },
          { kind: 'member', targetId: ids.E1002 },
        ],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const row = async (id: string) => (await deps.db.select().from(messages).where(eq(messages.id, id)))[0]!;
  /** The local store's file (blob-store/local.ts: `blobs/<last two characters>/<key>`). */
  const onDisk = (key: string) => existsSync(join(deps.dir, 'blobs', key.slice(-2), key));
  const hasBlob = async (key: string) => (await deps.blobs.stat(key)) !== null;
  const listed = async (b: Browser, id: string) => {
    const page = await body<{ items: Array<{ message: Record<string, unknown> }> }>(
      await b.request('/api/v1/mailbox?limit=100'),
    );
    return page.items.find((i) => i.message.id === id)?.message;
  };

  test('issue 19: after expiry plus the grace period the body and files go for everyone, a stub and an audit entry \
stay', async () => {
    const file = await upload('plan.pdf');
    const m = await send({ expiresInMinutes: 60, attachmentIds: [file.id] });
    const keep = await send({ expiresInMinutes: 600 });
    const [stored] = await deps.db.select().from(attachments).where(eq(attachments.id, file.id));
    assert.equal(await hasBlob(stored!.blobKey), true);
    assert.equal(onDisk(stored!.blobKey), true);
    // Read the page once so that it is kept (mailbox/listing-cache.ts): the purge must move it.
    assert.equal((await listed(wang, m.id))?.subject, '季度预算 budget');
    await policy({ expiredGraceDays: 7 });

    const early = await runPurge(deps.db, deps.blobs, m.expiresAt + 7 * DAY - 1);
    assert.equal(early.expiredMessages, 0, 'the grace period is not over');
    assert.equal((await row(m.id)).purgedAt, null);

    const at = m.expiresAt + 7 * DAY;
    const run = await runPurge(deps.db, deps.blobs, at);
    assert.equal(run.expiredMessages, 1);
    assert.equal(run.files, 1);
    assert.equal(run.fileBytes, PDF.length);
    assert.ok(run.contentBytes > 0);
    assert.equal(run.pendingBlobs, 0);
    assert.equal(run.error, null);

    // The bytes are gone from the store, the rows from the database.
    assert.equal(await hasBlob(stored!.blobKey), false);
    assert.equal(onDisk(stored!.blobKey), false);
    assert.equal((await deps.db.select().from(attachments).where(eq(attachments.messageId, m.id))).length, 0);
    assert.equal((await deps.db.select().from(blobDeletions)).length, 0);
    // The stub: who, when, to whom — not what.
    const stub = await row(m.id);
    assert.equal(stub.purgedAt, at);
    assert.equal(stub.purgeReason, 'expired');
    assert.equal(stub.subject, '');
    assert.equal(stub.bodyText, '');
    assert.equal(stub.preview, '', "the body's first words, stored for the list, go too");
    assert.doesNotMatch(JSON.stringify(stub.body), /secret/);
    assert.equal(stub.senderId, ids.E1001);
    assert.equal(stub.deliveredAt, m.deliveredAt);
    assert.equal((await deps.db.select().from(messageAudience).where(eq(messageAudience.messageId, m.id))).length, 2);
    assert.equal((await deps.db.select().from(mailbox).where(eq(mailbox.messageId, m.id))).length, 2);
    assert.equal((await deps.db.select().from(searchDocs).where(eq(searchDocs.messageId, m.id))).length, 0);
    // Not found by search any more.
    const found = await body(await wang.request(`/api/v1/mailbox?q=${encodeURIComponent('机密内容')}`));
    assert.ok(!(found.items as Array<{ message: { id: string } }>).some((i) => i.message.id === m.id));
    // Recipients are told, and the kept page moved: the row says purged.
    const told = (await deps.db.select().from(events).where(eq(events.type, 'message.purged'))).filter(
      (e) => (e.payload as { messageId: string }).messageId === m.id,
    );
    assert.equal(told.length, 2);
    const summary = await listed(wang, m.id);
    assert.equal(summary?.purgedAt, at);
    assert.equal(summary?.subject, '');
    // The sender, who kept the content after expiry, sees the stub too.
    const own = await body(await zhang.request(`/api/v1/messages/${m.id}`));
    assert.equal(own.purgedAt, at);
    assert.equal(own.subject, '');
    assert.deepEqual(own.attachments, []);
    // The download is gone.
    assert.equal((await zhang.request(`/api/v1/attachments/${file.id}`)).status, 404);
    // The other message is untouched.
    assert.equal((await row(keep.id)).subject, '季度预算 budget');
    // One audit entry for the run, with its figures.
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'message.purge.run'));
    const last = audits.find((a) => (a.after as { startedAt: number }).startedAt === at);
    assert.equal(last?.actorKind, 'system');
    assert.deepEqual(
      {
        messages: (last?.after as { expiredMessages: number }).expiredMessages,
        bytes: (last?.after as { fileBytes: number }).fileBytes,
      },
      { messages: 1, bytes: PDF.length },
    );
    // The figures are the last run's in the settings.
    const settings = await body(await admin.request('/api/v1/settings/retention'));
    assert.equal(settings.lastRun.startedAt, at);
    assert.equal(settings.lastRun.fileBytes, PDF.length);

    // A second run repeats nothing.
    const again = await runPurge(deps.db, deps.blobs, at + 1);
    assert.deepEqual([again.expiredMessages, again.files], [0, 0]);
  });

  test('issue 19: the age limit deletes old messages, sparing those anyone archived or tagged if chosen', async () => {
    const plain = await send({ subject: 'old plain' });
    const archived = await send({ subject: 'old archived' });
    const tagged = await send({ subject: 'old tagged' });
    const edited = await send({ subject: 'old edited' });
    assert.equal(
      (await zhang.request(`/api/v1/messages/${edited.id}`, { method: 'PATCH', json: { body: doc('v2 text') } }))
        .status,
      200,
    );
    assert.equal(
      (await deps.db.select().from(messageRevisions).where(eq(messageRevisions.messageId, edited.id))).length > 0,
      true,
    );
    // Only one of the two recipients keeps each: that is enough for everyone.
    const batch = (b: Browser, json: Record<string, unknown>) =>
      b.request('/api/v1/mailbox/batch', { method: 'POST', json });
    assert.equal((await batch(wang, { action: 'archive', messageIds: [archived.id] })).status, 200);
    const tag = await body(
      await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '留存' } }),
    );
    assert.equal((await batch(li, { action: 'tag', tagId: tag.id, messageIds: [tagged.id] })).status, 200);

    const at = Date.now() + 400 * DAY;
    await policy({ retentionDays: 365, spareArchived: true, spareTagged: true });
    const statements: string[] = [];
    let record = true;
    onPrepare((_conn, text) => {
      if (record && /from "mailbox_tags"/.test(text)) statements.push(text);
    });
    const run = await runPurge(deps.db, deps.blobs, at);
    record = false;
    assert.equal(run.error, null);
    if (ENGINE === 'sqlite') {
      // Each batch asks which of its messages are tagged by an index on the message, not by walking every assignment.
      assert.ok(statements.length > 0);
      for (const text of statements) {
        const plan = await deps.db.all<{ detail: string }>(sql.raw(`explain query plan ${text}`));
        assert.match(plan[0]!.detail, /^SEARCH mailbox_tags USING COVERING INDEX mailbox_tags_message_idx/, text);
      }
    }
    for (const kept of [archived, tagged]) assert.equal((await row(kept.id)).purgedAt, null, 'spared');
    for (const gone of [plain, edited]) {
      const stub = await row(gone.id);
      assert.equal(stub.purgeReason, 'retention');
      assert.equal(stub.subject, '');
      assert.equal(stub.deletedAt, at, 'the age limit deletes: it leaves every mailbox');
      assert.equal(stub.senderId, ids.E1001);
    }
    assert.equal(
      (await deps.db.select().from(messageRevisions).where(eq(messageRevisions.messageId, edited.id))).length,
      0,
    );
    // The edit's audit entry keeps who and when, not the text (it held "v2 text" before and after).
    const edits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, edited.id), eq(auditLog.action, 'message.edit')));
    assert.equal(edits.length, 1);
    assert.equal(edits[0]!.actorId, ids.E1001);
    assert.doesNotMatch(JSON.stringify(edits[0]), /v2 text|old edited/);
    assert.ok(run.sparedMessages >= 2);
    assert.equal(await listed(wang, plain.id), undefined, 'no longer listed');

    // Without sparing, the kept ones go too.
    await policy({ spareArchived: false, spareTagged: false });
    await runPurge(deps.db, deps.blobs, at);
    for (const kept of [archived, tagged]) assert.equal((await row(kept.id)).purgeReason, 'retention');
  });

  test('issue 19: a crash between the commit and the blob deletion is resumed by the next run, nothing \
orphaned', async () => {
    const file = await upload('crash.pdf');
    const m = await send({ expiresInMinutes: 1, attachmentIds: [file.id] });
    const [stored] = await deps.db.select().from(attachments).where(eq(attachments.id, file.id));
    const key = stored!.blobKey;
    await policy({ expiredGraceDays: 0 });
    // The store fails after the transaction committed (as a process killed there would leave it).
    const failing: BlobStore = Object.assign(Object.create(deps.blobs) as BlobStore, {
      delete: () => Promise.reject(new Error('store down')),
    });
    const crashed = await runPurge(deps.db, failing, m.expiresAt + 1);
    assert.equal(crashed.expiredMessages, 1, 'the database part committed');
    assert.equal(crashed.error, 'store down');
    assert.equal(crashed.pendingBlobs, 1);
    assert.equal(await hasBlob(key), true, 'the bytes are still there');
    assert.deepEqual(
      (await deps.db.select().from(blobDeletions).where(eq(blobDeletions.blobKey, key))).map((b) => b.size),
      [PDF.length],
      'and queued',
    );

    const resumed = await runPurge(deps.db, deps.blobs, m.expiresAt + 2);
    assert.equal(resumed.expiredMessages, 0, 'no message purged twice');
    assert.equal(resumed.files, 1);
    assert.equal(resumed.fileBytes, PDF.length);
    assert.equal(resumed.pendingBlobs, 0);
    assert.equal(await hasBlob(key), false);
    assert.equal(onDisk(key), false);
    assert.equal((await deps.db.select().from(blobDeletions)).length, 0);
    const [{ n }] = (await deps.db.all(
      sql`select count(*) as n from audit_log where action = 'message.purge.run'`,
    )) as [{ n: number }];
    assert.ok(Number(n) >= 2, 'both runs are in the trail');
  });

  test('issue 19: the policy is org.admin only, validated, and audited', async () => {
    assert.equal((await wang.request('/api/v1/settings/retention')).status, 403);
    assert.equal(
      (await zhang.request('/api/v1/settings/retention', { method: 'PUT', json: { retentionDays: 30 } })).status,
      403,
    );
    const bad = await admin.request('/api/v1/settings/retention', { method: 'PUT', json: { retentionDays: 0 } });
    assert.equal(bad.status, 400);
    assert.equal((await body(bad)).errors[0].path, 'retentionDays');
    const unknown = await admin.request('/api/v1/settings/retention', { method: 'PUT', json: { keepForever: true } });
    assert.equal(unknown.status, 400);
    const saved = await policy({ retentionDays: 730, spareTagged: false });
    assert.deepEqual(
      { retentionDays: saved.retentionDays, spareTagged: saved.spareTagged, spareArchived: saved.spareArchived },
      { retentionDays: 730, spareTagged: false, spareArchived: true },
    );
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.retention.update'))
      .orderBy(sql`${auditLog.at} desc, ${auditLog.id} desc`)
      .limit(1);
    assert.equal((audit!.after as { retentionDays: number }).retentionDays, 730);
  });

  test('a message purged before the purge emptied previews loses its preview to the migration that does', async () => {
    const purged = await send({ expiresInMinutes: 60 });
    const kept = await send();
    await policy({ expiredGraceDays: 7 });
    assert.equal((await runPurge(deps.db, deps.blobs, purged.expiresAt + 7 * DAY)).error, null);
    // As an earlier purge left it: the body's first words still stored.
    await deps.db.update(messages).set({ preview: 'secret figures' }).where(eq(messages.id, purged.id));
    const migration = ENGINE === 'pg' ? '0017_purged_preview.sql' : '0031_purged_preview.sql';
    const text = readFileSync(join(ENGINE === 'pg' ? PG_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER, migration), 'utf8');
    await execute(deps.db, text);
    assert.equal((await row(purged.id)).preview, '');
    assert.notEqual((await row(kept.id)).preview, '', 'a message not purged keeps it');
  });
});
