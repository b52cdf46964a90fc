// R9: the notification channels, routing, reminders and dead letters, as an org admin configures them.
import { expect, html, oneEvent } from '@open-wc/testing';
import { AdminApi } from '../api/admin-api.js';
import type { HeraldMemberAdmin } from '../member-admin/member-admin.js';
import { FAILING_TEST_ADDRESS } from '../testing/mock-notify.js';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { MockBackendOptions } from '../testing/mock-backend.js';
import type { HeraldAdminNotifications } from './notifications.js';
import './define.js';
import '../member-admin/define.js';

const mount = (options: MockBackendOptions = {}, locale = 'en') =>
  mountMock<HeraldAdminNotifications>(
    html`<herald-admin-notifications locale=${locale}></herald-admin-notifications>`,
    options,
  );
const text = (node: Element | null) => node?.textContent!.replace(/\s+/g, ' ').trim();
const input = (el: Element, id: string) => $<HTMLInputElement>(el, `#${id}`);
const submit = (el: HeraldAdminNotifications) => $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
const click = (el: Element, selector: string) => $<HTMLElement>(el, selector).click();
const toggle = async (el: HeraldAdminNotifications, id: string) => {
  input(el, id).click();
  await el.updateComplete;
};
const savedNotice = (el: Element) =>
  until(() => $(el, '[part="status"]').textContent === 'Notification settings saved.');

