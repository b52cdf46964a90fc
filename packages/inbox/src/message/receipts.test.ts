// R9 (docs/api.md "Notifications": "The sender's view"): in the receipts table, per recipient and channel, how the
// e-mail / webhook / SMS notification went — in words, for screen readers too, in en and zh-CN.
import { expect } from '@open-wc/testing';
import { $, $$, mountMock, until } from './testing/mount.js';
import { NOTIFIED, PEOPLE, sentByMe } from './testing/mock-backend.js';
import './define.js';

const urgent = () => sentByMe({ priority: 'urgent', kind: 'urgent', receiptRequired: true });
const rows = (el: Element) => $$(el, '#receipts-rows tr');
const row = (el: Element, name: string) => rows(el).find((tr) => tr.querySelector('th')!.textContent === name)!;
/** What a screen reader reads: the text without the aria-hidden glyphs, spaces collapsed. */
const spoken = (node: Element): string => {
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
};
const chips = (el: Element, name: string) => [...row(el, name).querySelectorAll<HTMLElement>('.notify-chip')];
const chip = (el: Element, name: string, channel: string) =>
  row(el, name).querySelector<HTMLElement>(`.notify-chip[data-channel=${channel}]`)!;
const time = (at: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);

describe('<herald-message-view> receipts: notification status per channel (R9)', () => {
  it(
    'R9: one chip per channel with the state in words: sent with its time, not needed, reminder, failed, no ' +
      'address, sending and attempt',
    async () => {
      const { el } = await mountMock({ messages: [urgent()], recipients: NOTIFIED });
      await until(() => rows(el).length === NOTIFIED.length, 4000, 'the rows');
      expect($$(el, 'thead th').map((th) => th.textContent)).to.include('Notifications');

      // 张三: e-mail sent (time in the tooltip and for screen readers), SMS reminder 1 no longer needed (confirmed).
      const [zhangMail, zhangSms] = [chip(el, '张三', 'email'), chip(el, '张三', 'sms')];
      const sentAt = time(NOTIFIED[0]!.notifications[0]!.sentAt!, 'en');
      expect(spoken(zhangMail)).to.equal(`E-mail sent ${sentAt}`);
      expect(zhangMail.title).to.contain(sentAt);
      expect(spoken(zhangSms)).to.equal('SMS not needed reminder 1: Confirmed already');
      expect(chips(el, '张三').map((c) => c.dataset.channel)).to.deep.equal(['email', 'sms']);

      // 李四: e-mail before webhook, both sent.
      expect(chips(el, '李四').map((c) => `${c.dataset.channel}:${c.dataset.status}`)).to.deep.equal([
        'email:sent',
        'webhook:sent',
      ]);

      // Alice: reminder 2 sent by e-mail; SMS failed, the reason for screen readers and in the tooltip.
      expect(spoken(chip(el, 'Alice Chen', 'email'))).to.match(/^E-mail sent reminder 2 /);
      expect(spoken(chip(el, 'Alice Chen', 'sms'))).to.equal(
        'SMS failed: an administrator can see why and send it again',
      );
      expect(chip(el, 'Alice Chen', 'sms').title).to.contain('an administrator can see why');

      // Bob: e-mail failed, no phone number.
      expect(spoken(chip(el, 'Bob Li', 'email'))).to.equal(
        'E-mail failed: an administrator can see why and send it again',
      );
      expect(spoken(chip(el, 'Bob Li', 'sms'))).to.equal('SMS no address: No phone number in the profile');

      // 赵六: e-mail waiting for its third attempt after two failures; webhook on its first attempt.
      expect(spoken(chip(el, '赵六', 'email'))).to.equal('E-mail sending… attempt 3');
      expect(spoken(chip(el, '赵六', 'webhook'))).to.equal('Webhook sending…');

      // 孙七: no e-mail address, SMS reminder 1 sent.
      expect(spoken(chip(el, '孙七', 'email'))).to.equal('E-mail no address: No e-mail address in the profile');
      expect(spoken(chip(el, '孙七', 'sms'))).to.match(/^SMS sent reminder 1 /);

      // Carol: nothing to say.
      expect(chips(el, 'Carol Wu')).to.have.length(0);
      expect(row(el, 'Carol Wu').querySelector('td:last-child')!.textContent!.trim()).to.equal('—');

      // The failures on the page, in one line above the table.
      expect($(el, '#notify-failed').textContent).to.equal('Notifications that failed on this page: 2');
    },
  );

  it('R9: the state is never told by colour or glyph alone, and no inline styles are used', async () => {
    const { el } = await mountMock({ messages: [urgent()], recipients: NOTIFIED });
    await until(() => rows(el).length === NOTIFIED.length, 4000, 'the rows');
    const all = $$(el, '.notify-chip');
    expect(all).to.have.length(12);
    const words: Record<string, string> = {
      sent: 'sent',
      pending: 'sending…',
      sending: 'sending…',
      dead: 'failed',
      skipped: 'no address',
      cancelled: 'not needed',
    };
    for (const c of all) {
      expect(spoken(c.querySelector('.notify-state')!), c.title).to.equal(words[c.dataset.status!]);
      expect(c.querySelector('[aria-hidden="true"]')!.textContent!.trim()).to.not.equal('');
    }
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
  });

  it('R9: nothing extra when nobody on the page has notifications', async () => {
    const { el } = await mountMock({ messages: [urgent()] });
    await until(() => rows(el).length === PEOPLE.length, 4000, 'the rows');
    expect(PEOPLE.every((p) => p.notifications.length === 0)).to.be.true;
    expect($$(el, 'thead th').map((th) => th.textContent)).to.not.include('Notifications');
    expect($$(el, '.notify-chip, .notify-chips')).to.have.length(0);
    expect($(el, '#notify-failed')).to.equal(null);
    // Name, details, read, confirmed: no empty extra cell.
    expect(rows(el)[0]!.children).to.have.length(4);
  });

  it('R9: no failure line when nothing failed', async () => {
    const fine = NOTIFIED.filter((r) => r.notifications.every((n) => n.status !== 'dead'));
    const { el } = await mountMock({ messages: [urgent()], recipients: fine });
    await until(() => rows(el).length === fine.length, 4000, 'the rows');
    expect($$(el, '.notify-chip').length).to.be.greaterThan(0);
    expect($(el, '#notify-failed')).to.equal(null);
  });

  it('R9: in Simplified Chinese', async () => {
    const { el } = await mountMock({ messages: [urgent()], recipients: NOTIFIED }, { locale: 'zh-CN' });
    await until(() => rows(el).length === NOTIFIED.length, 4000, 'the rows');
    expect($$(el, 'thead th').map((th) => th.textContent)).to.include('通知');
    expect(spoken(chip(el, '张三', 'email'))).to.equal(
      `邮件 已发送 ${time(NOTIFIED[0]!.notifications[0]!.sentAt!, 'zh-CN')}`,
    );
    expect(spoken(chip(el, '张三', 'sms'))).to.equal('短信 无需发送 第 1 次提醒: 已确认');
    expect(spoken(chip(el, 'Bob Li', 'email'))).to.equal('邮件 失败: 管理员可查看原因并重新发送');
    expect(spoken(chip(el, 'Bob Li', 'sms'))).to.equal('短信 无地址: 资料中没有手机号');
    expect(spoken(chip(el, '赵六', 'email'))).to.equal('邮件 发送中… 第 3 次尝试');
    expect(spoken(chip(el, '赵六', 'webhook'))).to.equal('Webhook 发送中…');
    expect($(el, '#notify-failed').textContent).to.equal('本页发送失败的通知：2 条');
  });

  for (const locale of ['en', 'zh-CN']) {
    for (const theme of ['light', 'dark'] as const) {
      it(`R9: the chips are accessible (${locale}, ${theme})`, async function () {
        const { el } = await mountMock({ messages: [urgent()], recipients: NOTIFIED }, { locale });
        el.setAttribute('theme', theme);
        await until(() => $$(el, '.notify-chip').length === 12, 4000, 'the chips');
        // The reach charts (issue 24) inside follow the theme set after they rendered (core's `nestedTheme`).
        await until(() => $$(el, 'herald-message-reach').length === 1, 4000, 'the charts');
        await expect(el).to.be.accessible();
      });
    }
  }
});
