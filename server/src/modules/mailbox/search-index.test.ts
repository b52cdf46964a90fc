import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';

type Page = { items: Array<{ message: { id: string } }> };

// Issue 15: `indexMessage` writes the search document row and triggers (migration 0012) write its text. What a
// recipient finds must be what the two statements found before: a send, an edit, a reply and a recall.
describe('search index kept by triggers (issue 15, R13)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let zhang: Browser, wang: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, as } = await demoApp(ids));
    [zhang, wang] = await Promise.all([as('E1001', 'sender'), as('E1003')]);
  });
  after(() => deps.cleanup());

  const found = async (q: string) => {
    const res = await wang.request(`/api/v1/mailbox?view=all&q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await body<Page>(res)).items.map((i) => i.message.id);
  };
  /**
   * The text a message's document holds, one row per document: `subject \n body \n attachment names`, lower-cased.
   * SQLite keeps it in the FTS5 table under the document's id (migration 0012), PostgreSQL on the row itself
   * (drizzle-pg/0001, `search_docs.text`).
   */
  const indexed = async (messageId: string) =>
    (
      await dialect.all<{ text: string }>(
        deps.db,
        ENGINE === 'pg'
          ? sql`select text from search_docs where message_id = ${messageId}`
          : sql`select lower(s.subject || char(10) || s.body || char(10) || s.attachments) as text
              from message_search s join search_docs d on d.id = s.rowid where d.message_id = ${messageId}`,
      )
    ).map((r) => r.text);

  test('a send is found by subject and body; an edit replaces the old text; the index keeps one row per \
message', async () => {
    const sent = await body(
      await zhang.request('/api/v1/messages', {
        method: 'POST',
        json: {
          kind: 'internal',
          subject: '索引主题甲',
          body: doc('原来的正文乙'),
          audience: [{ kind: 'member', targetId: ids.E1003 }],
        },
      }),
    );
    assert.deepEqual(await found('索引主题甲'), [sent.id]);
    assert.deepEqual(await found('原来的正文乙'), [sent.id]);

    const edit = await zhang.request(`/api/v1/messages/${sent.id}`, {
      method: 'PATCH',
      json: {
        subject: '改过的主题丙',
        body: doc('改过的正文丁'),
      },
    });
    assert.equal(edit.status, 200, await edit.clone().text());
    assert.deepEqual(await found('改过的主题丙'), [sent.id]);
    assert.deepEqual(await found('改过的正文丁'), [sent.id]);
    assert.deepEqual(await found('索引主题甲'), [], 'the old subject is gone');
    assert.deepEqual(await found('原来的正文乙'), [], 'the old body is gone');
    const [docs] = await dialect.all<{ n: number }>(
      deps.db,
      sql`select count(*) as n from search_docs where message_id = ${sent.id}`,
    );
    assert.equal(Number(docs!.n), 1);
    assert.deepEqual(await indexed(sent.id), ['改过的主题丙\n改过的正文丁\n'], 'one row of text for the document');

    // A reply's "Re: …" subject is not indexed (only a first message's), its body is.
    const reply = await wang.request(`/api/v1/messages/${sent.id}/replies`, {
      method: 'POST',
      json: { body: doc('回复正文戊') },
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    const replyId = (await body(reply)).id as string;
    assert.deepEqual(await indexed(replyId), ['\n回复正文戊\n']);

    assert.equal((await zhang.request(`/api/v1/messages/${sent.id}/recall`, { method: 'POST' })).status, 200);
    assert.deepEqual(await found('改过的主题丙'), [], 'a recalled message is taken out of the index');
  });
});
