import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HeraldProblem } from '@herald/client';
import { AdminApi } from '../api/admin-api.js';
import type { HeraldMemberAdmin } from '../member-admin/member-admin.js';
import { $, $$, fill, mountMock, mountReal, mountWith, realDepartmentAdmin, until } from '../testing/mount.js';
import { domainsOf, type HeraldAdminSettings } from './settings.js';
import './define.js';
import '../member-admin/define.js';

const mount = (options = {}, locale = 'en') =>
  mountMock<HeraldAdminSettings>(html`<herald-admin-settings locale=${locale}></herald-admin-settings>`, options);
const chips = (el: Element, list: string) =>
  $$(el, `ul[data-list="${list}"] [part~="domain"] .name`).map((s) => s.textContent);
const text = (node: Element | null) => node?.textContent!.replace(/\s+/g, ' ').trim();
const submit = (el: HeraldAdminSettings) => $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
const enter = (input: HTMLInputElement) =>
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));

describe('domainsOf', () => {
  it('splits pasted text, takes a URL’s host and drops a leading *.', () => {
    expect(domainsOf(' a.example, https://B.example/path?q\n*.c.example;d.example. ')).to.deep.equal([
      'a.example',
      'b.example',
      'c.example',
      'd.example',
    ]);
    expect(domainsOf('   ')).to.deep.equal([]);
  });
});

describe('<herald-admin-settings>', () => {
  it('shows the policy, the recall window in words and the limits formatted, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $(el, '#recall'));
    expect($<HTMLInputElement>(el, '#recall').value).to.equal('1440');
    expect(text($(el, '#recall-effect'))).to.equal('Senders can recall a message for up to 1 day after sending.');
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['phish.example']);
    expect(text($(el, '[data-list="linkAllowlist"] [part="domains-empty"]'))).to.equal('No domains.');
    expect($$(el, '[part="limits"] dd').map((dd) => dd.textContent)).to.deep.equal(['50 MB', '200 MB']);
    expect($<HTMLButtonElement>(el, 'button[type="submit"]').disabled).to.equal(true);
    await expect(el).to.be.accessible();
    fill($(el, '#recall'), '0');
    await el.updateComplete;
    expect(text($(el, '#recall-effect'))).to.equal('Senders cannot recall their messages.');
    fill($(el, '#recall'), '90');
    await el.updateComplete;
    expect(text($(el, '#recall-effect'))).to.equal('Senders can recall a message for up to 90 minutes after sending.');
  });

  it('adds domains with Enter, removes chips, tracks unsaved changes and announces the save', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#linkBlocklist-add'));
    const input = $<HTMLInputElement>(el, '#linkBlocklist-add');
    input.focus();
    await sendKeys({ type: 'Ads.Example.com, https://tracker.example.org/x' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['phish.example', 'Ads.Example.com', 'tracker.example.org']);
    expect(input.value).to.equal('');
    expect($(el, '[role="status"]').textContent).to.equal('Added Ads.Example.com, tracker.example.org.');
    expect(text($(el, '[part="dirty"]'))).to.equal('Unsaved changes.');
    expect($<HTMLButtonElement>(el, 'button[type="submit"]').disabled).to.equal(false);
    fill(input, 'phish.example');
    enter(input);
    await el.updateComplete;
    expect($(el, '[role="status"]').textContent).to.equal('phish.example is already in the list.');
    $<HTMLButtonElement>(el, '[aria-label="Remove phish.example"]').click();
    await el.updateComplete;
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['Ads.Example.com', 'tracker.example.org']);
    expect($(el, '[role="status"]').textContent).to.equal('Removed phish.example.');
    await until(() => el.shadowRoot!.activeElement === $(el, '[aria-label="Remove Ads.Example.com"]'));
    await expect(el).to.be.accessible();
    const updated = oneEvent(el, 'herald-settings-update');
    submit(el);
    expect((await updated).detail).to.deep.equal({ id: 'messaging' });
    await until(() => $(el, '[role="status"]').textContent === 'Messaging settings saved.');
    expect(backend.settings.linkBlocklist).to.deep.equal(['ads.example.com', 'tracker.example.org']);
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['ads.example.com', 'tracker.example.org']);
    expect($(el, '[part="dirty"]')).to.equal(null);
  });

  it('checks the recall window before sending and discards changes on request', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#recall'));
    fill($(el, '#recall'), '600000');
    submit(el);
    await el.updateComplete;
    expect(text($(el, '#recall-error'))).to.equal('Too large.');
    expect($(el, '#recall').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#recall'));
    expect(backend.settings.recallWindowMinutes).to.equal(1440);
    $<HTMLButtonElement>(el, '.actions button.secondary').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#recall').value).to.equal('1440');
    expect($(el, '#recall-error')).to.equal(null);
    expect($(el, '[role="status"]').textContent).to.equal('Changes discarded.');
  });

  it('is complete in Chinese', async () => {
    const { el } = await mount({}, 'zh-CN');
    await until(() => $(el, '#recall'));
    expect(text($(el, 'label[for="recall"]'))).to.equal('撤回时限（分钟）');
    expect(text($(el, '#recall-effect'))).to.equal('发件人可在发送后 1天 内撤回消息。');
    expect(text($(el, '[data-list="linkBlocklist"] legend'))).to.equal('禁止的链接域名');
    expect(text($(el, '[data-list="linkAllowlist"] legend'))).to.equal('可信的链接域名');
    expect($(el, '[aria-label="移除 phish.example"]')).to.exist;
    expect(text($(el, 'button[type="submit"]'))).to.equal('保存');
    await expect(el).to.be.accessible();
  });

  it('is read only for anyone without org.admin', async () => {
    const { el } = await mount({ permissions: ['message.send.internal'] });
    await until(() => $(el, '#recall'));
    expect($<HTMLInputElement>(el, '#recall').readOnly).to.equal(true);
    expect($(el, '#linkBlocklist-add')).to.equal(null);
    expect($(el, 'button[type="submit"]')).to.equal(null);
    expect(text($(el, '.intro'))).to.equal('Only organisation admins can change these settings.');
    await expect(el).to.be.accessible();
  });
});

