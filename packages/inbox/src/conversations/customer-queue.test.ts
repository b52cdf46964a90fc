import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { sendKeys } from '@herald/client/testing/keys';
import { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';
import './define.js';
import type { HeraldCustomerQueue } from './customer-queue.js';
import { conversation, createMockConversations, HELPER, type MockOptions } from './testing/mock-backend.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: HeraldCustomerQueue) => $$(el, '[part="row"]');

async function mount(options: MockOptions, locale = 'en') {
  const backend = createMockConversations(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const { el, stores } = await mountWith<HeraldCustomerQueue>(
    html`<herald-customer-queue locale=${locale}></herald-customer-queue>`,
    client,
  );
  void stores.start(); // what <herald-provider> does: the live stream opens for the signed-in subject
  return { el, backend };
}

const ITEMS = [
  conversation({ id: 'c1', subject: '发票抬头有误', status: 'open', updatedAt: 3 }),
  conversation({
    id: 'c2',
    subject: '退货申请',
    status: 'waiting',
    updatedAt: 2,
    group: { id: 'g', name: '售后服务组' },
  }),
];

describe('<herald-customer-queue> (issue 19 #5)', () => {
  it('is accessible, lists the conversations with their status and contact', async () => {
    const { el } = await mount({ items: ITEMS });
    await until(() => rows(el).length === 2, 5000, 'two rows');
    await expect(el).to.be.accessible();
    expect(text(rows(el)[0]))
      .to.contain('发票抬头有误')
      .and.contain('From 陈经理 · 华东贸易')
      .and.contain('Open');
    expect(text(rows(el)[1])).to.contain('Waiting for customer');
  });

  it('filters by status and assignee on the server', async () => {
    const { el, backend } = await mount({ items: ITEMS });
    await until(() => rows(el).length === 2, 5000, 'two rows');
    fill($<HTMLSelectElement>(el, '#status'), 'waiting');
    await until(() => rows(el).length === 1, 5000, 'only the waiting one');
    expect(rows(el)[0]!.dataset.id).to.equal('c2');
    expect(backend.calls.at(-1)!.url.searchParams.get('status')).to.equal('waiting');
    fill($<HTMLSelectElement>(el, '#assignee'), 'none');
    await until(() => backend.calls.at(-1)!.url.searchParams.get('assignee') === 'none', 5000, 'asked for unassigned');
  });

  it('resolves, reopens and assigns; says so to screen readers', async () => {
    const { el, backend } = await mount({ items: ITEMS });
    await until(() => rows(el).length === 2, 5000, 'two rows');
    rows(el)[0]!.querySelector<HTMLButtonElement>('.resolve')!.click();
    await until(() => rows(el)[0]!.dataset.status === 'resolved', 5000, 'resolved');
    expect(backend.calls.find((c) => c.method === 'PATCH')!.body).to.deep.equal({ status: 'resolved' });
    expect(text($(el, '[role="status"]'))).to.equal('"发票抬头有误" is now Resolved.');
    expect(text(rows(el)[0]!.querySelector('.resolve'))).to.equal('Reopen');
    const assign = rows(el)[0]!.querySelector<HTMLSelectElement>('.assign')!;
    assign.dispatchEvent(new Event('focus'));
    await until(() => assign.options.length === 3, 5000, 'the choices');
    fill(assign, HELPER.id);
    await until(() => text(rows(el)[0]) && backend.items.get('c1')!.assignee?.id === HELPER.id, 5000, 'assigned');
  });

  it('opens a conversation with the keyboard: Enter on a row fires herald-conversation-select', async () => {
    const { el } = await mount({ items: ITEMS });
    await until(() => rows(el).length === 2, 5000, 'two rows');
    rows(el)[1]!.querySelector<HTMLButtonElement>('button.open')!.focus();
    const selected = oneEvent(el, 'herald-conversation-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail).to.deep.equal({ conversationId: 'c2' });
  });

  it('follows the live stream: a conversation opened elsewhere appears', async () => {
    const { el, backend } = await mount({ items: [ITEMS[0]!] });
    await until(() => rows(el).length === 1 && backend.liveStreams > 0, 5000, 'one row and the stream');
    backend.items.set('c3', conversation({ id: 'c3', subject: '新问题', updatedAt: 9 }));
    backend.emit('conversation.opened', { conversationId: 'c3', status: 'open' });
    await until(() => rows(el).length === 2, 5000, 'the new one');
    expect(rows(el)[0]!.dataset.id).to.equal('c3');
  });

  it('S7: taken off the page and put back, it catches up and follows the live stream again', async () => {
    const { el, backend } = await mount({ items: [ITEMS[0]!] });
    await until(() => rows(el).length === 1 && backend.liveStreams > 0, 5000, 'one row and the stream');
    const lists = () => backend.calls.filter((c) => c.method === 'GET' && c.path === '/conversations').length;
    const before = lists();
    const parent = el.parentElement!;
    el.remove();
    backend.items.set('c3', conversation({ id: 'c3', subject: '新问题', updatedAt: 9 }));
    parent.append(el);
    await until(() => rows(el).length === 2 && lists() > before, 5000, 'what it missed while away');
    backend.items.set('c4', conversation({ id: 'c4', subject: '又一个问题', updatedAt: 10 }));
    backend.emit('conversation.opened', { conversationId: 'c4', status: 'open' });
    await until(() => rows(el).length === 3, 5000, 'the one opened after it came back');
    expect(rows(el)[0]!.dataset.id).to.equal('c4');
  });

  it('a customer sees their own, in zh-CN, without assignment or resolve', async () => {
    // The server names the assignee to a customer without the member's id (review of issue 19 item 5).
    const mine = conversation({ can: { update: false }, assignee: { name: '周八' } });
    const { el } = await mount({ as: 'contact', items: [mine] }, 'zh-CN');
    await until(() => rows(el).length === 1, 5000, 'the row');
    expect(text($(el, 'h3'))).to.equal('我的会话');
    expect(text(rows(el)[0]))
      .to.contain('发给 对接人')
      .and.contain('待处理')
      .and.contain('周八');
    expect($(el, '#assignee')).to.equal(null);
    expect(rows(el)[0]!.querySelector('.resolve')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
