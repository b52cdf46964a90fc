// Issue 19 #3: @mentions that reach the person — the Mentions view with its count in the sidebar (live), the
// "Mentions you" marker on the row and in the reading pane, both locales.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldInbox } from './inbox.js';
import { $, $$, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';
import type { MockInboxOptions } from '../testing/mock-backend.js';

const mount = (options: MockInboxOptions = {}, locale = 'en') =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale=${locale} style="--herald-inbox-height: 30rem; width: 1100px"></herald-inbox>`,
    options,
  );
const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const viewButton = (el: HeraldInbox, name: string) =>
  $$<HTMLButtonElement>(el, 'button[part="view"]').find((b) => b.querySelector('.name')?.textContent === name);
const listQuery = (backend: { calls: Array<{ method: string; path: string; query: URLSearchParams }> }) =>
  backend.calls.filter((c) => c.method === 'GET' && c.path === '/mailbox').at(-1)?.query;

// Entry 0 is unread, 4 is read (the mock reads two in three): one unread mention is counted, both are listed.
const MENTIONED = { mentioned: [0, 4] };

describe('<herald-inbox> mentions (issue 19 #3)', function () {
  before(ignoreResizeObserverLoop);

  it('shows the Mentions view with its unread count, and lists what mentions you with the marker', async () => {
    const { el, backend } = await mount(MENTIONED);
    await until(() => viewButton(el, 'Mentions')?.querySelector('.count'), 4000, 'the mentions count');
    const mentions = viewButton(el, 'Mentions')!;
    expect(mentions.querySelector('.count [aria-hidden="true"]')!.textContent).to.equal('1');
    expect(mentions.querySelector('.visually-hidden')!.textContent).to.equal('1 unread mentioning you');
    mentions.click();
    await until(() => listQuery(backend)?.get('mentioned') === 'true', 4000, 'the Mentions listing');
    expect(listQuery(backend)!.get('view')).to.equal('all');
    await until(() => rows(el).length === 2, 4000, 'two mentioning rows');
    expect(mentions.getAttribute('aria-current')).to.equal('page');
    for (const row of rows(el)) expect(row.querySelector('[part="mention"]')!.textContent).to.equal('Mentions you');
    await expect(el).to.be.accessible();
  });

  it('marks only the rows that mention you in the inbox, and the reading pane says so', async () => {
    const { el, backend } = await mount(MENTIONED);
    await until(() => rows(el).length > 0, 4000, 'rows');
    const marked = rows(el).filter((r) => r.querySelector('[part="mention"]'));
    const ids = backend.entries.filter((e) => e.state.mentioned && !e.state.archivedAt).map((e) => e.message.id);
    expect(marked.map((r) => r.dataset.id).sort()).to.deep.equal(ids.sort());
    marked[0]!.click();
    await until(() => $(el, 'herald-message-view'), 4000, 'the reading pane');
    const view = $(el, 'herald-message-view');
    await until(() => view.shadowRoot?.querySelector('.badge.mention'), 4000, 'the reading pane marker');
    expect(view.shadowRoot!.querySelector('.badge.mention')!.textContent).to.equal('Mentions you');
  });

  it('the count follows live events: a new mention raises it', async () => {
    const { el, backend } = await mount(MENTIONED);
    await until(() => viewButton(el, 'Mentions')?.querySelector('.count'), 4000, 'the mentions count');
    await until(() => backend.liveOpen, 4000, 'the live stream');
    const entry = backend.deliver({ subject: 'You are mentioned' });
    entry.state.mentioned = true;
    backend.emit('message.received', { messageId: entry.message.id });
    await until(
      () => viewButton(el, 'Mentions')?.querySelector('.count [aria-hidden="true"]')?.textContent === '2',
      4000,
      'the count after the live event',
    );
  });

  it('is accessible in Chinese, with the view and the marker translated', async () => {
    const { el } = await mount(MENTIONED, 'zh-CN');
    await until(() => viewButton(el, '提及我的')?.querySelector('.count'), 4000, 'the mentions count');
    await until(() => rows(el).some((r) => r.querySelector('[part="mention"]')), 4000, 'a marked row');
    const marker = rows(el)
      .find((r) => r.querySelector('[part="mention"]'))!
      .querySelector('[part="mention"]')!;
    expect(marker.textContent).to.equal('提及了你');
    await expect(el).to.be.accessible();
  });
});