describe('<herald-admin-settings> against the real server', () => {
  /** Mounts as the org admin after putting the policy in a known state through the API. */
  const mountKnown = async (
    locale: string,
    policy: { recallWindowMinutes: number; linkBlocklist: string[]; linkAllowlist: string[] },
  ) => {
    const mounted = await mountReal<HeraldAdminSettings>(
      html`<herald-admin-settings locale=${locale}></herald-admin-settings>`,
    );
    if (!mounted) return null;
    const api = new AdminApi(mounted.client);
    await api.updateMessagingSettings(policy);
    await mounted.el.refresh();
    await until(() => $(mounted.el, '#recall'));
    return { ...mounted, api };
  };

  it('loads the current values', async function () {
    const mounted = await mountKnown('en', {
      recallWindowMinutes: 120,
      linkBlocklist: ['seed.example'],
      linkAllowlist: ['intranet.example'],
    });
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $<HTMLInputElement>(el, '#recall').value === '120');
    expect(text($(el, '#recall-effect'))).to.equal('Senders can recall a message for up to 2 hours after sending.');
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['seed.example']);
    expect(chips(el, 'linkAllowlist')).to.deep.equal(['intranet.example']);
    expect($$(el, '[part="limits"] dd').map((dd) => dd.textContent)).to.deep.equal(['50 MB', '200 MB']);
    await expect(el).to.be.accessible();
  });

  it('saves the lists, lower-cased by the server, and the change round-trips', async function () {
    const mounted = await mountKnown('en', { recallWindowMinutes: 1440, linkBlocklist: [], linkAllowlist: [] });
    if (!mounted) return this.skip();
    const { el, api } = mounted;
    await until(() => $(el, '#linkAllowlist-add'));
    fill($(el, '#linkAllowlist-add'), 'News.Example.COM Tracker.Example.org');
    enter($(el, '#linkAllowlist-add'));
    fill($(el, '#linkBlocklist-add'), 'Phish.EXAMPLE');
    // typed but not added: saved too
    fill($(el, '#recall'), '30');
    submit(el);
    await until(() => $(el, '[role="status"]').textContent === 'Messaging settings saved.', 10_000);
    expect(chips(el, 'linkAllowlist')).to.deep.equal(['news.example.com', 'tracker.example.org']);
    expect(chips(el, 'linkBlocklist')).to.deep.equal(['phish.example']);
    const stored = await api.messagingSettings();
    expect(stored).to.include({ recallWindowMinutes: 30 });
    expect(stored.linkAllowlist).to.deep.equal(['news.example.com', 'tracker.example.org']);
    expect(stored.linkBlocklist).to.deep.equal(['phish.example']);
    const audit = await api.audit({ action: 'settings.messaging.update' });
    expect(audit.items[0]).to.include({ action: 'settings.messaging.update', targetType: 'settings' });
  });

  for (const [locale, message, alert] of [
    ['en', 'The format is not valid.', 'Some fields are not valid. Check them and try again.'],
    ['zh-CN', '格式不正确。', '部分字段无效，请检查后重试。'],
  ] as const) {
    it(`shows the server's error beside the invalid domain (${locale})`, async function () {
      const mounted = await mountKnown(locale, {
        recallWindowMinutes: 1440,
        linkBlocklist: ['ok.example'],
        linkAllowlist: [],
      });
      if (!mounted) return this.skip();
      const { el, api } = mounted;
      await until(() => chips(el, 'linkBlocklist').length === 1);
      fill($(el, '#linkBlocklist-add'), 'good.example bad_domain!');
      enter($(el, '#linkBlocklist-add'));
      submit(el);
      await until(() => $(el, '[part~="domain"].invalid'), 10_000);
      expect($(el, '[role="alert"]').textContent).to.equal(alert);
      const items = $$(el, 'ul[data-list="linkBlocklist"] [part~="domain"]');
      expect(items.map((li) => li.classList.contains('invalid'))).to.deep.equal([false, false, true]);
      expect(text(items[2]!.querySelector('.name'))).to.equal('bad_domain!');
      expect(text(items[2]!.querySelector('.field-error'))).to.equal(message);
      const remove = items[2]!.querySelector('button')!;
      expect(remove.getAttribute('aria-describedby')).to.equal(items[2]!.querySelector('.field-error')!.id);
      expect(el.shadowRoot!.activeElement).to.equal(remove);
      await expect(el).to.be.accessible();
      expect((await api.messagingSettings()).linkBlocklist).to.deep.equal(['ok.example']);
      // Removing the bad one clears its message; the rest saves.
      remove.click();
      await el.updateComplete;
      expect($(el, '[part~="domain"].invalid')).to.equal(null);
      submit(el);
      await until(() => $(el, '[role="status"]').textContent && !$(el, '[part="dirty"]'), 10_000);
      expect((await api.messagingSettings()).linkBlocklist).to.deep.equal(['ok.example', 'good.example']);
    });
  }

  it('is not offered to a department admin, whom the server refuses', async function () {
    const scoped = await realDepartmentAdmin();
    if (!scoped) return this.skip();
    const { el } = await mountWith<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`, scoped.client);
    await until(() => $$(el, '[role="tab"]').length);
    expect($$(el, '[role="tab"]').map((t) => t.textContent!.trim())).to.not.include('Settings');
    expect(el.availableTabs).to.not.include('settings');
    const refused = await new AdminApi(scoped.client)
      .updateMessagingSettings({ recallWindowMinutes: 0 })
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(HeraldProblem);
    expect((refused as HeraldProblem).status).to.equal(403);
  });
});
