// Sign-off approval (签批, issue 19 item 2): a step whose approvers decide with an opinion and a signature — drawn (a
// PNG checked and kept in the blob store) or typed — shown in the approval's nodes and history and in the audit trail,
// and served only to those who may see the approval.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { sqliteOnly } from '../../testing/engine-only.js';
import { body, type Browser } from '../../testing/http.js';
import { databaseFile } from '../../ops/data-folder.js';
import { verifyDataFolder } from '../../ops/verify.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { approvalFlows, approvalSignatures } from './schema.js';
import { MAX_SIGNATURE_BYTES } from './signature-png.js';
import { drawn, signaturePng } from './testing.js';

describe('sign-off approval (issue 19 item 2)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser, wang: Browser, li: Browser, zhang: Browser, zhou: Browser, alice: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app, admin } = await demoApp(ids));
    wang = await browserAs(app, deps.db, 'E1003', 'external-sender');
    li = await browserAs(app, deps.db, 'E1002', null);
    zhang = await browserAs(app, deps.db, 'E1001', null);
    zhou = await browserAs(app, deps.db, 'E1008', null);
    alice = await browserAs(app, deps.db, 'E1004', 'sender');
  });
  after(() => deps.cleanup());

  const blobCount = async () => {
    let n = 0;
    for await (const _ of deps.blobs.list()) n++;
    return n;
  };
  /** A message from 王五 waiting on one sign-off step of 李四 and 张三 (会签 unless `method` says otherwise). */
  const waitingSignOff = async (node: Record<string, unknown> = {}) => {
    await deps.db.delete(approvalFlows);
    const flow = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: {
        name: '签批',
        conditions: {},
        nodes: [
          {
            name: '领导签批',
            approvers: { kind: 'members', memberIds: [ids.E1002, ids.E1001] },
            method: 'all',
            signOff: true,
            ...node,
          },
        ],
      },
    });
    assert.equal(flow.status, 201, await flow.clone().text());
    assert.equal((await body(flow)).nodes[0].signOff, node.signOff ?? true);
    const sent = await wang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '签批',
        body: doc('请签批'),
        audience: [{ kind: 'member', targetId: ids.E1008 }],
      },
    });
    assert.equal(sent.status, 201, await sent.clone().text());
    const messageId = (await body(sent)).id as string;
    const mine = await body(await wang.request('/api/v1/approvals?tab=mine'));
    return mine.items.find((a: { message: { id: string } }) => a.message.id === messageId).id as string;
  };
  const decide = (who: Browser, id: string, json: Record<string, unknown>) =>
    who.request(`/api/v1/approvals/${id}/decision`, { method: 'POST', json: { decision: 'approve', ...json } });
  const problem = async (res: Response, status: number, code: string) => {
    assert.equal(res.status, status, await res.clone().text());
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const p = await body(res);
    assert.equal(p.code, code);
    return p as { errors?: Array<{ path: string; code: string }> };
  };

  test('the step says it is a sign-off; the approver signs with a drawn PNG and an opinion, shown in the nodes, the \
history and the audit trail, never inlined', async () => {
    const id = await waitingSignOff();
    const waiting = await body(await li.request(`/api/v1/approvals/${id}`));
    assert.equal(waiting.nodes[0].signOff, true);
    assert.equal(waiting.can.decide, true);
    // The PNG is stored stripped of anything but the image (a tEXt chunk is dropped).
    const png = signaturePng(600, 200, { extra: [['tEXt', Buffer.from('Comment\0hello')]] });
    const res = await decide(li, id, { comment: '同意，请按期执行', signature: drawn(png) });
    assert.equal(res.status, 200, await res.clone().text());
    const view = await body(res);
    const mine = view.nodes[0].approvers.find((p: { id: string }) => p.id === ids.E1002);
    assert.equal(mine.comment, '同意，请按期执行');
    assert.deepEqual({ ...mine.signature, id: 'x' }, { id: 'x', kind: 'drawn', name: null, width: 600, height: 200 });
    const approve = view.history.find((h: { action: string }) => h.action === 'approve');
    assert.equal(approve.signature.id, mine.signature.id);
    assert.ok(!JSON.stringify(view).includes('base64') && JSON.stringify(view).length < 20_000, 'no image in JSON');
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'approval.approve'), eq(auditLog.targetId, id)));
    assert.equal((audit!.after as { signature: { id: string } }).signature.id, mine.signature.id);

    const image = await wang.request(`/api/v1/approvals/${id}/signatures/${mine.signature.id}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(image.headers.get('cache-control'), 'private, no-store');
    const bytes = Buffer.from(await image.arrayBuffer());
    assert.ok(bytes.subarray(0, 8).equals(png.subarray(0, 8)));
    assert.ok(!bytes.includes(Buffer.from('tEXt')), 'the text chunk was dropped');
    assert.equal(bytes.length, png.length - (12 + 'Comment\0hello'.length));

    // 会签: 张三 still decides; a typed signature (keyboard users) completes the step and delivers.
    const typed = await decide(zhang, id, { comment: '同意', signature: { kind: 'typed', name: ' 张三 ' } });
    assert.equal(typed.status, 200, await typed.clone().text());
    const done = await body(typed);
    assert.equal(done.status, 'approved');
    const his = done.nodes[0].approvers.find((p: { id: string }) => p.id === ids.E1001);
    assert.deepEqual(
      { ...his.signature, id: 'x' },
      { id: 'x', kind: 'typed', name: '张三', width: null, height: null },
    );
    // A typed signature has no image.
    await problem(await wang.request(`/api/v1/approvals/${id}/signatures/${his.signature.id}`), 404, 'not-found');
  });

  test('refusals: not the approver of the step (403, nothing stored), no opinion, no signature, not a PNG, too large, \
out-of-bounds dimensions, bytes after the end; a rejection signs too', async () => {
    const id = await waitingSignOff();
    const before = await blobCount();
    await problem(await decide(zhou, id, { comment: '我来签', signature: drawn() }), 403, 'forbidden');
    await problem(await decide(wang, id, { comment: '自己签', signature: drawn() }), 403, 'forbidden');
    const noOpinion = await problem(await decide(li, id, { signature: drawn() }), 400, 'validation');
    assert.deepEqual(
      noOpinion.errors!.map((e) => [e.path, e.code]),
      [['comment', 'required']],
    );
    const unsigned = await problem(await decide(li, id, { comment: '同意' }), 400, 'validation');
    assert.deepEqual(
      unsigned.errors!.map((e) => [e.path, e.code]),
      [['signature', 'required']],
    );
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)]);
    await problem(await decide(li, id, { comment: '同意', signature: drawn(jpeg) }), 415, 'unsupported-media-type');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await problem(await decide(li, id, { comment: '同意', signature: drawn(svg) }), 415, 'unsupported-media-type');
    const trailing = signaturePng(300, 100, { tail: Buffer.from('<html>') });
    await problem(await decide(li, id, { comment: '同意', signature: drawn(trailing) }), 415, 'unsupported-media-type');
    const animated = signaturePng(300, 100, { extra: [['acTL', Buffer.alloc(8)]] });
    await problem(await decide(li, id, { comment: '同意', signature: drawn(animated) }), 415, 'unsupported-media-type');
    const huge = signaturePng(300, 100, { extra: [['tEXt', Buffer.alloc(MAX_SIGNATURE_BYTES)]] });
    await problem(await decide(li, id, { comment: '同意', signature: drawn(huge) }), 413, 'payload-too-large');
    const wide = await problem(
      await decide(li, id, { comment: '同意', signature: drawn(signaturePng(4000, 20)) }),
      400,
      'validation',
    );
    assert.equal(wide.errors![0]!.path, 'signature.png');
    const dataUrl = { kind: 'drawn', png: `data:image/png;base64,${signaturePng().toString('base64')}` };
    await problem(await decide(li, id, { comment: '同意', signature: dataUrl }), 400, 'validation');
    await problem(
      await decide(li, id, { comment: '同意', signature: { kind: 'typed', name: '  ' } }),
      400,
      'validation',
    );
    assert.equal(await blobCount(), before, 'no refused signature left bytes behind');
    assert.equal((await deps.db.select().from(approvalSignatures)).length, 2, 'only the first test signed');
    assert.equal((await body(await li.request(`/api/v1/approvals/${id}`))).can.decide, true, 'still waiting');

    const rejected = await decide(li, id, {
      decision: 'reject',
      comment: '不同意：预算未列明',
      signature: { kind: 'typed', name: '李四' },
    });
    assert.equal(rejected.status, 200, await rejected.clone().text());
    const view = await body(rejected);
    assert.equal(view.status, 'rejected');
    assert.equal(view.history.find((h: { action: string }) => h.action === 'reject').signature.name, '李四');
    // Too late now: the approval no longer waits for 张三, and nothing of his signature is kept.
    await problem(await decide(zhang, id, { comment: '同意', signature: drawn() }), 409, 'conflict');
    assert.equal(await blobCount(), before);
  });

  test('a signature on a step that is no sign-off is refused; batch approval skips sign-off steps', async () => {
    const plain = await waitingSignOff({ signOff: false, method: 'any' });
    const p = await problem(await decide(li, plain, { signature: { kind: 'typed', name: '李四' } }), 400, 'validation');
    assert.deepEqual(p.errors![0], { ...p.errors![0], path: 'signature', code: 'invalid-value' });
    const signOff = await waitingSignOff({ method: 'any' });
    const batch = await li.request('/api/v1/approvals/decisions', { method: 'POST', json: { ids: [signOff] } });
    assert.deepEqual(await body(batch), { approved: [], skipped: [{ id: signOff, reason: 'sign-off-required' }] });
  });

  test('the image is served only to those who may see the approval; no secret in its URL', async () => {
    const id = await waitingSignOff({ method: 'any' });
    const view = await body(await decide(li, id, { comment: '同意', signature: drawn() }));
    assert.equal(view.status, 'approved');
    const sig = view.nodes[0].approvers.find((p: { id: string }) => p.id === ids.E1002).signature;
    const path = `/api/v1/approvals/${id}/signatures/${sig.id}`;
    assert.equal((await li.request(path)).status, 200, 'the signer');
    assert.equal((await zhang.request(path)).status, 200, 'another approver of the step');
    assert.equal((await wang.request(path)).status, 200, 'the sender');
    assert.equal((await admin.request(path)).status, 200, 'approval.admin');
    // The recipient of the delivered message and a member with nothing to do with it: as if it did not exist.
    await problem(await zhou.request(path), 404, 'not-found');
    await problem(await alice.request(path), 404, 'not-found');
    // The signature of one approval is not reachable through another's id.
    const other = await waitingSignOff({ method: 'any' });
    await problem(await li.request(`/api/v1/approvals/${other}/signatures/${sig.id}`), 404, 'not-found');
    const anonymous = await app.request(path);
    assert.equal(anonymous.status, 401);
  });

  test(
    '`pnpm herald verify` (and backups) count drawn signatures as blobs of the database, not strays',
    sqliteOnly('`pnpm herald verify` and backups read the embedded database file (PostgreSQL: pg_dump, pg_amcheck)'),
    async () => {
      const report = await verifyDataFolder(databaseFile(deps.config)!, deps.blobs, { full: true });
      assert.ok(report.ok, JSON.stringify(report.findings));
      const signatures = (await deps.db.select().from(approvalSignatures)).filter((s) => s.kind === 'drawn');
      assert.ok(signatures.length >= 2);
      assert.ok(report.findings.some((f) => /all \d+ have their bytes/.test(f.what)));
      assert.ok(!report.findings.some((f) => /belong to no attachment/.test(f.what)), 'no strays');
    },
  );
});
