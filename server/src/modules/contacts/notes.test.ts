import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { ENGINE } from '../../db/engine.js';
import { newId } from '../../lib/ids.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { onPrepare } from '../../testing/bench.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { members } from '../org/schema.js';
import { contactNotes } from './schema.js';

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('issue 19 item 6 (S5): contact notes and conversations', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let bob: Browser; // external sender, owns the contact
  let alice: Browser; // another external sender
  let zhao: Browser; // internal sender only: may not see contacts
  let contactId: string;
  let noteId: string;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    bob = await browserAs(app, deps.db, 'E1007', 'external-sender');
    alice = await browserAs(app, deps.db, 'E1004', 'external-sender');
    zhao = await browserAs(app, deps.db, 'E1005', 'sender');
    const res = await bob.request('/api/v1/contacts', { method: 'POST', json: { kind: 'customer', name: '王经理' } });
    contactId = (await body<any>(res)).id;
  });
  after(() => deps.cleanup());

  test('issue 19 item 6: PATCH /contacts {notes} is refused, not silently dropped', async () => {
    const res = await bob.request(`/api/v1/contacts/${contactId}`, { method: 'PATCH', json: { notes: '来电' } });
    assert.equal(res.status, 400);
    const problem = await body<any>(res);
    assert.equal(problem.errors[0].code, 'unknown-field');
    assert.match(problem.errors[0].message, /notes/);
  });

  test('S5: staff who may see a contact log a call; everyone who may see it reads the timeline; audited', async () => {
    const res = await bob.request(`/api/v1/contacts/${contactId}/notes`, {
      method: 'POST',
      json: { kind: 'call', text: '  电话确认了交货日期：12 月 20 日。 ', occurredAt: Date.UTC(2026, 11, 1, 2) },
    });
    const note = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(note));
    assert.equal(note.text, '电话确认了交货日期：12 月 20 日。');
    assert.deepEqual(note.author.name, 'Bob Li');
    assert.equal(note.can.edit, true);
    noteId = note.id;
    await alice.request(`/api/v1/contacts/${contactId}/notes`, {
      method: 'POST',
      json: { kind: 'agreement', text: '同意按季度结算' },
    });
    const timeline = await body<any>(await alice.request(`/api/v1/contacts/${contactId}/notes`));
    assert.deepEqual(
      timeline.items.map((n: any) => [n.kind, n.author.name, n.can.edit]),
      [
        ['agreement', 'Alice Chen', true],
        ['call', 'Bob Li', false],
      ],
      'newest first; only the author may edit',
    );
    assert.equal((await zhao.request(`/api/v1/contacts/${contactId}/notes`)).status, 403);
    const bad = await bob.request(`/api/v1/contacts/${contactId}/notes`, {
      method: 'POST',
      json: { kind: 'gossip', text: 'x' },
    });
    assert.equal(bad.status, 400);
    assert.equal((await bob.request('/api/v1/contacts/nope/notes')).status, 404);
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contact.note.create'), eq(auditLog.targetId, contactId)));
    assert.equal(audit.length, 2);
  });

  test('S5: only the author edits a note, within the recall window; the edit is audited', async () => {
    const path = `/api/v1/contacts/${contactId}/notes/${noteId}`;
    const other = await alice.request(path, { method: 'PATCH', json: { text: '改' } });
    assert.equal(other.status, 403);
    const own = await bob.request(path, { method: 'PATCH', json: { kind: 'meeting', text: '会上确认交货日期' } });
    const edited = await body<any>(own);
    assert.equal(own.status, 200, JSON.stringify(edited));
    assert.equal(edited.kind, 'meeting');
    assert.ok(edited.editedAt);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contact.note.update'), like(auditLog.before, '%电话确认%')));
    assert.ok(audit, 'the old text stays on the record');
    // The default recall window is a day: a note logged two days ago is closed.
    await deps.db
      .update(contactNotes)
      .set({ createdAt: Date.now() - 2 * 86_400_000 })
      .where(eq(contactNotes.id, noteId));
    const late = await bob.request(path, { method: 'PATCH', json: { text: '再改' } });
    assert.equal(late.status, 409);
    assert.equal((await body<any>(late)).code, 'edit-window-passed');
    const listed = await body<any>(await bob.request(`/api/v1/contacts/${contactId}/notes`));
    assert.equal(listed.items.find((n: any) => n.id === noteId).can.edit, false);
  });

  test('S5: the conversations with a contact are those the viewer may see', async () => {
    const sent = await bob.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'external',
        subject: '交货安排',
        body: doc('王经理您好'),
        audience: [{ kind: 'contact', targetId: contactId }],
      },
    });
    assert.equal(sent.status, 201, await sent.clone().text());
    const mine = await body<any>(await bob.request(`/api/v1/contacts/${contactId}/conversations`));
    assert.deepEqual(
      mine.items.map((m: any) => [m.subject, m.direction, m.sender.name]),
      [['交货安排', 'to-contact', 'Bob Li']],
    );
    const others = await body<any>(await alice.request(`/api/v1/contacts/${contactId}/conversations`));
    assert.deepEqual(others.items, [], 'a colleague who was not part of it sees nothing');
    const overseer = await body<any>(await admin.request(`/api/v1/contacts/${contactId}/conversations`));
    assert.equal(overseer.items.length, 1, 'organisation-wide data.view sees it');
    assert.equal((await zhao.request(`/api/v1/contacts/${contactId}/conversations`)).status, 403);
  });

  test('S5: what the contact sent is listed too, newest first; the list looks messages up by id', async () => {
    // A reply from the contact (as the portal writes it), in Bob's mailbox.
    const [bobRow] = await deps.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, 'E1007'));
    const id = newId();
    const t = Date.now();
    await deps.db.insert(messages).values({
      id,
      threadId: id,
      senderKind: 'contact',
      senderId: contactId,
      kind: 'external',
      subject: '回复：交货安排',
      body: JSON.stringify(doc('收到')),
      status: 'sent',
      deliveredAt: t,
      createdAt: t,
      updatedAt: t,
    });
    await deps.db.insert(mailbox).values({
      messageId: id,
      ownerKind: 'member',
      ownerId: bobRow!.id,
      threadId: id,
      senderId: contactId,
      priority: 'normal',
      deliveredAt: t,
    });
    const statements: string[] = [];
    let record = true;
    onPrepare((_conn, text) => {
      if (record && /owner_kind = 'contact'/.test(text)) statements.push(text);
    });
    const mine = await body<any>(await bob.request(`/api/v1/contacts/${contactId}/conversations`));
    record = false;
    assert.deepEqual(
      mine.items.map((m: any) => [m.subject, m.direction]),
      [
        ['回复：交货安排', 'from-contact'],
        ['交货安排', 'to-contact'],
      ],
    );
    // A page from a cursor (the last id of the page before) starts below it.
    const below = await body<any>(
      await bob.request(`/api/v1/contacts/${contactId}/conversations?cursor=${mine.items[0].id}`),
    );
    assert.deepEqual(
      below.items.map((m: any) => m.subject),
      ['交货安排'],
    );
    if (ENGINE !== 'sqlite') return; // the plan below is the embedded engine's (no planner statistics)
    assert.equal(statements.length, 1);
    const plan = (await deps.db.all<{ detail: string }>(sql.raw(`explain query plan ${statements[0]}`))).map(
      (r) => r.detail,
    );
    assert.match(plan[0]!, /^SEARCH messages USING INDEX sqlite_autoindex_messages_1 \(id=\?\)/);
    // Neither list walks a whole table: the contact's entries and what it sent come from indexes on the contact.
    assert.deepEqual(
      plan.filter((d) => /^SCAN /.test(d)),
      [],
      plan.join(' | '),
    );
  });
});
