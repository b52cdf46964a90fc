// Issue 20 #1: a scheduled message in its sender's reading pane: when it goes out, "Send now", "Change time" and
// "Cancel scheduled send" (confirmed first), by keyboard and screen reader, in both locales.
import { expect, oneEvent } from '@open-wc/testing';
import { loadCatalogues } from '@herald/core';
import { $, mountMock, until } from './testing/mount.js';
import { sentByMe } from './testing/mock-backend.js';
import { messageViewStrings } from './i18n/index.js';
import './define.js';

const HOUR = 60 * 60 * 1000;
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const ready = (el: Element) => until(() => $(el, 'article'), 4000, 'the message');
const scheduled = (at: number) =>
  sentByMe({
    status: 'scheduled',
    scheduledAt: at,
    deliveredAt: null,
    recipientCount: 0,
    can: {
      edit: true,
      recall: false,
      delete: true,
      reply: false,
      viewRevisions: true,
      viewRecipients: true,
    },
  });

describe('<herald-message-view> scheduled send (issue 20 #1)', () => {
  before(() => loadCatalogues('en', [messageViewStrings]));

  it('says when it will be sent; "Change time" moves it (PUT …/schedule), announced', async () => {
    const at = Date.now() + HOUR;
    const { el, backend } = await mountMock({ messages: [scheduled(at)] });
    await ready(el);
    expect($(el, '.badge.scheduled').textContent).to.contain('Will be sent');
    expect($(el, '#recall')).to.not.exist;
    await expect(el).to.be.accessible();
    $(el, '#schedule-move').click();
    await until(() => $<HTMLDialogElement>(el, '#schedule-dialog').open, 2000, 'the dialog');
    expect(el.shadowRoot!.activeElement?.id).to.equal('schedule-at');
    await expect(el).to.be.accessible();
    const input = $<HTMLInputElement>(el, '#schedule-at');
    const later = new Date(at + 2 * HOUR);
    later.setSeconds(0, 0);
    input.value = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    input.dispatchEvent(new Event('input'));
    const manage = oneEvent(el, 'herald-message-manage');
    $(el, '#schedule-ok').click();
    await manage;
    const put = backend.calls.find((c) => c.method === 'PUT' && c.path === '/messages/msg1/schedule');
    expect(put?.body).to.deep.equal({ scheduledAt: later.getTime() });
    await until(() => !$<HTMLDialogElement>(el, '#schedule-dialog').open, 2000, 'closed');
  });

  it('a time in the past is refused in the dialog, nothing sent', async () => {
    const { el, backend } = await mountMock({ messages: [scheduled(Date.now() + HOUR)] });
    await ready(el);
    $(el, '#schedule-move').click();
    await until(() => $<HTMLDialogElement>(el, '#schedule-dialog').open, 2000, 'the dialog');
    const input = $<HTMLInputElement>(el, '#schedule-at');
    input.value = '2020-01-01T09:00';
    input.dispatchEvent(new Event('input'));
    $(el, '#schedule-ok').click();
    await until(() => !$(el, '#schedule-error').hidden, 2000, 'the error');
    expect($(el, '#schedule-error').textContent).to.equal('Choose a time in the future.');
    expect(backend.calls.some((c) => c.path.endsWith('/schedule'))).to.be.false;
  });

  it('"Cancel scheduled send" asks first, then cancels (DELETE …/schedule): "Not sent"', async () => {
    const { el, backend } = await mountMock({ messages: [scheduled(Date.now() + HOUR)] });
    await ready(el);
    $(el, '#schedule-cancel').click();
    await until(() => $<HTMLDialogElement>(el, '#schedule-dialog').open, 2000, 'the dialog');
    expect(el.shadowRoot!.activeElement?.id).to.equal('schedule-keep');
    expect(text(el)).to.contain('Nobody will receive it.');
    $(el, '#schedule-ok').click();
    await until(() => $(el, '.badge.withdrawn'), 2000, 'not sent');
    expect(backend.calls.some((c) => c.method === 'DELETE' && c.path === '/messages/msg1/schedule')).to.be.true;
    expect($(el, '#schedule-move')).to.not.exist;
  });

  it('"Send now" sends it at once (POST …/schedule/send-now), announced, no longer scheduled', async () => {
    const { el, backend } = await mountMock({ messages: [scheduled(Date.now() + HOUR)] });
    await ready(el);
    const manage = oneEvent(el, 'herald-message-manage');
    $(el, '#schedule-now').click();
    await manage;
    expect(backend.calls.some((c) => c.method === 'POST' && c.path === '/messages/msg1/schedule/send-now')).to.be.true;
    await until(() => !$(el, '#schedule-now'), 2000, 'the scheduled actions gone');
    expect($(el, '.badge.scheduled')).to.not.exist;
    expect(text(el)).to.contain('Sent.');
  });

  it('speaks Chinese in zh-CN', async () => {
    await loadCatalogues('zh-CN', [messageViewStrings]);
    const { el } = await mountMock({ messages: [scheduled(Date.now() + HOUR)] }, { locale: 'zh-CN' });
    await ready(el);
    await until(() => $(el, '#schedule-cancel')?.textContent?.includes('取消定时发送'), 2000, 'Chinese');
    expect($(el, '.badge.scheduled').textContent).to.contain('发送');
  });
});