describe('<herald-admin-notifications>', function () {
  // axe over the whole form takes a while in a cold browser.

  it('shows the saved settings with secrets only as "saved", and is accessible', async () => {
    const { el } = await mount({ notify: 'configured' });
    await until(() => input(el, 'email-host'));
    expect(input(el, 'email-enabled').checked).to.equal(true);
    expect(input(el, 'sms-enabled').checked).to.equal(false);
    expect(input(el, 'email-host').value).to.equal('smtp.example.com');
    expect(input(el, 'email-port').value).to.equal('465');
    expect(input(el, 'email-secure').checked).to.equal(true);
    expect(input(el, 'email-password').value).to.equal('');
    expect(input(el, 'email-password').placeholder).to.equal('Saved — leave empty to keep');
    expect(input(el, 'email-password').type).to.equal('password');
    expect(input(el, 'webhook-secret').placeholder).to.equal('Saved — leave empty to keep');
    expect($$<HTMLInputElement>(el, '.header-name').map((i) => i.value)).to.deep.equal(['Authorization', 'X-Tenant']);
    expect($$<HTMLInputElement>(el, '.header-value').map((i) => [i.value, i.placeholder])).to.deep.equal([
      ['', 'Saved — leave empty to keep'],
      ['', ''],
    ]);
    expect($<HTMLSelectElement>(el, '#sms-method').value).to.equal('POST');
    expect(text($(el, '#sms-bodyTemplate-hint')))
      .to.contain('{{phone}}')
      .and.contain('{{text}}')
      .and.contain('{{key}}');
    expect(text($(el, '#webhook-verify'))).to.contain('Herald-Signature');
    expect(input(el, 'reminders-everyMinutes').value).to.equal('5');
    expect(input(el, 'reminders-times').value).to.equal('6');
    expect(input(el, 'maxAttempts').value).to.equal('8');
    expect($<HTMLButtonElement>(el, 'button[type="submit"]').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('saves only what changed: toggling a channel never sends an unchanged secret', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'sms-enabled'));
    await toggle(el, 'sms-enabled');
    expect(text($(el, '[part="dirty"]'))).to.equal('Unsaved changes.');
    const updated = oneEvent(el, 'herald-settings-update');
    submit(el);
    expect((await updated).detail).to.deep.equal({ id: 'notifications' });
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([{ sms: { enabled: true } }]);
    expect(backend.notify.stored.sms.headers).to.deep.equal([
      { name: 'Authorization', value: 'Bearer sms-token' },
      { name: 'X-Tenant', value: '' },
    ]);
    expect($(el, '[part="dirty"]')).to.equal(null);
    // A typed password goes; a header value typed goes with the other rows' names only.
    fill(input(el, 'email-password'), 'new-pass');
    fill($$<HTMLInputElement>(el, '.header-value')[1]!, 'acme');
    fill(input(el, 'email-port'), '587');
    await el.updateComplete;
    submit(el);
    await until(() => backend.notify.puts.length === 2);
    expect(backend.notify.puts[1]).to.deep.equal({
      email: { port: 587, password: 'new-pass' },
      sms: { headers: [{ name: 'Authorization' }, { name: 'X-Tenant', value: 'acme' }] },
    });
    await savedNotice(el);
    expect(backend.notify.stored.sms.headers[0]!.value).to.equal('Bearer sms-token');
    expect(input(el, 'email-password').value).to.equal('');
    // "Clear" sends "" for the saved password; "Keep the saved value" undoes it.
    click(el, '#email-password-clear');
    await el.updateComplete;
    expect(text($(el, '#email-password-hint'))).to.equal('The saved value is removed when you save.');
    expect(text($(el, '#email-password-clear'))).to.equal('Keep the saved value');
    submit(el);
    await until(() => backend.notify.puts.length === 3);
    expect(backend.notify.puts[2]).to.deep.equal({ email: { password: '' } });
    await savedNotice(el);
    expect(input(el, 'email-password').placeholder).to.equal('');
  });

  it('generates a 32-byte hex webhook secret, shown once to copy, and saves it', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => $(el, '#webhook-generate'));
    click(el, '#webhook-generate');
    await el.updateComplete;
    const secret = input(el, 'webhook-secret');
    expect(secret.value).to.match(/^[0-9a-f]{64}$/);
    expect(secret.type).to.equal('text');
    expect(text($(el, '#webhook-secret-hint'))).to.contain('Copy it to the receiver now');
    const first = secret.value;
    click(el, '#webhook-generate');
    await el.updateComplete;
    expect(secret.value).to.not.equal(first);
    await expect(el).to.be.accessible();
    const generated = secret.value;
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([{ webhook: { secret: generated } }]);
    expect(backend.notify.stored.webhook.secret).to.equal(generated);
    // Never shown again once saved.
    expect(input(el, 'webhook-secret').value).to.equal('');
    expect(input(el, 'webhook-secret').type).to.equal('password');
  });

  it("shows the server's field errors at their fields, and checks numbers first", async () => {
    const { el, backend } = await mount();
    // The loaded settings, then the edit (it failed once on a loaded machine right after one update: wait for what
    // the admin would see).
    await until(() => input(el, 'webhook-enabled') && input(el, 'reminders-everyMinutes').value !== '');
    fill(input(el, 'reminders-everyMinutes'), '0');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '#reminders-everyMinutes-error'), undefined, 'the field error');
    expect(text($(el, '#reminders-everyMinutes-error'))).to.equal('Too small.');
    expect(backend.notify.puts).to.have.length(0);
    fill(input(el, 'reminders-everyMinutes'), '10');
    await toggle(el, 'webhook-enabled');
    click(el, '#sms-add-header');
    await el.updateComplete;
    click(el, '#sms-add-header');
    await el.updateComplete;
    // The first new row stays blank (not sent); the second has a bad name: its error lands on that row.
    fill($$<HTMLInputElement>(el, '.header-name')[1]!, 'Bad header!');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '[aria-invalid="true"]'));
    expect($(el, '[part="alert"]').textContent).to.equal('Some fields are not valid. Check them and try again.');
    const rows = $$(el, '.header-row');
    expect(text(rows[1]!.querySelector('.field-error'))).to.equal('The format is not valid.');
    expect(rows[0]!.querySelector('.field-error')).to.equal(null);
    fill($$<HTMLInputElement>(el, '.header-name')[1]!, 'X-Ok');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '#webhook-url-error'));
    expect(text($(el, '#webhook-url-error'))).to.equal('Required.');
    expect(text($(el, '#webhook-secret-error'))).to.equal('Required.');
    expect(input(el, 'webhook-url').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'webhook-url').getAttribute('aria-describedby')).to.contain('webhook-url-error');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'webhook-url'));
    await expect(el).to.be.accessible();
    fill(input(el, 'webhook-url'), 'ftp://hooks.example.com');
    await el.updateComplete;
    expect($(el, '#webhook-url-error')).to.equal(null);
    submit(el);
    await until(() => $(el, '#webhook-url-error'));
    expect(text($(el, '#webhook-url-error'))).to.equal('The format is not valid.');
  });

  it('chooses the SMS body format (JSON by default) and saves it', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => $(el, '#sms-bodyFormat'));
    const select = $<HTMLSelectElement>(el, '#sms-bodyFormat');
    expect(select.value).to.equal('json');
    expect([...select.options].map((o) => [o.value, o.textContent!.trim()])).to.deep.equal([
      ['json', 'JSON'],
      ['form', 'Form (URL-encoded)'],
      ['text', 'Plain text'],
    ]);
    expect(text($(el, 'label[for="sms-bodyFormat"]'))).to.equal('Body format');
    expect(text($(el, '#sms-bodyFormat-hint'))).to.contain('Content-Type');
    select.value = 'form';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    fill($<HTMLTextAreaElement>(el, '#sms-bodyTemplate'), 'to={{phone}}&msg={{text}}');
    await el.updateComplete;
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([
      { sms: { bodyFormat: 'form', bodyTemplate: 'to={{phone}}&msg={{text}}' } },
    ]);
    expect(backend.notify.stored.sms.bodyFormat).to.equal('form');
    expect($<HTMLSelectElement>(el, '#sms-bodyFormat').value).to.equal('form');
    await expect(el).to.be.accessible();
  });

  it('asks for the SMTP password again at its field when the server moves', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'email-host'));
    fill(input(el, 'email-host'), 'smtp.elsewhere.example');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '#email-password-error'));
    expect(text($(el, '#email-password-error'))).to.equal(
      'Enter the password again: a saved password is only sent to the server it was saved for.',
    );
    expect(input(el, 'email-password').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'email-password').getAttribute('aria-describedby')).to.contain('email-password-error');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'email-password'));
    expect(backend.notify.stored.email.host).to.equal('smtp.example.com');
    fill(input(el, 'email-password'), 'pass-for-elsewhere');
    await el.updateComplete;
    expect($(el, '#email-password-error')).to.equal(null);
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts[1]).to.deep.equal({
      email: { host: 'smtp.elsewhere.example', password: 'pass-for-elsewhere' },
    });
  });

  it('asks for a saved header value again at its row when the gateway moves', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'sms-url'));
    fill(input(el, 'sms-url'), 'https://other-gateway.example/send');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '.header-row .field-error'));
    const rows = $$(el, '.header-row');
    const value = rows[0]!.querySelector<HTMLInputElement>('.header-value')!;
    const error = rows[0]!.querySelector('.field-error')!;
    expect(text(error)).to.equal(
      'Enter the value again: saved header values are only sent to the gateway they were saved for.',
    );
    expect(error.id).to.equal(`${value.id}-error`);
    expect(value.getAttribute('aria-invalid')).to.equal('true');
    expect(rows[1]!.querySelector('.field-error')).to.equal(null, 'X-Tenant has no saved value');
    await expect(el).to.be.accessible();
    fill(value, 'Bearer other-token');
    await el.updateComplete;
    expect(rows[0]!.querySelector('.field-error')).to.equal(null);
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts[1]).to.deep.equal({
      sms: {
        url: 'https://other-gateway.example/send',
        headers: [{ name: 'Authorization', value: 'Bearer other-token' }, { name: 'X-Tenant' }],
      },
    });
  });

  it('shows a body template that would let a sender break out of its JSON strings at the template', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => $(el, '#sms-bodyTemplate'));
    fill($<HTMLTextAreaElement>(el, '#sms-bodyTemplate'), '{"to":{{phone}},"text":"{{text}}"}');
    await el.updateComplete;
    submit(el);
    await until(() => $(el, '#sms-bodyTemplate-error'));
    expect(text($(el, '#sms-bodyTemplate-error'))).to.equal('Put {{phone}} and {{text}} inside JSON strings.');
    expect($(el, '#sms-bodyTemplate').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#sms-bodyTemplate').getAttribute('aria-describedby')).to.contain('sms-bodyTemplate-error');
    expect(backend.notify.stored.sms.bodyTemplate).to.equal('{"to":"{{phone}}","text":"{{text}}","id":"{{key}}"}');
  });

  it('R9: picks the language for people without one in their profile', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => $(el, '#defaultLocale'));
    const select = $<HTMLSelectElement>(el, '#defaultLocale');
    expect(select.value).to.equal('en');
    expect(text($(el, 'label[for="defaultLocale"]'))).to.equal('Language when the profile has none');
    select.value = 'zh-CN';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([{ defaultLocale: 'zh-CN' }]);
    expect(backend.notify.stored.defaultLocale).to.equal('zh-CN');
  });

  it('issue 19 item 4: turns off e-mailing contacts without portal access (on by default)', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'externalEmail'));
    expect(input(el, 'externalEmail').checked).to.equal(true);
    expect(text(input(el, 'externalEmail').closest('label')!)).to.equal(
      'E-mail every message to contacts without portal access',
    );
    await toggle(el, 'externalEmail');
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([{ externalEmail: false }]);
    expect(backend.notify.stored.externalEmail).to.equal(false);
  });

  it('changes the routing per priority and channel', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'route-urgent-sms'));
    expect(text($(el, '[part="routing"] thead'))).to.contain('SMS gateway (off)');
    expect(input(el, 'route-urgent-sms').checked).to.equal(true);
    expect(input(el, 'route-normal-email').checked).to.equal(false);
    expect(input(el, 'route-urgent-sms').getAttribute('aria-label')).to.equal('Urgent by SMS gateway');
    await toggle(el, 'route-urgent-sms');
    await toggle(el, 'route-normal-webhook');
    await toggle(el, 'route-normal-email');
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([
      { routing: { normal: ['email', 'webhook'], urgent: ['email', 'webhook'] } },
    ]);
    expect(input(el, 'route-normal-webhook').checked).to.equal(true);
    // Turned back and forth is no change.
    await toggle(el, 'route-high-email');
    await toggle(el, 'route-high-email');
    expect($<HTMLButtonElement>(el, 'button[type="submit"]').disabled).to.equal(true);
  });

  it('issue 20: says what members may choose for themselves', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => input(el, 'choice-high-email'));
    expect(input(el, 'choice-high-email').checked).to.equal(true);
    expect(input(el, 'choice-high-sms').getAttribute('aria-label')).to.equal('Members may choose SMS gateway for High');
    expect(input(el, 'choice-quiet').checked).to.equal(true);
    expect(input(el, 'choice-quiet-urgent').checked).to.equal(false);
    await toggle(el, 'choice-high-sms');
    await toggle(el, 'choice-normal-email');
    await toggle(el, 'choice-quiet-urgent');
    submit(el);
    await savedNotice(el);
    expect(backend.notify.puts).to.deep.equal([
      { memberChoice: { channels: { normal: [], high: ['email', 'sms'] }, quietUrgent: true } },
    ]);
    // Without quiet hours, holding urgent ones is not a choice.
    await toggle(el, 'choice-quiet');
    expect(input(el, 'choice-quiet-urgent').disabled).to.equal(true);
  });

  it('sends a test and says how it went', async () => {
    const { el, backend } = await mount({ notify: 'configured' });
    await until(() => $(el, '#email-test'));
    expect(input(el, 'email-test-to').placeholder).to.equal('');
    click(el, '#email-test');
    await until(() => text($(el, '#email-test-result')) === 'Test sent. Check that it arrived.');
    expect(backend.notify.tests).to.deep.equal([{ channel: 'email' }]);
    fill(input(el, 'email-test-to'), FAILING_TEST_ADDRESS);
    click(el, '#email-test');
    await until(() => $(el, '#email-test-result.failed'));
    // Issue 13: the reason code, in the reader's language (the server never relays the receiver's answer).
    expect(text($(el, '#email-test-result'))).to.equal(
      'The test failed: the server refused the login: check the user name and password.',
    );
    expect(backend.notify.tests[1]).to.deep.equal({ channel: 'email', to: FAILING_TEST_ADDRESS });
    // Enter in the address sends the test, not the settings form.
    input(el, 'sms-test-to').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }),
    );
    await until(() => text($(el, '#sms-test-result')) === 'Save the channel turned on first.', 3000, 'the test result');
    expect(backend.notify.puts).to.have.length(0);
    click(el, '#webhook-test');
    await until(() => text($(el, '#webhook-test-result')) === 'Test sent. Check that it arrived.');
    expect(backend.notify.tests[3]).to.deep.equal({ channel: 'webhook' });
    expect($(el, '[part="alert"]').textContent).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('lists failed deliveries, retries the selected ones and reloads', async () => {
    const { el, backend } = await mount({ deadLetters: 5 });
    await until(() => $$(el, '[part="row"]').length === 5);
    expect(text($(el, '[part="summary"]'))).to.equal('0 waiting · 5 failed');
    const first = $$(el, '[part="row"]')[0]!;
    expect([...first.querySelectorAll('td')].slice(1, 6).map((td) => text(td))).to.deep.equal([
      'Server room alarm 1',
      '张三 person0@example.com',
      'E-mail',
      '8',
      'SMTP 535 5.7.8 Authentication failed',
    ]);
    expect($<HTMLButtonElement>(el, '#dead-retry-selected').disabled).to.equal(true);
    await expect(el).to.be.accessible();
    for (const id of ['nd2', 'nd4']) $(el, `[part="row"][data-id="${id}"] input`).click();
    await el.updateComplete;
    expect(text($(el, '#dead-retry-selected'))).to.equal('Retry selected (2)');
    const retried = oneEvent(el, 'herald-delivery-retry');
    click(el, '#dead-retry-selected');
    expect((await retried).detail).to.deep.equal({ id: 'deliveries', ids: ['nd2', 'nd4'] });
    await until(() => text($(el, '#dead-status')) === '2 deliveries are back in the queue.');
    expect(backend.notify.retries).to.deep.equal([{ ids: ['nd2', 'nd4'] }]);
    expect($$(el, '[part="row"]').map((r) => r.dataset.id)).to.deep.equal(['nd1', 'nd3', 'nd5']);
    expect(text($(el, '[part="summary"]'))).to.equal('2 waiting · 3 failed');
    click(el, '#dead-retry-all');
    await until(() => $(el, '[part="dead-empty"]'));
    expect(backend.notify.retries[1]).to.deep.equal({ allDead: true });
    expect(text($(el, '[part="dead-empty"]'))).to.equal('No failed deliveries.');
    expect(text($(el, '[part="summary"]'))).to.equal('5 waiting · 0 failed');
    expect($(el, '#dead-retry-all')).to.equal(null);
  });

  it('pages failed deliveries with "Load more", and select-all takes what is shown', async () => {
    const { el } = await mount({ deadLetters: 60 });
    await until(() => $$(el, '[part="row"]').length === 50);
    click(el, '[part="more"]');
    await until(() => $$(el, '[part="row"]').length === 60);
    expect($(el, '[part="more"]')).to.equal(null);
    input(el, 'dead-select-all').click();
    await el.updateComplete;
    expect(text($(el, '#dead-retry-selected'))).to.equal('Retry selected (60)');
  });

  it('is complete in Chinese', async () => {
    const { el } = await mount({ notify: 'configured', deadLetters: 2 }, 'zh-CN');
    await until(() => $$(el, '[part="row"]').length === 2);
    expect(text($(el, '#notify-title'))).to.equal('通知渠道');
    expect($$(el, '[part="channel"] > legend').map((l) => text(l))).to.deep.equal(['邮件', 'Webhook', '短信网关']);
    expect(text($(el, '#email-test'))).to.equal('发送测试');
    expect(text($(el, '#dead-title'))).to.equal('失败的投递');
    expect(text($(el, '#dead-retry-all'))).to.equal('全部重试');
    expect(text($(el, '[part="summary"]'))).to.equal('0 条等待中 · 2 条失败');
    expect(input(el, 'email-password').placeholder).to.equal('已保存 — 留空则保持不变');
    click(el, '#sms-test');
    // ("正在发送测试…" shows first, while the test is on its way)
    await until(() => text($(el, '#sms-test-result')) === '请先启用该渠道并保存。', 3000, 'the test result');
    await expect(el).to.be.accessible();
  });

  it('shows the refusal to anyone without org.admin', async () => {
    const { el } = await mount({ permissions: ['department.manage'] });
    await until(() => $(el, '[part="alert"]').textContent);
    expect($(el, '[part="form"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<herald-member-admin> Notifications tab', function () {
  const tabNames = (el: Element) => $$(el, '[role="tab"]').map((t) => t.textContent!.trim());

  it('is offered to org admins and not to members without org.admin', async () => {
    const admin = await mountMock<HeraldMemberAdmin>(
      html`<herald-member-admin tab="notifications"></herald-member-admin>`,
      { permissions: ['org.admin'] },
    );
    expect(tabNames(admin.el)).to.include('Notifications');
    expect(admin.el.availableTabs).to.include('notifications');
    const panel = admin.el.shadowRoot!.querySelector('herald-admin-notifications')!;
    await until(() => $(panel, '#email-host'));
    await expect(admin.el).to.be.accessible();
    const departmentAdmin = await mountMock<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`, {
      permissions: ['department.manage', 'data.view', 'message.manage'],
    });
    expect(tabNames(departmentAdmin.el)).to.not.include('Notifications');
    expect(departmentAdmin.el.availableTabs).to.not.include('notifications');
  });
});

describe('<herald-admin-notifications> against the real server', () => {
  it('round-trips routing and reminders, and a test on an off channel asks to save it first', async function () {
    const mounted = await mountReal<HeraldAdminNotifications>(
      html`<herald-admin-notifications></herald-admin-notifications>`,
    );
    if (!mounted) return this.skip();
    const { el, client } = mounted;
    const api = new AdminApi(client);
    const before = await api.notifySettings();
    try {
      await api.updateNotifySettings({
        sms: { enabled: false },
        reminders: { everyMinutes: 5, times: 6 },
        routing: { normal: [] },
      });
      await el.refresh();
      await until(() => input(el, 'reminders-times')?.value === '6', 10_000);
      fill(input(el, 'reminders-times'), '3');
      await toggle(el, 'route-normal-email');
      submit(el);
      await until(() => $(el, '[part="status"]').textContent === 'Notification settings saved.', 10_000);
      const stored = await api.notifySettings();
      expect(stored.reminders).to.deep.equal({ everyMinutes: 5, times: 3 });
      expect(stored.routing.normal).to.deep.equal(['email']);
      click(el, '#sms-test');
      await until(() => text($(el, '#sms-test-result')) && !text($(el, '#sms-test-result'))!.endsWith('…'), 10_000);
      expect(text($(el, '#sms-test-result'))).to.equal('Save the channel turned on first.');
    } finally {
      await api.updateNotifySettings({
        routing: before.routing,
        reminders: before.reminders,
        sms: { enabled: before.sms.enabled },
      });
    }
  });
});
