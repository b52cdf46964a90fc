// The set-up the mailbox's entry-state tests share (read, star, snooze): the demo app with 张三 (E1001, a sender),
// 李四 (E1002) and 王五 (E1003) signed in, a send from 张三 — to 李四 and 王五 unless the patch says otherwise — and the
// live events written since a point.
import assert from 'node:assert/strict';
import { gt } from 'drizzle-orm';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body } from '../../testing/http.js';
import { events } from '../live/schema.js';

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
  /** The live events written so far: the newest `seq`, and those after one (payloads parsed), oldest first. */
  const told = {
    newest: async () =>
      (await deps.db.select({ seq: events.seq }).from(events)).reduce((n, e) => Math.max(n, e.seq), 0),
    since: async <Payload = Record<string, unknown>>(seq: number) =>
      (await deps.db.select().from(events).where(gt(events.seq, seq)).orderBy(events.seq)).map((e) => ({
        who: e.audienceId,
        type: e.type,
        payload: (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Payload,
      })),
  };
  return { deps, ids, zhang, li, wang, send, told };
}
export type EntryStateApp = Awaited<ReturnType<typeof entryStateApp>>;
