import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminRoles } from './roles.js';
import './define.js';

const mount = (options = {}) => mountMock<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`, options);

describe('<herald-admin-roles>', () => {
  it('lists built-in roles with their permissions in plain words, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 6);
    const auditor = $$(el, '[part="row"]').find((r) => r.querySelector('th')!.textContent!.includes('Auditor'))!;
    expect(auditor.querySelector('li')!.textContent).to.equal('Can view all data and the audit trail');
    expect(auditor.querySelector('button')).to.equal(null); // built-in: no edit/delete
    await expect(el).to.be.accessible();
  });

  it('creates a custom role (name required), then deletes it', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 6);
    $<HTMLButtonElement>(el, '#new-role').click();
    await el.updateComplete;
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await el.updateComplete;
    expect($(el, '#role-name-error').textContent).to.equal('Required.');
    await expect(el).to.be.accessible();
    fill($(el, '#role-name'), '公告发布员');
    const boxes = $$<HTMLInputElement>(el, '[part="form"] input[type="checkbox"]');
    boxes[0]!.click();
    boxes[1]!.click();
    const created = oneEvent(el, 'herald-role-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    await until(() => $$(el, '[part="row"]').length === 7);
    const row = $$(el, '[part="row"]').at(-1)!;
    expect([...row.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['Can send internal messages', 'Can send external messages']);
    const button = () => $$(el, '[part="row"]').at(-1)!.querySelector<HTMLButtonElement>('button.danger')!;
    button().click();
    await el.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Confirm: Delete 公告发布员');
    // A host may veto the confirmed action.
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('herald-request-delete', veto, { once: true });
    button().click();
    await el.updateComplete;
    expect($$(el, '[part="row"]')).to.have.length(7);
    button().click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'herald-role-delete');
    button().click();
    await deleted;
    await until(() => $$(el, '[part="row"]').length === 6);
  });
});

describe('<herald-admin-roles> against the real server', () => {
  it('lists the built-in roles in plain words', async function () {
    const mounted = await mountReal<HeraldAdminRoles>(html`<herald-admin-roles></herald-admin-roles>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $$(el, '[part="row"]').length >= 6);
    expect($$(el, '[part="row"] th').map((th) => th.textContent!.replace(/\s+/g, ' ').trim())).to.include('Auditor (built-in)');
    await expect(el).to.be.accessible();
  });
});
