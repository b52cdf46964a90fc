// Issue 15: SQLite runs without planner statistics, so the shape of a filter's SQL decides its plan. A search is led
// by its rarest word (lead.ts), a tag filter matches on the entry's key (tagged.ts; migration 0033 sets right any
// assignment's copy of it), and a sender's and a priority's indexes cover every filter column (migration 0032). Each
// must answer exactly what the plain form answered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { execute } from '../../db/prepared.js';
import { newId } from '../../lib/ids.js';
import { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER } from '../../paths.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { sqliteOnly } from '../../testing/engine-only.js';
import { body, type Browser } from '../../testing/http.js';
import { mailboxTags, tags } from '../tags/schema.js';
import { chooseLead, LEAD_MAX } from './lead.js';
import {
  countStatement,
  keysStatement,
  selectMatching,
  mailboxFilter,
  mailboxLead,
  mailboxWhere,
  type MailboxFilterInput,
} from './query.js';
import { mailbox } from './schema.js';

describe('filters shaped for a planner without statistics (issue 15; R11–R13)', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let zhang: Browser, wang: Browser;
  const ids: Record<string, string> = {};
  const sent: Record<string, string> = {};
  let tagId: string;

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, as } = await demoApp(ids));
    [zhang, wang] = await Promise.all([as('E1001', 'sender'), as('E1003')]);
    const send = async (name: string, subject: string, text: string, patch: Record<string, unknown> = {}) => {
      const res = await zhang.request('/api/v1/messages', {
        method: 'POST',
        json: {
          kind: 'internal',
          subject,
          body: doc(text),
          audience: [{ kind: 'member', targetId: ids.E1003 }],
          ...patch,
        },
      });
      assert.equal(res.status, 201, await res.clone().text());
      sent[name] = (await body(res)).id as string;
    };
    await send('a', 'Budget zqxlead review', 'first zqxone');
    // To 李四 as well: another owner's entries of the same messages must never be listed.
    const both = [
      { kind: 'member', targetId: ids.E1003 },
      { kind: 'member', targetId: ids.E1002 },
    ];
    await send('b', 'Weekly', 'the zqxlead figures and the budget', { priority: 'urgent', audience: both });
    await send('c', 'Other', 'nothing to see');
    await send('d', 'Archived zqxlead', 'old budget');
    await send('e', 'Read zqxlead', 'read one', { audience: both });
    await send('f', 'Trashed zqxlead', 'gone');
    const batch = async (json: Record<string, unknown>) =>
      assert.equal((await wang.request('/api/v1/mailbox/batch', { method: 'POST', json })).status, 200);
    await batch({ action: 'archive', messageIds: [sent.d] });
    await batch({ action: 'read', messageIds: [sent.e] });
    await batch({ action: 'delete', messageIds: [sent.f] });
    tagId = newId();
    const t = Date.now();
    await deps.db.insert(tags).values({ id: tagId, ownerId: ids.E1003!, name: '线索', createdAt: t, updatedAt: t });
    await batch({ action: 'tag', messageIds: [sent.a, sent.c, sent.d], tagId });
  });
  after(() => deps.cleanup());

  const owner = () => ids.E1003!;
  const run = async (where: SQL) => {
    const keys = await dialect.all<{ messageId: string }>(deps.db, keysStatement(where, null, 100));
    const [count] = await dialect.all<{ n: number }>(deps.db, countStatement(where, 100));
    return { ids: keys.map((k) => k.messageId), count: Number(count!.n) };
  };
  const named = (...names: string[]) => names.map((n) => sent[n]!);

  test('R12 a search led by its rarest word lists and counts what the unled search does, on every view', async () => {
    const cases: Array<[MailboxFilterInput, string[]]> = [
      [{ q: 'zqxlead', view: 'trash' }, ['f']],
      [{ q: 'zqxlead' }, ['e', 'b', 'a']],
      [{ q: 'zqxlead budget' }, ['b', 'a']],
      [{ q: 'budget zqxlead', view: 'archived' }, ['d']],
      [{ q: 'zqxlead', view: 'all', unread: true }, ['d', 'b', 'a']],
      [{ q: 'zqxlead', priority: 'urgent' }, ['b']],
      [{ q: 'zqxlead', tagId }, ['a']],
      [{ q: 'zqxlead is:unread' }, ['b', 'a']],
    ];
    for (const [input, expected] of cases) {
      const filter = mailboxFilter(input);
      const lead = await mailboxLead(deps.db, filter);
      assert.equal(lead === undefined, ENGINE === 'pg', `led on SQLite only: ${JSON.stringify(input)}`);
      const led = await run(mailboxWhere(owner(), filter, Date.now(), false, lead));
      const walked = await run(mailboxWhere(owner(), filter, Date.now()));
      assert.deepEqual(led, walked, JSON.stringify(input));
      assert.deepEqual(led, { ids: named(...expected), count: expected.length }, JSON.stringify(input));
      // A batch or an export by this filter answers the same.
      assert.deepEqual(await selectMatching(deps.db, owner(), filter, 100), { messageIds: led.ids, count: led.count });
    }
  });

  test('a lead that is not a word of the filter is refused, not applied', () => {
    const filter = mailboxFilter({ q: 'zqxlead budget' });
    assert.throws(() => mailboxWhere(owner(), filter, Date.now(), false, 'zqxone'), /not a word of this filter/);
    assert.throws(() => mailboxWhere(owner(), mailboxFilter({}), Date.now(), false, 'zqxlead'), /not a word/);
  });

  test('R12 a led search pages by cursor through the API, and its folder counts agree', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await wang.request(
        `/api/v1/mailbox?q=zqxlead&view=all&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      assert.equal(res.status, 200, await res.clone().text());
      const page = await body<{ items: Array<{ message: { id: string } }>; nextCursor: string | null }>(res);
      seen.push(...page.items.map((i) => i.message.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, named('e', 'd', 'b', 'a'));
    const first = await body<{ total: number; folders: { inbox: number; archived: number; trash: number } }>(
      await wang.request('/api/v1/mailbox?q=zqxlead'),
    );
    assert.equal(first.total, 3);
    assert.deepEqual([first.folders.inbox, first.folders.archived, first.folders.trash], [3, 1, 1]);
  });

  test(
    'the rarest word leads; a word matching more than LEAD_MAX messages does not',
    sqliteOnly('PostgreSQL keeps planner statistics and is never led'),
    async () => {
      // LEAD_MAX + 1 messages holding `zqxmany`, indexed as a delivery indexes them (search_docs' trigger).
      await deps.db.run(sql`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${LEAD_MAX})
        insert into messages (id, thread_id, sender_kind, sender_id, kind, priority, subject, body, body_text, links,
          receipt_required, status, recipient_count, revision, created_at, updated_at)
        select 'many-' || i, 'many-' || i, 'member', ${ids.E1001}, 'internal', 'normal', 'zqxmany ' || i,
          '{"type":"doc","content":[]}', 'zqxmany', '[]', 0, 'sent', 0, 1, 1, 1 from s`);
      await deps.db.run(sql`insert into search_docs (message_id) select id from messages where id like 'many-%'`);
      assert.equal(await chooseLead(deps.db, ['zqxmany']), undefined);
      assert.equal(await chooseLead(deps.db, ['zqxmany', 'zqxlead']), 'zqxlead');
      assert.equal(await chooseLead(deps.db, ['zqxlead', 'zqxone']), 'zqxone', 'the one with fewer matches');
      assert.equal(await chooseLead(deps.db, ['zqxnone', 'zqxlead']), 'zqxnone', 'none at all is the fewest');
      assert.equal(await chooseLead(deps.db, []), undefined);
    },
  );

  test(
    'the plans: a rare word by rowid, a tag by its entry key, unread from a sender and urgent with files by index',
    sqliteOnly('the plans of the embedded engine, which has no statistics'),
    async () => {
      const planOf = async (input: MailboxFilterInput) => {
        const filter = mailboxFilter(input);
        const where = mailboxWhere(owner(), filter, Date.now(), false, await mailboxLead(deps.db, filter));
        const q = deps.db.all<{ detail: string }>(sql`explain query plan ${keysStatement(where, null, 51)}`);
        return (await q).map((r) => r.detail);
      };
      assert.equal((await planOf({ q: 'zqxlead' }))[0], 'SEARCH mb USING INTEGER PRIMARY KEY (rowid=?)');
      assert.match(
        (await planOf({ tagId }))[0]!,
        /^SEARCH mb USING COVERING INDEX mailbox_owner_idx \(owner_id=\? AND delivered_at=\?/,
      );
      assert.match((await planOf({ unread: true, senderId: ids.E1001! }))[0]!, /COVERING INDEX mailbox_sender_idx/);
      assert.match(
        (await planOf({ priority: 'urgent', hasAttachments: true }))[0]!,
        /COVERING INDEX mailbox_priority_idx/,
      );
    },
  );

  test("migration 0033 sets right an assignment whose copy of its entry's delivery time differs", async () => {
    const tagged = async () => (await run(mailboxWhere(owner(), mailboxFilter({ tagId, view: 'all' })))).ids;
    assert.deepEqual(await tagged(), named('d', 'c', 'a'));
    const at = (ownerId: string, messageId: string) =>
      and(eq(mailboxTags.ownerId, ownerId), eq(mailboxTags.messageId, messageId), eq(mailboxTags.tagId, tagId));
    await deps.db.update(mailboxTags).set({ deliveredAt: 1 }).where(at(owner(), sent.c!));
    assert.deepEqual(await tagged(), named('d', 'a'), 'the filter matches on the copy');
    // A sender's tag on what they sent has no entry: the migration leaves its time alone.
    await deps.db
      .insert(mailboxTags)
      .values({ ownerId: ids.E1001!, messageId: sent.c!, tagId, deliveredAt: 7, createdAt: 7 });
    const file = ENGINE === 'pg' ? '0019_tag_delivery_copies.sql' : '0033_tag_delivery_copies.sql';
    await execute(
      deps.db,
      readFileSync(join(ENGINE === 'pg' ? PG_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER, file), 'utf8'),
    );
    assert.deepEqual(await tagged(), named('d', 'c', 'a'));
    const [entry] = await deps.db
      .select({ at: mailbox.deliveredAt })
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, owner()), eq(mailbox.messageId, sent.c!)));
    const rows = await deps.db.select().from(mailboxTags).where(eq(mailboxTags.messageId, sent.c!));
    assert.deepEqual(
      rows.map((r) => [r.ownerId, r.deliveredAt]).sort(),
      [
        [ids.E1001!, 7],
        [owner(), entry!.at],
      ].sort(),
    );
  });
});
