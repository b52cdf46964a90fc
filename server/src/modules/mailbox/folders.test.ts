// Issue 23: a search says where its hits live — `folders` on the first page of `GET /mailbox?q=` counts the same
// filter per folder (inbox, archived, trash) and the caller's sent messages, so the inbox can say "also 1 in Archived".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';

type Folders = { inbox: number; archived: number; trash: number; sent: number | null } | null;
type Page = { items: Array<{ message: { id: string } }>; nextCursor: string | null; folders: Folders };

describe('inbox search: where the hits live (issue 23)', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let zhang: Browser, wang: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, as } = await demoApp(ids));
    [zhang, wang] = await Promise.all([as('E1001', 'sender'), as('E1003', 'sender')]);
  });
  after(() => deps.cleanup());

  const send = async (from: Browser, to: string, subject: string) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'internal', subject, body: doc('内容'), audience: [{ kind: 'member', targetId: to }] },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const batch = async (b: Browser, action: string, messageIds: string[]) =>
    assert.equal(
      (await b.request('/api/v1/mailbox/batch', { method: 'POST', json: { action, messageIds } })).status,
      200,
    );
  const list = async (b: Browser, params: Record<string, string>) => {
    const res = await b.request(`/api/v1/mailbox?${new URLSearchParams(params)}`);
    assert.equal(res.status, 200, await res.clone().text());
    return body<Page>(res);
  };

  test('the first page of a search counts its hits per folder and in Sent; the view still lists one \
folder', async () => {
    const [inboxHit, archivedHit, trashHit] = [
      await send(zhang, ids.E1003!, '机房巡检'),
      await send(zhang, ids.E1003!, '机房断电'),
      await send(zhang, ids.E1003!, '机房空调'),
    ];
    await send(zhang, ids.E1003!, '午餐'); // no hit
    await batch(wang, 'archive', [archivedHit]);
    await batch(wang, 'delete', [trashHit]);
    await send(wang, ids.E1002!, '机房钥匙'); // in 王五's Sent

    const inbox = await list(wang, { q: '机房' });
    assert.deepEqual(
      inbox.items.map((i) => i.message.id),
      [inboxHit],
    );
    assert.deepEqual(inbox.folders, { inbox: 1, archived: 1, trash: 1, sent: 1 });
    const all = await list(wang, { q: '机房', view: 'all' });
    assert.deepEqual(all.items.map((i) => i.message.id).sort(), [inboxHit, archivedHit].sort());
    assert.deepEqual((await list(wang, { q: '机房', view: 'archived' })).folders, {
      inbox: 1,
      archived: 1,
      trash: 1,
      sent: 1,
    });
    // The other filters apply to the counts; one only the mailbox knows leaves Sent out.
    assert.deepEqual((await list(wang, { q: '机房', unread: 'true' })).folders, {
      inbox: 1,
      archived: 1,
      trash: 1,
      sent: null,
    });
    assert.deepEqual((await list(wang, { q: '机房', from: String(Date.now() + 60_000) })).folders, {
      inbox: 0,
      archived: 0,
      trash: 0,
      sent: 0,
    });
    // Without a search there is nothing to say; a later page neither.
    assert.equal((await list(wang, {})).folders, null);
    const paged = await list(wang, { q: '机房', view: 'all', limit: '1' });
    assert.ok(paged.nextCursor);
    assert.equal((await list(wang, { q: '机房', view: 'all', limit: '1', cursor: paged.nextCursor! })).folders, null);
  });
});
