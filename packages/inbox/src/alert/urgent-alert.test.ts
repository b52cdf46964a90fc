import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { render } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { sendKeys } from '@herald/client/testing/keys';
import { alertMessage, createAlertBackend } from './mock-backend.js';
import type { WholeMessage } from './alert-api.js';
import type { HeraldUrgentAlert } from './urgent-alert.js';
import './define.js';

const until = async (check: () => unknown, ms = 3000, what = 'condition') => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Mounts the alert (after a button that holds focus) in a provider whose client talks to the mock back end. */
async function mount(messages: WholeMessage[], locale = 'en') {
  const backend = createAlertBackend(messages);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const stores = createStores(client);
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  render(
    html`<button id="before">Before</button><herald-urgent-alert locale=${locale}></herald-urgent-alert>`,
    wrapper,
  );
  await fixture(wrapper);
  const el = wrapper.querySelector('herald-urgent-alert')!;
  await stores.start();
  await backend.ready;
  await el.updateComplete;
  const before = wrapper.querySelector<HTMLButtonElement>('#before')!;
  before.focus();
  const cleanup = () => stores.stop();
  afterEachCleanups.push(cleanup);
  return { el, backend, client, before };
}
const afterEachCleanups: Array<() => void> = [];
afterEach(() => afterEachCleanups.splice(0).forEach((c) => c()));

const dialogOf = (el: HeraldUrgentAlert) => el.shadowRoot!.querySelector('dialog')!;
/** Issue 16: the dialog is a lazy chunk, in the element only once the first urgent message arrived. */
const isOpen = (el: HeraldUrgentAlert) => !!el.shadowRoot!.querySelector('dialog')?.open;
const button = (el: HeraldUrgentAlert, name: string) =>
  [...el.shadowRoot!.querySelectorAll('dialog button')].find((b) => b.textContent!.trim() === name) as
    HTMLButtonElement | undefined;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function receive(
  el: HeraldUrgentAlert,
  backend: ReturnType<typeof createAlertBackend>,
  id: string,
  priority = 'urgent',
  type = 'message.received',
) {
  backend.push(type, { messageId: id, threadId: id, priority });
  await until(() => isOpen(el) && text(el.shadowRoot!.querySelector('h2')).includes(id), 3000, `alert for ${id}`);
  await el.updateComplete;
}

