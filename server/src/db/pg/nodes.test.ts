// Issue 18 item 2: several Herald nodes on one PostgreSQL database. Each node here is an app with its own pool,
// prepared statements, identity cache and live hub (testing/second-process.ts), so whatever one node does reaches the
// other through the database alone, as between two processes on two machines. What SQLite's single writer gave for free
// must hold when the nodes act at the same moment: sign-in throttling, idempotency keys, approval decisions. The cached
// identity's cross-process drop is `auth/identity-cache.test.ts` (on both engines); the live stream's wake is
// `live/pg-wake.test.ts`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { pgOnly } from '../../testing/engine-only.js';
import { body, Browser } from '../../testing/http.js';
import { secondProcess } from '../../testing/second-process.js';
import { auditLog } from '../../modules/audit/schema.js';
import { THROTTLE } from '../../modules/auth/throttle.js';
import { browserAs } from '../../modules/imports/testing.js';
import { mailbox } from '../../modules/mailbox/schema.js';
import { messages } from '../../modules/messages/schema.js';
import { approvalFlows } from '../../modules/approvals/schema.js';

describe('issue 18: two nodes on one PostgreSQL database', pgOnly('several nodes share a PostgreSQL database'), () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let appA: ReturnType<typeof createApp>;
  let appB: ReturnType<typeof createApp>;
  let nodeB: ReturnType<typeof secondProcess>;
  let admin: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app: appA, admin } = await demoApp(ids));
    nodeB = secondProcess(deps);
    appB = nodeB.app;
  });
  after(() => {
    nodeB.close();
    deps.cleanup();
  });

  /** The same browser (cookie, CSRF token, address) calling the other node, as a load balancer would send it. */
  const onNode = (app: ReturnType<typeof createApp>, b: Browser, ip = '203.0.113.7') =>
    Object.assign(new Browser(app, ip), { cookie: b.cookie, csrf: b.csrf });
  const sendFrom = (b: Browser, key?: string) =>
    b.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '两个节点',
        body: doc('同一个数据库'),
        audience: [
          { kind: 'member', targetId: ids.E1008 },
          { kind: 'member', targetId: ids.E1005 },
        ],
      },
      headers: key ? { 'idempotency-key': key } : {},
    });

  test('a session made on node A works on node B; signed out on B, A refuses it at once', async () => {
    const onA = await browserAs(appA, deps.db, 'E1006', null);
    const onB = onNode(appB, onA);
    assert.equal((await onA.request('/api/v1/me')).status, 200);
    assert.equal((await onB.request('/api/v1/me')).status, 200, 'B reads the session row A wrote');
    assert.equal((await onB.request('/api/v1/auth/sign-out', { method: 'POST' })).status, 204);
    assert.equal((await onA.request('/api/v1/me')).status, 401, "A's cached identity was dropped");
  });

  test('sign-in throttling counts failures from both nodes together, also arriving at the same moment', async () => {
    await browserAs(appA, deps.db, 'E1007', null); // sets the known password
    const wrong = (app: ReturnType<typeof createApp>, i: number) =>
      new Browser(app, `198.51.100.${i + 1}`).signIn('E1007', 'not-the-password-2026');
    // Twice the free failures, half through each node, all at once: each attempt is counted in one statement before
    // its password is checked, so exactly the free ones reach the check and the rest are refused.
    const burst = await Promise.all(
      Array.from({ length: THROTTLE.account.freeFailures * 2 }, (_, i) => wrong(i % 2 ? appB : appA, i)),
    );
    const statuses = burst.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, THROTTLE.account.freeFailures, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 429).length, THROTTLE.account.freeFailures, statuses.join(' '));
    for (const app of [appA, appB]) {
      const right = await new Browser(app, '198.51.100.250').signIn('E1007', 'role-test-pass-2026');
      assert.equal(right.status, 429, 'the lock holds on every node, even for the right password');
    }
  });

  test('R10: the same Idempotency-Key sent to both nodes at the same moment makes one message', async () => {
    const zhang = await browserAs(appA, deps.db, 'E1001', 'sender');
    const key = `two-nodes-${Date.now()}`;
    const [a, b] = await Promise.all([sendFrom(zhang, key), sendFrom(onNode(appB, zhang), key)]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 201], `${await a.clone().text()} ${await b.clone().text()}`);
    assert.equal((await body(a)).id, (await body(b)).id);
    assert.equal((await deps.db.select().from(messages).where(eq(messages.idempotencyKey, key))).length, 1);
  });

  test('R5 R10: two approvers of an any-one node deciding at once on two nodes: one advance, one send', async () => {
    await deps.db.delete(approvalFlows);
    const flow = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: {
        name: 'two nodes',
        conditions: {},
        nodes: [{ name: '或签', approvers: { kind: 'members', memberIds: [ids.E1001, ids.E1002] } }],
      },
    });
    assert.equal(flow.status, 201, await flow.clone().text());
    const wang = await browserAs(appA, deps.db, 'E1003', 'sender');
    const sent = await sendFrom(wang);
    assert.equal(sent.status, 201, await sent.clone().text());
    const message = await body(sent);
    assert.equal(message.status, 'pending-approval');
    const li = await browserAs(appA, deps.db, 'E1002', null);
    const zhang = await browserAs(appA, deps.db, 'E1001', null);
    const mine = await body(await wang.request('/api/v1/approvals?tab=mine'));
    const approval = mine.items.find((a: { message: { id: string } }) => a.message.id === message.id);
    assert.ok(approval, "listed among the sender's requests");
    const decide = (who: Browser) =>
      who.request(`/api/v1/approvals/${approval.id}/decision`, { method: 'POST', json: { decision: 'approve' } });
    const results = await Promise.all([decide(li), decide(onNode(appB, zhang))]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    const delivered = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, message.id));
    assert.equal(delivered.filter((m) => m.ownerKind === 'member' && m.ownerId !== ids.E1003).length, 2);
    const deliveries = await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'approval.deliver'), eq(auditLog.targetId, approval.id)));
    assert.equal(Number(deliveries[0]!.n), 1);
  });
});
