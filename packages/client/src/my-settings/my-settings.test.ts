import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { HeraldPanel } from '../panel.js';
import { $, $$, fill, mountWith, until } from '../testing/mount.js';
import { MOCK_CODE, mockMySettings } from './mock.js';
import type { HeraldMySettings } from './my-settings.js';
import './define.js';

async function mount(locale = 'en') {
  const mock = mockMySettings();
  const { el } = await mountWith<HeraldMySettings>(
    html`<herald-my-settings locale=${locale}></herald-my-settings>`,
    mock.client,
  );
  await until(() => $(el, 'fieldset'), 4000, 'the preferences');
  return { el, ...mock };
}
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const status = (el: HTMLElement) => text($(el, '[role=status]'));

describe('<herald-my-settings> (issue 20)', () => {
  it('is accessible, in English and Chinese', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    expect(text($(el, 'h2'))).to.equal('My settings');
    const zh = await mount('zh-CN');
    await until(() => text($(zh.el, 'h2')) === '我的设置', 4000, 'Chinese');
    await expect(zh.el).to.be.accessible();
  });

  it('item 6: shows only the channels the admin lets me choose, and saves my choice and quiet hours', async () => {
    const { el, calls } = await mount();
    const high = $$<HTMLInputElement>(el, 'fieldset')[0]!;
    const boxes = [...high.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].map((b) => [b.name, b.checked]);
    // E-mail is on by default (routed), SMS may be turned on; the webhook is the admin's (shown, not a checkbox).
    expect(boxes).to.deep.equal([
      ['high-email', true],
      ['high-sms', false],
    ]);
    expect(text(high)).to.contain('Chat bot (webhook) (set by your administrator)');
    expect(text(el.shadowRoot!.querySelector('.urgent'))).to.contain('E-mail, Chat bot (webhook), SMS');

    $<HTMLInputElement>(el, 'input[name=high-email]').click();
    $<HTMLInputElement>(el, 'input[name=high-sms]').click();
    $<HTMLInputElement>(el, 'input[name=quiet]').click();
    await el.updateComplete;
    fill($<HTMLInputElement>(el, '#quiet-start'), '21:30');
    fill($<HTMLInputElement>(el, '#quiet-zone'), 'Asia/Shanghai');
    $<HTMLButtonElement>(el, 'form:last-of-type button[type=submit]').click();
    await until(() => status(el) === 'Saved.', 4000, 'saved');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body, JSON.stringify(put?.body)).to.deep.equal({
      channels: { high: ['sms'], normal: null },
      quietHours: { start: '21:30', end: '07:00', timeZone: 'Asia/Shanghai', includeUrgent: false },
    });
    // Urgent is not mine to hold here: no such checkbox, and the hint says so.
    expect($(el, 'input[name=quiet-urgent]')).to.equal(null);
    expect(text(el.shadowRoot!.querySelector('#quiet-hint'))).to.contain('Urgent messages still come through.');
  });

  it('item 7: a new e-mail takes effect with the code; a wrong code is said in words, with focus kept', async () => {
    const { el } = await mount();
    expect($(el, 'button[aria-label="Change phone"]')).to.have.property('disabled', true);
    $<HTMLButtonElement>(el, 'button[aria-label="Change e-mail"]').click();
    await until(() => el.shadowRoot!.activeElement?.id === 'new-email', 4000, 'focus in the new address');
    fill($<HTMLInputElement>(el, '#new-email'), 'Ada.New@Example.com');
    $<HTMLButtonElement>(el, '#new-email ~ button[type=submit]').click();
    await until(() => el.shadowRoot!.activeElement?.id === 'code-email', 4000, 'focus in the code');
    expect(status(el)).to.equal('A code was sent to ada.new@example.com. It is valid for 10 minutes.');
    await expect(el).to.be.accessible();

    fill($<HTMLInputElement>(el, '#code-email'), '000000');
    $<HTMLButtonElement>(el, '#code-email ~ button[type=submit]').click();
    await until(() => $(el, '[role=alert]'), 4000, 'the wrong code');
    expect(text($(el, '[role=alert]'))).to.equal('The code is wrong or has expired.');
    expect(text($(el, '[part=email]'))).to.equal('ada@example.com');

    fill($<HTMLInputElement>(el, '#code-email'), MOCK_CODE);
    $<HTMLButtonElement>(el, '#code-email ~ button[type=submit]').click();
    await until(() => text($(el, '[part=email]')) === 'ada.new@example.com', 4000, 'the new address');
    expect(status(el)).to.equal('Your E-mail is now ada.new@example.com.');
  });

  it('item 7: the language is saved at once', async () => {
    const { el, calls } = await mount();
    fill($<HTMLSelectElement>(el, '#locale'), 'zh-CN');
    await until(() => status(el) === 'Saved.', 4000, 'saved');
    expect(calls.find((c) => c.method === 'PATCH')?.body).to.deep.equal({ locale: 'zh-CN' });
  });

  it('a panel that offers it opens it from its header, loaded on demand; Close returns focus', async () => {
    class SomePanel extends HeraldPanel {
      protected readonly titleKey = 'common.mySettings' as const;
      protected override readonly openMySettings = () => void import('./open.js').then((m) => m.openMySettings(this));
      protected renderBody() {
        return html`<p>body</p>`;
      }
    }
    customElements.define('test-some-panel', SomePanel);
    const mock = mockMySettings();
    const { el } = await mountWith<SomePanel>(html`<test-some-panel></test-some-panel>`, mock.client);
    const button = $<HTMLButtonElement>(el, '[part=my-settings]');
    button.focus();
    button.click();
    await until(() => $(el, 'dialog[open] herald-my-settings'), 4000, 'the dialog');
    const panel = $<HeraldMySettings>(el, 'dialog herald-my-settings');
    await until(() => $(panel, '[part=close]'), 4000, 'the close button');
    $<HTMLButtonElement>(panel, '[part=close]').click();
    await until(() => !$(el, 'dialog'), 4000, 'closed');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });
});
