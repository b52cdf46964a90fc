import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { newId } from '../../lib/ids.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { messages } from '../messages/schema.js';
import { sweepExpired } from './expiry.js';
import { mailbox, searchDocs } from './schema.js';

describe('expiry sweep (R9)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let zhang: Browser, wang: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app } = await demoApp(ids));
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    wang = await browserAs(app, deps.db, 'E1003', null);
  });
  after(() => deps.cleanup());

  const send = async (patch: Record<string, unknown>) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '限时通知 limited',
        body: doc('过期后不可见'),
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
  const expiredEvents = async (messageId: string) =>
    (await deps.db.select().from(events).where(eq(events.type, 'message.expired'))).filter(
      (e) => (e.payload as { messageId: string }).messageId === messageId,
    );
  /** The message has a search document, or (SQLite) text left in the FTS5 table; PostgreSQL keeps it on the row. */
  const indexed = async (messageId: string) => {
    const docs = await deps.db.select().from(searchDocs).where(eq(searchDocs.messageId, messageId));
    if (ENGINE === 'pg') return docs.length > 0;
    const rows = await dialect.all<{ n: number }>(
      deps.db,
      sql`select count(*) as n from message_search where rowid in (select id from search_docs
        where message_id = ${messageId})`,
    );
    return docs.length > 0 || Number(rows[0]?.n) > 0;
  };

  test('R9 a mailbox entry expires with its message: expiresInMinutes is counted from delivery and copied to every \
entry', async () => {
    const m = await send({ expiresInMinutes: 90 });
    assert.equal(m.expiresAt, m.deliveredAt + 90 * 60_000);
    const entries = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, m.id));
    assert.equal(entries.length, 2);
    for (const e of entries) assert.equal(e.expiresAt, m.expiresAt);
  });

  test('R9 the sweep unindexes expired messages, tells recipients once (message.expired), and the sender keeps the \
record', async () => {
    const m = await send({ expiresInMinutes: 60 });
    const keep = await send({ expiresInMinutes: 600, subject: '限时通知 later' });
    assert.equal(await indexed(m.id), true);
    assert.equal(await sweepExpired(deps.db, m.expiresAt - 1), 0, 'not yet');
    assert.equal(await sweepExpired(deps.db, m.expiresAt), 1);
    assert.equal(await indexed(m.id), false);
    assert.equal(await indexed(keep.id), true);
    const told = await expiredEvents(m.id);
    assert.deepEqual(told.map((e) => e.audienceId).sort(), [ids.E1002, ids.E1003].sort());
    assert.deepEqual(told[0]!.payload, { messageId: m.id });
    const [row] = await deps.db.select().from(messages).where(eq(messages.id, m.id));
    assert.equal(row!.expirySweptAt, m.expiresAt);
    assert.equal(await sweepExpired(deps.db, m.expiresAt + 1), 0, 'swept once');
    assert.equal((await expiredEvents(m.id)).length, 2);
    // Time passes for the readers too: the recipient sees it expired and empty; the sender still has it all.
    const past = Date.now() - 1;
    await deps.db.update(messages).set({ expiresAt: past }).where(eq(messages.id, m.id));
    await deps.db.update(mailbox).set({ expiresAt: past }).where(eq(mailbox.messageId, m.id));
    const mine = await body(await wang.request(`/api/v1/messages/${m.id}`));
    assert.equal(mine.expired, true);
    assert.equal(mine.subject, '');
    assert.equal(
      (await body(await wang.request('/api/v1/mailbox?q=limited'))).items.some(
        (i: { message: { id: string } }) => i.message.id === m.id,
      ),
      false,
    );
    const theirs = await body(await zhang.request(`/api/v1/messages/${m.id}`));
    assert.equal(theirs.subject, '限时通知 limited');
    const sent = await body(await zhang.request('/api/v1/sent?q=limited'));
    assert.ok(
      sent.items.some(
        (i: { message: { id: string; subject: string } }) =>
          i.message.id === m.id && i.message.subject === '限时通知 limited',
      ),
    );
  });

  test('R9 the sweep works through more than one batch and skips events for deleted messages', async () => {
    const t = Date.now();
    const bare = Array.from({ length: 205 }, () => newId());
    await deps.db.insert(messages).values(
      bare.map((id) => ({
        id,
        threadId: id,
        senderKind: 'member' as const,
        senderId: ids.E1001!,
        kind: 'internal' as const,
        subject: 'x',
        body: doc('x'),
        status: 'sent' as const,
        expiresAt: t - 10,
        createdAt: t,
        updatedAt: t,
      })),
    );
    const deleted = await send({ expiresInMinutes: 1 });
    await zhang.request(`/api/v1/messages/${deleted.id}`, { method: 'DELETE' });
    const swept = await sweepExpired(deps.db, deleted.expiresAt);
    assert.ok(swept >= 206, String(swept));
    const left = await deps.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(sql`${messages.expiresAt} <= ${deleted.expiresAt}`, sql`${messages.expirySweptAt} is null`));
    assert.deepEqual(left, []);
    assert.equal((await expiredEvents(deleted.id)).length, 0);
  });
});
