// Against the real test server (proxied at /api/ by the root wtr config): an approval admin makes a flow in the
// editor, a member's message waits for it, and the approver approves it in the queue.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient, type HeraldClient } from '@herald/client';
import { $, $$, fill, mountWith, signInFresh, testServerInfo, until } from '@herald/client/testing/mount';
import type { HeraldApprovalQueue } from './approval-queue.js';
import './define.js';

const caller =
  (client: HeraldClient) =>
  async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await client.fetch(client.url(path), {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.ok, `${method} ${path}: ${await response.clone().text()}`).to.be.true;
    return response.status === 204 ? null : response.json();
  };
const list = <T>(body: unknown) => (Array.isArray(body) ? body : (body as { items: T[] }).items) as T[];

describe('<herald-approval-queue> on the real server', () => {
  it(
    'R5/R10: an approval admin creates a flow in the editor; a message matching it waits; the approver approves it ' +
      'with a comment and it is delivered',
    async function () {
      const info = await testServerInfo();
      if (!info.url || !info.orgAdminLogin || !info.approver) return this.skip();
      const approver = info.approver;
      const stamp = Date.now();
      const client = createHeraldClient({ baseUrl: location.origin });

      // The org admin (wtr-admin has org.admin but not approval.admin, and cannot hand it out): a department of its
      // own for the sender (so the flow catches no other test's messages) and a reader. The approver holding
      // approval.admin was made by the super admin (web-test-runner.config.mjs).
      await signInFresh(client, info.orgAdminLogin, info.orgAdminPassword!);
      const admin = caller(client);
      expect((await client.me()).permissions).to.not.include('approval.admin');
      const root = list<{ id: string }>(await admin('GET', '/departments'))[0]!;
      const department = await admin('POST', '/departments', { name: `wtr approvals ${stamp}`, parentId: root.id });
      const roles = list<{ id: string; builtinKey: string | null }>(await admin('GET', '/roles'));
      const sender = await admin('POST', '/members', {
        employeeNo: `wtr-snd-${stamp}`,
        name: `发件人 Sender ${stamp}`,
        departmentId: department.id,
      });
      await admin('POST', `/members/${sender.id}/grants`, { roleId: roles.find((r) => r.builtinKey === 'sender')!.id });
      const reader = await admin('POST', '/members', {
        employeeNo: `wtr-rd-${stamp}`,
        name: `读者 Reader ${stamp}`,
        departmentId: root.id,
      });
      await client.signOut();

      // The approver makes the flow in the editor: the sender's department, one step with the approver as its member.
      await signInFresh(client, approver.login, approver.password);
      let { el } = await mountWith<HeraldApprovalQueue>(
        html`<herald-approval-queue locale="en"></herald-approval-queue>`,
        client,
      );
      await until(() => $(el, '#tab-flows'), 10_000, 'the Flows tab');
      $(el, '#tab-flows').click();
      await el.updateComplete;
      const flows = $(el, 'herald-approval-flows');
      await until(() => $(flows, '#new-flow'), 10_000, 'the flow list');
      $(flows, '#new-flow').click();
      await until(
        () => $$(flows, '#department option').some((o) => (o as HTMLOptionElement).value === department.id),
        10_000,
        'departments',
      );
      fill($(flows, '#flow-name'), `wtr flow ${stamp}`);
      fill($(flows, '#department'), department.id);
      fill($(flows, '#node-0-name'), 'Approver');
      fill($(flows, '#node-0-rule'), 'members');
      await (flows as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      fill($(flows, '#node-0-members'), approver.name);
      await until(() => $(flows, `.add-member[data-id="${approver.id}"]`), 10_000, 'the approver in the directory');
      $(flows, `.add-member[data-id="${approver.id}"]`).click();
      await (flows as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      $(flows, '#save').click();
      await until(
        () => $$(flows, '[part=flow] .name').some((n) => n.textContent === `wtr flow ${stamp}`),
        10_000,
        'the saved flow',
      );
      const flow = list<{ id: string; name: string }>(await caller(client)('GET', '/approval-flows')).find(
        (f) => f.name === `wtr flow ${stamp}`,
      )!;
      el.parentElement!.remove();
      await client.signOut();

      try {
        // The sender's message waits for approval.
        await signInFresh(client, `wtr-snd-${stamp}`, sender.initialPassword);
        await client.changePassword(sender.initialPassword, 'Sender-pass-2026!x');
        const subject = `wtr approval ${stamp}`;
        const sent = await caller(client)(
          'POST',
          '/messages',
          {
            kind: 'internal',
            subject,
            audience: [{ kind: 'member', targetId: reader.id }],
            body: {
              type: 'doc',
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'Please ' },
                    { type: 'text', text: 'approve', marks: [{ type: 'bold' }] },
                  ],
                },
              ],
            },
          },
          { 'idempotency-key': `wtr-ap-${stamp}` },
        );
        expect(sent.status).to.equal('pending-approval');
        await client.signOut();

        // The approver sees it in "To approve", reads it as recipients will, and approves with a comment.
        await signInFresh(client, approver.login, approver.password);
        ({ el } = await mountWith<HeraldApprovalQueue>(
          html`<herald-approval-queue locale="zh-CN"></herald-approval-queue>`,
          client,
        ));
        await until(
          () => $$(el, '[part=item] .open').some((b) => b.textContent === subject),
          10_000,
          'the request in To approve',
        );
        $$(el, '[part=item]')
          .find((i) => i.querySelector('.open')!.textContent === subject)!
          .querySelector<HTMLButtonElement>('.open')!
          .click();
        await until(() => $(el, '#approve'), 10_000, 'the detail');
        expect($(el, '[part=message-body] strong').textContent).to.equal('approve');
        expect($(el, '#recipients').textContent).to.contain(`读者 Reader ${stamp}`);
        // Issue 14: why the flow matched, in the interface's language (the server sends a code and its parameters).
        expect($$(el, '#reasons li').map((li) => li.textContent)).to.deep.equal([
          `发件人属于wtr approvals ${stamp}或其下级部门`,
        ]);
        fill($(el, '#comment'), '同意发送');
        $(el, '#approve').click();
        await until(() => $(el, '#status')?.textContent === '已通过', 10_000, 'approved');
        const done = await caller(client)('GET', '/approvals?tab=done');
        const approval = done.items.find((a: { message: { id: string } }) => a.message.id === sent.id);
        expect(approval.message.status).to.equal('sent');
        expect(approval.nodes[0].approvers[0].comment).to.equal('同意发送');
        el.parentElement!.remove();
      } finally {
        await caller(client)('DELETE', `/approval-flows/${flow.id}`).catch(() => undefined);
        await client.signOut();
      }
    },
  );
});
