// What a Sent row says of its message — receipt counts, "Scheduled …" (issue 20 #1), "Not sent", "Waiting for
// approval" — and the empty Sent view. Their code and strings are in the inbox's lazy actions chunk (issue 16): the
// Sent view's list waits for it, so the first test of this file opens Sent before anything else asked for the chunk.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldInbox } from './inbox.js';
import { $, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';

const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const mount = (locale: string, count?: number) =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale=${locale} style="--herald-inbox-height: 30rem; width: 1100px"></herald-inbox>`,
    { count },
  );

describe('<herald-inbox> Sent rows (issue 20 #1; strings in the lazy actions chunk, issue 16)', function () {
  before(ignoreResizeObserverLoop);

  it('say scheduled, not sent, waiting for approval and the receipt counts, in English and Chinese', async () => {
    for (const [locale, words] of [
      ['en', { scheduled: 'Scheduled', withdrawn: 'Not sent', pending: 'Waiting for approval', read: 'read' }],
      ['zh-CN', { scheduled: '定时', withdrawn: '未发送', pending: '等待审批', read: '已读' }],
    ] as const) {
      const { el, backend } = await mount(locale);
      const at = Date.now() + 86_400_000;
      Object.assign(backend.sent[0]!.message, { status: 'scheduled', scheduledAt: at });
      Object.assign(backend.sent[1]!.message, { status: 'withdrawn' });
      Object.assign(backend.sent[2]!.message, { status: 'pending-approval' });
      el.view = 'sent';
      await until(() => rows(el).length === backend.sent.length, 4000, 'the sent rows');
      const [scheduled, withdrawn, pending, sent] = rows(el);
      const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
      const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
      expect(text(scheduled!.querySelector('.badge.scheduled'))).to.equal(`${words.scheduled} ${day} ${time}`);
      expect(text(withdrawn!.querySelector('[part="flag"]'))).to.equal(words.withdrawn);
      expect(text(pending!.querySelector('.meta'))).to.contain(words.pending);
      // The fourth asks for no confirmation (mock: every other one does): read only.
      const { read, total } = backend.sent[3]!.counts;
      expect(text(sent!.querySelector('[part="counts"]'))).to.equal(`${words.read} ${read}/${total}`);
      const { confirmed } = backend.sent[0]!.counts;
      expect(text(scheduled!.querySelector('[part="counts"]'))).to.contain(`${confirmed}/`);
    }
  });

  it('an empty Sent view says nothing was sent', async () => {
    const { el } = await mount('en', 0);
    await until(() => $(el, '[part="empty-state"]'), 4000, "the inbox's empty state");
    el.view = 'sent';
    const said = () => text($(el, '[part="empty-state"]'));
    await until(() => said() === 'You have not sent any messages.', 4000, 'the empty Sent view');
    expect(said()).to.equal('You have not sent any messages.');
  });
});
