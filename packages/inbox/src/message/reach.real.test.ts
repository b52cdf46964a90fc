// Issue 24 against the real test server (proxied at /api/ by the root wtr config): the sender's reach charts come from
// `GET /messages/{id}/reach`, and a department's bar narrows the real recipients list and reminds only that department.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { realClient } from '@herald/client/testing/mount';
import { caller } from '@herald/client/testing/real-mailbox';
import type { HeraldMessageReach } from '../reach/message-reach.js';
import { $, $$, mountWith, until } from './testing/mount.js';
import './define.js';

describe('<herald-message-view> reach charts on the real server (issue 24)', () => {
  it('a bar per department from the server; choosing one lists and reminds only its people', async function () {
    const sender = await realClient();
    if (!sender) return this.skip();
    const call = caller(sender);
    const tag = `${Date.now()}`;
    const listed = await call('GET', '/departments');
    const top = ((listed.items ?? listed) as Array<{ id: string; parentId: string | null }>).find((d) => !d.parentId)!;
    const east = await call('POST', '/departments', { name: `华东${tag}`, parentId: top.id });
    const west = await call('POST', '/departments', { name: `华西${tag}`, parentId: top.id });
    const people = [
      await call('POST', '/members', { employeeNo: `wtr-e1-${tag}`, name: '东一', departmentId: east.id }),
      await call('POST', '/members', { employeeNo: `wtr-e2-${tag}`, name: '东二', departmentId: east.id }),
      await call('POST', '/members', { employeeNo: `wtr-w1-${tag}`, name: '西一', departmentId: west.id }),
    ];
    const sent = await call(
      'POST',
      '/messages',
      {
        kind: 'internal',
        subject: `wtr reach ${tag}`,
        receiptRequired: true,
        audience: people.map((p) => ({ kind: 'member', targetId: p.id })),
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '请确认' }] }] },
      },
      { 'idempotency-key': `wtr-reach-${tag}` },
    );
    const { el } = await mountWith(
      html`<herald-message-view message-id=${sent.id} locale="en"></herald-message-view>`,
      sender,
    );
    const reach = () => $(el, 'herald-message-reach') as HeraldMessageReach | null;
    const bars = () => [...(reach()?.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.bar-row') ?? [])];
    await until(() => bars().length === 2, 10_000, 'two department bars');
    expect(bars().map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      `华东${tag}: 0 of 2 confirmed, 0 read`,
      `华西${tag}: 0 of 1 confirmed, 0 read`,
    ]);
    bars()[1]!.click();
    await until(() => $$(el, '#receipts-rows th').length === 1, 10_000, 'only 华西');
    expect($$(el, '#receipts-rows th').map((th) => th.textContent)).to.deep.equal(['西一']);
    $(el, '#remind-unread').click();
    await until(() => $(el, '#remind-status')?.textContent === 'Reminded 1 person.', 10_000, 'reminded');
    await expect(el).to.be.accessible();
    await sender.signOut();
  });
});
