// Issue 24: the sender's reach charts above the receipts list — a department's bar narrows the list and the reminders
// (the same remind path), and the charts move live with the receipts.
import { expect } from '@open-wc/testing';
import { $, $$, mountMock, until } from './testing/mount.js';
import { sentByMe } from './testing/mock-backend.js';
import type { HeraldMessageReach } from '../reach/message-reach.js';
import './define.js';

const reachOf = (el: Element) => $(el, 'herald-message-reach') as HeraldMessageReach | null;
const bar = (el: Element, key: string) =>
  reachOf(el)?.shadowRoot?.querySelector<HTMLButtonElement>(`button.bar-row[data-key="${key}"]`) ?? null;
const names = (el: Element) => $$(el, '#receipts-rows tr th').map((th) => th.textContent);

describe('<herald-message-view> reach charts (issue 24)', () => {
  it('a department bar filters the list and reminds only that department; "Show everyone" undoes it', async () => {
    const { el, backend } = await mountMock({ messages: [sentByMe({ receiptRequired: true })] });
    await until(() => bar(el, 'd-market'), 4000, 'the department bars');
    await until(() => names(el).length === 7, 4000, 'every recipient');
    bar(el, 'd-market')!.click();
    await until(() => names(el).length === 3, 4000, 'only 市场部');
    expect(names(el)).to.deep.equal(['赵六', '孙七', 'Carol Wu']);
    expect(backend.calls.some((c) => c.path.endsWith('/recipients') && c.url.includes('department=d-market'))).to.be
      .true;
    expect($(el, '#department-filter').textContent).to.contain('Showing only 市场部.');
    await until(() => bar(el, 'd-market')?.getAttribute('aria-pressed') === 'true');
    const remind = $(el, '#remind-unconfirmed') as HTMLButtonElement;
    expect(remind.textContent!.trim()).to.equal('Remind those in 市场部 who have not confirmed');
    remind.click();
    await until(() => $(el, '#remind-status').textContent === 'Reminded 3 people.', 4000, 'the reminder');
    const sent = backend.calls.find((c) => c.method === 'POST' && c.path.endsWith('/remind'))!;
    expect(sent.body).to.deep.equal({ state: 'unconfirmed', department: 'd-market' });
    ($(el, '#department-clear') as HTMLButtonElement).click();
    await until(() => names(el).length === 7, 4000, 'everyone again');
    expect($(el, '#department-filter')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("the charts move live as people read (the receipts panel's own live refresh)", async () => {
    const { el, backend, client } = await mountMock(
      { messages: [sentByMe({ receiptRequired: true })] },
      { locale: 'zh-CN' },
    );
    client.live.start();
    await until(() => bar(el, 'd-market'), 4000, 'the department bars');
    await until(() => backend.liveStreams > 0);
    expect(bar(el, 'd-market')!.getAttribute('aria-label')).to.equal('市场部: 3 人中 0 人已确认，0 人已读');
    backend.recipients[5]!.readAt = Date.now();
    backend.emit('message.read', { messageId: 'msg1' });
    await until(
      () => bar(el, 'd-market')!.getAttribute('aria-label') === '市场部: 3 人中 0 人已确认，1 人已读',
      4000,
      'the bar moved',
    );
    client.live.close();
  });
});
