import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldUnreadBadge } from './badge.js';
import { ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';

const badgeText = (el: HeraldUnreadBadge) => el.shadowRoot!.querySelector('[part~="badge"]')?.textContent ?? null;

describe('<herald-unread-badge>', function () {
  before(ignoreResizeObserverLoop);
  it(
    'R6: shows the unread count from GET /mailbox/unread-count with an accessible label, in both ' + 'locales',
    async () => {
      for (const [locale, label] of [
        ['en', 'unread messages'],
        ['zh-CN', '条未读消息'],
      ] as const) {
        const { el, backend } = await mountInbox<HeraldUnreadBadge>(
          html`<herald-unread-badge locale=${locale}></herald-unread-badge>`,
          { count: 30 },
        );
        const { unread, urgent } = backend.unreadCount();
        await until(() => badgeText(el) === String(unread));
        const status = el.shadowRoot!.querySelector('[role="status"]')!;
        expect(status.textContent).to.contain(label);
        expect(el.shadowRoot!.querySelector('[part~="badge"]')!.getAttribute('part')).to.equal(
          urgent ? 'badge urgent' : 'badge',
        );
        await expect(el).to.be.accessible();
      }
    },
  );

  it('R6: is hidden at zero, shows 99+ above 99, and follows live events', async () => {
    // Issue 14: no "sleep, then nothing shows". One message arrives (the badge shows 1: it is loaded and live), is
    // read, and the badge goes away at zero.
    const none = await mountInbox<HeraldUnreadBadge>(html`<herald-unread-badge></herald-unread-badge>`, { count: 0 });
    await until(() => none.backend.liveOpen);
    const arrival = none.backend.deliver();
    none.backend.emit('message.received', { messageId: arrival.message.id });
    await until(() => badgeText(none.el) === '1');
    arrival.state.readAt = Date.now();
    none.backend.emit('mailbox.updated', { messageIds: [arrival.message.id] });
    await until(() => badgeText(none.el) === null);
    expect(none.el.shadowRoot!.querySelector('[role="status"]')).to.exist;
    const many = await mountInbox<HeraldUnreadBadge>(html`<herald-unread-badge></herald-unread-badge>`, { count: 400 });
    await until(() => badgeText(many.el) === '99+');
    const { el, backend } = await mountInbox<HeraldUnreadBadge>(html`<herald-unread-badge></herald-unread-badge>`, {
      count: 6,
    });
    const start = backend.unreadCount().unread;
    await until(() => badgeText(el) === String(start));
    await until(() => backend.liveOpen);
    backend.deliver({ priority: 'urgent' });
    backend.emit('message.received', { messageId: 'x' });
    await until(() => badgeText(el) === String(start + 1));
    expect(el.shadowRoot!.querySelector('[part~="badge"]')!.getAttribute('part')).to.equal('badge urgent');
  });

  it('R6: the badge and the inbox share one store, so they never disagree', async () => {
    const { el, stores } = await mountInbox<HTMLElement>(
      html`<div><herald-unread-badge></herald-unread-badge><herald-inbox style="width:1000px"></herald-inbox></div>`,
    );
    const badge = el.querySelector('herald-unread-badge')!;
    const inbox = el.querySelector('herald-inbox')!;
    await until(() => stores.$unread.get().unread > 0);
    const n = String(stores.$unread.get().unread);
    await until(() => badgeText(badge) === n);
    await until(() => inbox.shadowRoot!.querySelector('[part="view"] .count')?.textContent?.includes(n));
  });
});
