import { expect, html, oneEvent } from '@open-wc/testing';
import type { HeraldMemberAdmin } from '../member-admin/member-admin.js';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import type { HeraldAdminRetention } from './retention.js';
import './define.js';
import '../member-admin/define.js';

const mount = (options = {}, locale = 'en') =>
  mountMock<HeraldAdminRetention>(html`<herald-admin-retention locale=${locale}></herald-admin-retention>`, options);
const text = (node: Element | null) => node?.textContent!.replace(/\s+/g, ' ').trim();
const submit = (el: HeraldAdminRetention) => $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
const toggle = async (el: HeraldAdminRetention, id: string) => {
  $<HTMLInputElement>(el, `#${id}`).click();
  await el.updateComplete;
};
const figure = (el: HeraldAdminRetention, key: string) => text($(el, `[data-figure="admin.retention.${key}"] dd`));

describe('<herald-admin-retention>', () => {
  it('issue 19 item 8: shows the policy and what it means in words, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $(el, '#grace'));
    expect($<HTMLInputElement>(el, '#expired-on').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#grace').value).to.equal('30');
    expect(text($(el, '[data-effect="grace"]'))).to.equal('Content goes 30 days after a message expires.');
    expect($<HTMLInputElement>(el, '#age-on').checked).to.equal(false);
    expect(text($(el, '[data-effect="age"]'))).to.equal('Off: kept for ever.');
    expect(text($(el, '[part="last-run"] p'))).to.equal('No purge has run yet.');
    await expect(el).to.be.accessible();
    fill($(el, '#grace'), '0');
    await el.updateComplete;
    expect(text($(el, '[data-effect="grace"]'))).to.equal('Content goes as soon as a message expires.');
  });

  it('issue 19 item 8: turns the age limit on with its spare choices, sends only what changed, says so', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#age-on'));
    await toggle(el, 'age-on');
    expect($<HTMLInputElement>(el, '#age').value).to.equal('365');
    expect($<HTMLInputElement>(el, '#spare-archived').checked).to.equal(true);
    fill($(el, '#age'), '730');
    await toggle(el, 'spare-tagged');
    expect(text($(el, '[data-effect="age"]'))).to.equal('Messages older than 730 days are deleted.');
    await expect(el).to.be.accessible();
    const updated = oneEvent(el, 'herald-settings-update');
    submit(el);
    expect((await updated).detail).to.deep.equal({ id: 'retention' });
    await until(() => text($(el, '[role="status"]')) === 'Retention policy saved.');
    expect(backend.retention.puts.at(-1)).to.deep.equal({ retentionDays: 730, spareTagged: false });
    expect(backend.retention.policy).to.include({ retentionDays: 730, spareTagged: false, expiredGraceDays: 30 });
    // Turning expiry off sends null.
    await toggle(el, 'expired-on');
    submit(el);
    await until(() => backend.retention.puts.length === 2);
    expect(backend.retention.puts[1]).to.deep.equal({ expiredGraceDays: null });
  });

  it('checks the days before sending (an age limit of 0 would delete everything) and focuses the field', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#age-on'));
    await toggle(el, 'age-on');
    fill($(el, '#age'), '0');
    submit(el);
    // The refusal shows once the form has been checked (a CI run read it one update too early).
    await until(() => $(el, '#age-error') && text($(el, '#age-error')) === 'Too small.');
    expect(text($(el, '#age-error'))).to.equal('Too small.');
    expect($(el, '#age').getAttribute('aria-invalid')).to.equal('true');
    await until(() => el.shadowRoot!.activeElement === $(el, '#age'));
    expect(backend.retention.puts).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it("shows the last run's figures, bytes formatted", async () => {
    const { el } = await mount({ retentionRun: true });
    await until(() => $(el, '[part="last-run"] dl'));
    expect(figure(el, 'expiredMessages')).to.equal('12');
    expect(figure(el, 'retentionMessages')).to.equal('340');
    expect(figure(el, 'files')).to.equal('58');
    expect(figure(el, 'fileBytes')).to.equal('700 MB');
    expect(figure(el, 'pendingBlobs')).to.equal('0');
  });

  it('is complete in Chinese', async () => {
    const { el } = await mount({ retentionRun: true }, 'zh-CN');
    await until(() => $(el, '[part="last-run"] dl'));
    expect(text($(el, '#retention-title'))).to.equal('存储与保留');
    expect(text($(el, 'label[for="grace"]'))).to.equal('过期后天数');
    expect(text($(el, '[data-effect="grace"]'))).to.equal('消息过期 30天后删除内容。');
    expect(text($(el, '[part="last-run"] h4'))).to.equal('上次清理');
    expect(text($(el, 'button[type="submit"]'))).to.equal('保存');
    await expect(el).to.be.accessible();
  });

  it('a refusal reads as a message, not a broken form', async () => {
    const { el } = await mount({ refuse: { status: 403, code: 'forbidden' } });
    await until(() => text($(el, '[role="alert"]')));
    expect($(el, '[part="form"]')).to.equal(null);
  });

  it('is a tab of the back office for org admins only', async () => {
    const admin = await mountMock<HeraldMemberAdmin>(html`<herald-member-admin locale="en"></herald-member-admin>`);
    await until(() => $$(admin.el, '[role="tab"]').some((t) => text(t) === 'Storage'));
    const member = await mountMock<HeraldMemberAdmin>(html`<herald-member-admin locale="en"></herald-member-admin>`, {
      permissions: ['data.view', 'department.manage'],
    });
    await until(() => $$(member.el, '[role="tab"]').length > 0);
    expect($$(member.el, '[role="tab"]').map((t) => text(t))).to.not.include('Storage');
  });
});
