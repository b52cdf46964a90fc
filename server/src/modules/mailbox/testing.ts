// The set-up the mailbox's entry-state tests share (read, star, snooze): the demo app with 张三 (E1001, a sender),
// 李四 (E1002) and 王五 (E1003) signed in, and a send from 张三 — to 李四 and 王五 unless the patch says otherwise.
import assert from 'node:assert/strict';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body } from '../../testing/http.js';

export async function entryStateApp() {
  const ids: Record<string, string> = {};
  const { deps, as } = await demoApp(ids);
  const [zhang, li, wang] = await Promise.all([as('E1001', 'sender'), as('E1002'), as('E1003')]);
  /** 张三's message (internal, to 李四 and 王五, unless `patch` says otherwise); its id. */
  const send = async (patch: Record<string, unknown> = {}) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '例行',
        body: textDoc('内容'),
        audience: [
          { kind: 'member', targetId: ids.E1002 },
          { kind: 'member', targetId: ids.E1003 },
        ],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  return { deps, ids, zhang, li, wang, send };
}