describe('<herald-urgent-alert>', () => {
  it(
    'R6/S8: opens a modal alert dialog on a live urgent message, with sender, subject, time and the first ' + 'lines',
    async () => {
      const { el, backend } = await mount([alertMessage('u1')]);
      expect(isOpen(el)).to.equal(false);
      await receive(el, backend, 'u1');
      const dialog = dialogOf(el);
      expect(dialog.getAttribute('role')).to.equal('alertdialog');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal(
        '机房断电 u1',
      );
      expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!))).to.contain(
        '主机房 A 区断电',
      );
      expect(text(dialog)).to.contain('Urgent message');
      expect(text(dialog)).to.contain('From 张三');
      expect(text(dialog.querySelector('time'))).to.match(/^Sent /);
      const excerpt = dialog.querySelector('[part="excerpt"]')!.textContent!;
      expect(excerpt.split('\n')).to.have.length(4);
      expect(excerpt).not.to.contain('第五行');
      const live = dialog.querySelector('[aria-live="assertive"]')!;
      await until(() => live.textContent!.includes('机房断电 u1'), 1000, 'announcement');
      expect(live.textContent).to.equal('Urgent message from 张三: 机房断电 u1');
      expect(backend.calls.some((c) => c.method === 'GET' && c.path === '/messages/u1')).to.equal(true);
    },
  );

  it('issue 16: the dialog is not in the first load; it comes, styled, with the first urgent message', async () => {
    const { el, backend } = await mount([alertMessage('lazy1')]);
    expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    await receive(el, backend, 'lazy1');
    const dialog = dialogOf(el);
    // Its own styles were adopted before it showed: the urgent border and the actions row.
    expect(getComputedStyle(dialog).borderTopWidth).to.equal('2px');
    expect(getComputedStyle(dialog.querySelector('[part="actions"]')!).display).to.equal('flex');
    button(el, 'Later')!.click();
    await until(() => !isOpen(el), 1000, 'closed');
  });

  it('R6: focus moves into the dialog and Tab stays inside it', async () => {
    const { el, backend } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    const inDialog = () => dialogOf(el).contains(el.shadowRoot!.activeElement);
    expect(inDialog(), 'focus moved in').to.equal(true);
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      expect(inDialog(), `after Tab ${i + 1}`).to.equal(true);
    }
    await sendKeys({ press: 'Shift+Tab' });
    expect(inDialog(), 'after Shift+Tab').to.equal(true);
  });

  it('R6: Escape closes it and focus returns to where it was', async () => {
    const { el, backend, before } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    await sendKeys({ press: 'Escape' });
    await until(() => !isOpen(el), 1000, 'closed');
    await until(() => document.activeElement === before, 1000, 'focus back');
    expect(el.pending).to.equal(0);
  });

  it('R6: Later closes it and focus returns', async () => {
    const { el, backend, before } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    button(el, 'Later')!.click();
    await until(() => !isOpen(el), 1000, 'closed');
    await until(() => document.activeElement === before, 1000, 'focus back');
  });

  it('R9: Confirm (receipt required) calls POST /mailbox/{id}/confirm and closes', async () => {
    const { el, backend } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    expect(text(dialogOf(el))).to.contain('Please confirm that you have read this message.');
    const changed = oneEvent(el, 'herald-mailbox-change');
    button(el, 'Confirm')!.click();
    expect((await changed).detail).to.include({ action: 'confirm' });
    await until(() => !isOpen(el), 1000, 'closed');
    expect(backend.calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/mailbox/u1/confirm']);
  });

  it('R9: no Confirm button when no receipt is required, or it is already confirmed', async () => {
    const { el, backend } = await mount([
      alertMessage('u1', { receiptRequired: false }),
      alertMessage('u2', { mine: { confirmedAt: 1 } }),
    ]);
    await receive(el, backend, 'u1');
    expect(button(el, 'Confirm')).to.equal(undefined);
    button(el, 'Later')!.click();
    await receive(el, backend, 'u2');
    expect(button(el, 'Confirm')).to.equal(undefined);
  });

  it('S8: Open fires herald-message-open for the inbox and closes', async () => {
    const { el, backend } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    const opened = oneEvent(el, 'herald-message-open');
    button(el, 'Open')!.click();
    const event = await opened;
    expect(event.detail).to.deep.equal({ messageId: 'u1' });
    expect(event.bubbles && event.composed).to.equal(true);
    await until(() => !isOpen(el), 1000, 'closed');
  });

  it('S8: several alerts queue ("1 of 3") and are shown one after the other', async () => {
    const { el, backend } = await mount([alertMessage('u1'), alertMessage('u2'), alertMessage('u3')]);
    await receive(el, backend, 'u1');
    backend.push('message.received', { messageId: 'u2', priority: 'urgent' });
    backend.push('message.received', { messageId: 'u3', priority: 'urgent' });
    await until(() => el.pending === 3, 2000, 'three queued');
    await el.updateComplete;
    expect(text(dialogOf(el).querySelector('.position'))).to.equal('1 of 3');
    button(el, 'Later')!.click();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('机房断电 u2');
    expect(text(dialogOf(el).querySelector('.position'))).to.equal('1 of 2');
    expect(isOpen(el)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('机房断电 u3');
    expect(dialogOf(el).querySelector('.position')).to.equal(null);
    button(el, 'Later')!.click();
    await until(() => !isOpen(el), 1000, 'closed');
  });

  it('R6: nothing opens for normal or high priority; a reminder opens it again', async () => {
    const { el, backend } = await mount([
      alertMessage('n1', { priority: 'normal', kind: 'internal' }),
      alertMessage('h1', { priority: 'high' }),
    ]);
    backend.push('message.received', { messageId: 'n1', priority: 'normal' });
    backend.push('message.received', { messageId: 'h1', priority: 'high' });
    // Issue 14: no "sleep, then nothing opened". The reminder comes after them on the same stream: once its alert is
    // open, the two before it have been handled, and they neither opened the dialog nor fetched anything.
    await receive(el, backend, 'n1', 'normal', 'message.reminder');
    expect(text(dialogOf(el).querySelector('header'))).to.contain('Reminder');
    expect(el.pending).to.equal(1);
    expect(dialogOf(el).querySelector('.position')).to.equal(null);
    expect(backend.calls.filter((c) => c.path.startsWith('/messages/')).map((c) => c.path)).to.deep.equal([
      '/messages/n1',
    ]);
  });

  it('closes when the session ends', async () => {
    const { el, backend, client } = await mount([alertMessage('u1')]);
    await receive(el, backend, 'u1');
    const stores = (el as unknown as { herald: { stores: { session: { signOut(): Promise<void> } } } }).herald.stores;
    client.signOut = async () => {};
    await stores.session.signOut();
    await until(() => !isOpen(el), 1000, 'closed');
    expect(el.pending).to.equal(0);
  });

  it('issue 15: an event carrying its alert shows it without reading the message; a recall takes it down', async () => {
    const { el, backend } = await mount([alertMessage('u9')]);
    const alert = {
      subject: '消防演练 c1',
      sender: { kind: 'member', id: 'm-ops', name: '王五' },
      excerpt: '十点整全员撤离。\n走东侧楼梯。',
      receiptRequired: true,
      deliveredAt: Date.UTC(2026, 11, 4, 2, 0),
    };
    backend.push('message.received', { messageId: 'c1', threadId: 'c1', priority: 'urgent', alert });
    await until(() => isOpen(el) && text(el.shadowRoot!.querySelector('h2')) === '消防演练 c1', 3000, 'alert c1');
    await el.updateComplete;
    expect(text(dialogOf(el).querySelector('[part="meta"]'))).to.contain('王五');
    expect(dialogOf(el).querySelector('[part="excerpt"]')!.textContent).to.equal('十点整全员撤离。\n走东侧楼梯。');
    expect(button(el, 'Confirm')).to.exist; // a receipt is asked, and nothing of the copy is confirmed yet
    // A resumed stream's event has no alert: that message is read (the positive signal that both were handled).
    backend.push('message.received', { messageId: 'u9', threadId: 'u9', priority: 'urgent' });
    await until(() => el.pending === 2, 3000, 'alert u9 queued');
    expect(backend.calls.filter((c) => c.path.startsWith('/messages/')).map((c) => c.path)).to.deep.equal([
      '/messages/u9',
    ]);
    backend.push('message.recalled', { messageId: 'c1', threadId: 'c1' });
    await until(() => el.pending === 1, 3000, 'the recalled alert taken down');
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('机房断电 u9');
  });

  it('issue 15: an alert recalled or deleted while it still loads is never shown', async () => {
    const { el, backend } = await mount([]);
    const alert = (subject: string) => ({
      subject,
      sender: { kind: 'member', id: 'm-ops', name: '王五' },
      excerpt: '内容',
      receiptRequired: false,
      deliveredAt: Date.UTC(2026, 11, 4, 2, 0),
    });
    // The dialog's chunk and strings load after the first event: the recall arrives meanwhile.
    backend.push('message.received', { messageId: 'g1', priority: 'urgent', alert: alert('已撤回 g1') });
    backend.push('message.recalled', { messageId: 'g1', threadId: 'g1' });
    backend.push('message.received', { messageId: 'g2', priority: 'urgent', alert: alert('已删除 g2') });
    backend.push('message.deleted', { messageId: 'g2', threadId: 'g2' });
    backend.push('message.received', { messageId: 'g3', priority: 'urgent', alert: alert('仍然有效 g3') });
    await until(() => isOpen(el) && text(el.shadowRoot!.querySelector('h2')) === '仍然有效 g3', 3000, 'alert g3');
    expect(el.pending).to.equal(1);
  });

  it('skips messages that are recalled or expired by the time they are fetched', async () => {
    const { el, backend } = await mount([
      alertMessage('r1', { recalledAt: 1, subject: '' }),
      alertMessage('x1', { expired: true }),
      alertMessage('u1'),
    ]);
    backend.push('message.received', { messageId: 'r1', priority: 'urgent' });
    backend.push('message.received', { messageId: 'x1', priority: 'urgent' });
    // Issue 14: a live urgent message after them is the positive signal: when its alert opens, the two before it
    // were fetched and skipped (the alert is for u1 alone, nothing queued behind or before it).
    await receive(el, backend, 'u1');
    expect(backend.calls.filter((c) => c.path.startsWith('/messages/')).map((c) => c.path)).to.deep.equal([
      '/messages/r1',
      '/messages/x1',
      '/messages/u1',
    ]);
    expect(el.pending).to.equal(1);
    expect(dialogOf(el).querySelector('.position')).to.equal(null);
  });

  it(
    'offers "Enable desktop notifications" while the browser has not been asked (hidden with ' + 'notifications="off")',
    async () => {
      const { el } = await mount([]);
      const enable = el.shadowRoot!.querySelector('[part="notifications"]');
      if (Notification.permission === 'default') expect(text(enable)).to.equal('Enable desktop notifications');
      else expect(enable).to.equal(null);
      el.notifications = 'off';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="notifications"]')).to.equal(null);
    },
  );

  it(
    'S8: on a hidden page with permission granted, shows a desktop notification whose click opens the ' + 'message',
    async () => {
      const shown: Array<{
        title: string;
        options: NotificationOptions;
        instance: { onclick: (() => void) | null; close: () => void };
      }> = [];
      class FakeNotification {
        static permission: NotificationPermission = 'granted';
        static requestPermission = async () => 'granted' as NotificationPermission;
        onclick: (() => void) | null = null;
        constructor(title: string, options: NotificationOptions) {
          shown.push({ title, options, instance: this });
        }
        close() {}
      }
      const realNotification = window.Notification;
      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      try {
        const { el, backend } = await mount([alertMessage('u1')]);
        await receive(el, backend, 'u1');
        expect(shown).to.have.length(1);
        expect(shown[0]!.title).to.equal('Urgent message');
        expect(shown[0]!.options.body).to.equal('张三: 机房断电 u1');
        const opened = oneEvent(el, 'herald-message-open');
        shown[0]!.instance.onclick!();
        expect((await opened).detail).to.deep.equal({ messageId: 'u1' });
        await until(() => !isOpen(el), 1000, 'closed');
      } finally {
        Object.defineProperty(window, 'Notification', { value: realNotification, configurable: true, writable: true });
        delete (document as unknown as Record<string, unknown>).visibilityState;
        expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
      }
    },
  );

  it('asks for notification permission only on a click on "Enable desktop notifications"', async () => {
    let asked = 0;
    const realNotification = window.Notification;
    const Fake = {
      permission: 'default',
      requestPermission: async () => {
        asked++;
        Fake.permission = 'granted';
        return 'granted';
      },
    };
    Object.defineProperty(window, 'Notification', { value: Fake, configurable: true, writable: true });
    try {
      const { el } = await mount([]);
      expect(asked).to.equal(0);
      const enable = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="notifications"]')!;
      enable.click();
      await until(
        () => asked === 1 && !el.shadowRoot!.querySelector('[part="notifications"]'),
        1000,
        'permission asked',
      );
    } finally {
      Object.defineProperty(window, 'Notification', { value: realNotification, configurable: true, writable: true });
    }
  });

  it('is axe-clean while open, in English and Chinese', async function () {
    const { el, backend } = await mount([alertMessage('u1'), alertMessage('u2')]);
    await receive(el, backend, 'u1');
    backend.push('message.received', { messageId: 'u2', priority: 'urgent' });
    await until(() => el.pending === 2);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    button(el, 'Later')!.click();
    button(el, 'Later')!.click();

    const { el: zh, backend: zhBackend } = await mount([alertMessage('z1')], 'zh-CN');
    await receive(zh, zhBackend, 'z1');
    expect(text(dialogOf(zh).querySelector('header'))).to.contain('紧急消息');
    expect(button(zh, '确认已读')).to.not.equal(undefined);
    expect(button(zh, '稍后')).to.not.equal(undefined);
    expect(text(dialogOf(zh))).to.contain('发件人：张三');
    await expect(zh).to.be.accessible();
  });
});
