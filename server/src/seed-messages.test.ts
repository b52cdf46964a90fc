import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { embedApps } from './modules/apps/schema.js';
import { attachments } from './modules/attachments/schema.js';
import { contactNotes, contacts } from './modules/contacts/schema.js';
import { messageTemplates } from './modules/templates/schema.js';
import { knowledgeItems } from './modules/knowledge/schema.js';
import { mailbox } from './modules/mailbox/schema.js';
import { messages } from './modules/messages/schema.js';
import { mailboxTags, tags } from './modules/tags/schema.js';
import { testDeps } from './testing/deps.js';
import { DEMO_CONTACT_EMAIL, DEMO_PORTAL_APP, demoPortal } from './seed-messages.js';
import { seedDemo } from './seed.js';

describe('demo data for npm start (S2–S8)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  before(async () => {
    deps = await testDeps();
    assert.equal(await seedDemo(deps.db, { withRoles: true, withMessages: true, blobs: deps.blobs }), true);
  });
  after(() => deps.cleanup());

  test('tags tree, contacts with and without portal access, the portal embed app', async () => {
    const names = (await deps.db.select({ name: tags.name }).from(tags)).map((t) => t.name).sort();
    assert.deepEqual(names, ['公告', '需求沟通', '项目', '项目A', '项目B'].sort());
    const portal = await demoPortal(deps.db);
    assert.ok(portal, 'the portal app and contact exist');
    assert.equal(portal.app.name, DEMO_PORTAL_APP);
    const [chen] = await deps.db.select().from(contacts).where(eq(contacts.email, DEMO_CONTACT_EMAIL));
    assert.equal(chen!.portalEnabled, true);
    assert.equal((await deps.db.select().from(embedApps)).length, 1);
    // Issue 14: the organisation tree is internal, so no contact's copy carries one of its tags.
    const contactTagged = await deps.db
      .select({ tagId: mailboxTags.tagId })
      .from(mailboxTags)
      .innerJoin(mailbox, and(eq(mailbox.ownerId, mailboxTags.ownerId), eq(mailbox.messageId, mailboxTags.messageId)))
      .where(eq(mailbox.ownerKind, 'contact'));
    assert.deepEqual(contactTagged, []);
    assert.ok((await deps.db.select().from(mailboxTags)).length > 0, "members' copies are tagged");
  });

  test('a dozen messages through the real send path: receipts, a task, an urgent notice, a file, a contact reply, \
expiry', async () => {
    const rows = await deps.db.select().from(messages);
    assert.ok(rows.length >= 12, `${rows.length} messages`);
    assert.ok(
      rows.some((m) => m.receiptRequired && m.priority === 'high'),
      'S2 HR notice',
    );
    assert.ok(
      rows.some((m) => m.dueAt !== null),
      'S3 task',
    );
    assert.ok(
      rows.some((m) => m.priority === 'urgent' && m.receiptRequired),
      'S8 urgent',
    );
    assert.ok(
      rows.some((m) => m.expiresAt !== null),
      'R9 expiry',
    );
    assert.ok(
      rows.some((m) => m.senderKind === 'contact'),
      'S5 contact reply',
    );
    const [files] = await deps.db.select({ n: count() }).from(attachments).where(isNotNull(attachments.messageId));
    assert.equal(files!.n, 1, 'S4 attachment stored and claimed');
    const [confirmed] = await deps.db.select({ n: count() }).from(mailbox).where(isNotNull(mailbox.confirmedAt));
    assert.ok(confirmed!.n >= 3);
  });

  test('the portal contact only has their own conversation', async () => {
    const [chen] = await deps.db.select().from(contacts).where(eq(contacts.email, DEMO_CONTACT_EMAIL));
    const entries = await deps.db
      .select({ subject: messages.subject })
      .from(mailbox)
      .innerJoin(messages, eq(messages.id, mailbox.messageId))
      .where(and(eq(mailbox.ownerId, chen!.id)));
    assert.deepEqual(
      entries.map((e) => e.subject),
      ['合同续签事宜'],
    );
  });

  test('issue 19: templates (meeting, attendance, outage) in both languages; notes on the portal contact', async () => {
    const names = (await deps.db.select({ name: messageTemplates.name }).from(messageTemplates)).map((t) => t.name);
    for (const name of [
      '会议通知',
      'Meeting notice',
      '考勤变更通知',
      'Attendance change',
      '系统停机通知',
      'Outage notice',
    ])
      assert.ok(names.includes(name), name);
    const [chen] = await deps.db.select().from(contacts).where(eq(contacts.email, DEMO_CONTACT_EMAIL));
    const notes = await deps.db.select().from(contactNotes).where(eq(contactNotes.contactId, chen!.id));
    assert.deepEqual(notes.map((n) => n.kind).sort(), ['agreement', 'call', 'meeting']);
  });

  test('seedDemo(db) without options stays small (no messages), and runs once', async () => {
    const other = await testDeps();
    try {
      assert.equal(await seedDemo(other.db), true);
      assert.equal((await other.db.select().from(messages)).length, 0);
      assert.equal(await seedDemo(other.db), false);
    } finally {
      other.cleanup();
    }
  });

  test('issue 19 #7: the knowledge space holds the HR holiday notice (everyone) and the 技术部 sharing', async () => {
    const items = await deps.db
      .select({ subject: messages.subject, everyone: knowledgeItems.everyone })
      .from(knowledgeItems)
      .innerJoin(messages, eq(messages.id, knowledgeItems.messageId));
    assert.deepEqual(items.map((i) => [i.subject, i.everyone]).sort(), [
      ['关于 2027 年春节放假安排的通知', true],
      ['分享：前端性能优化实践', false],
    ]);
  });
});
