// Against the real test server (proxied at /api/ by the root wtr config): the test sends itself a message and reads it.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { MessageApi } from '../api/message-api.js';
import { realClient } from '@herald/client/testing/mount';
import { caller } from '@herald/client/testing/real-mailbox';
import { $, $$, mountWith, until } from './testing/mount.js';
import './define.js';

describe('<herald-message-view> on the real server', () => {
  it(
    'R8/R9/R14: a recipient reads a receipt-required message the test sent (marked read, confirmed); the sender ' +
      'panel counts it',
    async function () {
      const info = await (await fetch('/__herald-test-server.json')).json();
      if (!info.orgAdminLogin) return this.skip();
      const sender = createHeraldClient({ baseUrl: location.origin });
      await sender.signIn(info.orgAdminLogin, info.orgAdminPassword);
      const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const response = await sender.fetch(sender.url(path), {
          method,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(response.ok, `${method} ${path}: ${await response.clone().text()}`).to.be.true;
        return response.json();
      };
      // A recipient of its own (the sender is never among the recipients).
      const departments = await call('GET', '/departments');
      const employeeNo = `wtr-mv-${Date.now()}`;
      const reader = await call('POST', '/members', {
        employeeNo,
        name: '读者 Reader',
        departmentId: (departments.items ?? departments)[0].id,
      });
      const subject = `wtr message view ${Date.now()}`;
      const sent = await call(
        'POST',
        '/messages',
        {
          kind: 'internal',
          subject,
          receiptRequired: true,
          audience: [{ kind: 'member', targetId: reader.id }],
          body: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: 'Hello from ' },
                  { type: 'text', text: 'wtr', marks: [{ type: 'bold' }] },
                ],
              },
            ],
          },
        },
        { 'idempotency-key': `wtr-${Date.now()}` },
      );
      await sender.signOut();

      // The recipient (cookie session; first sign-in must change the password).
      const recipient = createHeraldClient({ baseUrl: location.origin });
      await recipient.signIn(employeeNo, reader.initialPassword);
      await recipient.changePassword(reader.initialPassword, 'Reader-pass-2026!x');
      const { el } = await mountWith(
        html`<herald-message-view message-id=${sent.id} locale="en"></herald-message-view>`,
        recipient,
      );
      await until(() => $(el, 'article'), 10_000, 'the message');
      expect($(el, '#subject').textContent).to.equal(subject);
      expect($(el, '[part=body] strong').textContent).to.equal('wtr');
      expect($(el, '[part=receipts]')).to.not.exist;
      await until(() => el.message?.mine?.readAt, 5000, 'marked read');
      $(el, '#confirm').click();
      await until(() => $(el, '#confirmed'), 5000, 'confirmed');
      expect((await new MessageApi(recipient).message(sent.id)).mine!.confirmedAt).to.be.a('number');
      el.parentElement!.remove();
      await recipient.signOut();

      // The sender's view: one recipient, read and confirmed.
      await sender.signIn(info.orgAdminLogin, info.orgAdminPassword);
      const view = await mountWith(
        html`<herald-message-view message-id=${sent.id} locale="zh-CN"></herald-message-view>`,
        sender,
      );
      await until(() => $(view.el, '[data-count="confirmed"] dd')?.textContent === '1', 10_000, 'counts');
      expect($(view.el, '[data-count="total"] dd').textContent).to.equal('1');
      expect($(view.el, '[data-count="read"] dd').textContent).to.equal('1');
      expect($$(view.el, '#receipts-rows th').map((th) => th.textContent)).to.deep.equal(['读者 Reader']);
      await sender.signOut();
    },
  );

  it('issue 23: "reminded" is said beside the remind buttons, not below the reading pane', async function () {
    const sender = await realClient();
    if (!sender) return this.skip();
    const call = caller(sender);
    const departments = await call('GET', '/departments');
    const reader = await call('POST', '/members', {
      employeeNo: `wtr-remind-${Date.now()}`,
      name: '未读者 Unread',
      departmentId: (departments.items ?? departments)[0].id,
    });
    const sent = await call(
      'POST',
      '/messages',
      {
        kind: 'internal',
        subject: `wtr remind ${Date.now()}`,
        audience: [{ kind: 'member', targetId: reader.id }],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '请阅读' }] }] },
      },
      { 'idempotency-key': `wtr-${Date.now()}` },
    );
    const { el } = await mountWith(
      html`<herald-message-view message-id=${sent.id} locale="zh-CN"></herald-message-view>`,
      sender,
    );
    await until(
      () => $(el, '#remind-unread') && !$<HTMLButtonElement>(el, '#remind-unread').disabled,
      10_000,
      'remind button',
    );
    $(el, '#remind-unread').click();
    await until(() => $(el, '#remind-status')?.textContent === '已提醒 1 人。', 5000, 'reminded');
    const status = $(el, '#remind-status');
    expect(status.closest('.receipt-actions')).to.equal($(el, '#remind-unread').closest('.receipt-actions'));
    expect(status.classList.contains('error')).to.equal(false);
    // Right under the button that caused it.
    const button = $(el, '#remind-unread').getBoundingClientRect();
    expect(status.getBoundingClientRect().top - button.bottom).to.be.within(0, 40);
    await expect(el).to.be.accessible();
    await sender.signOut();
  });
});
