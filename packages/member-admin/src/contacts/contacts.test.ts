import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminContacts } from './contacts.js';
import './define.js';

const mount = (options = {}) =>
  mountMock<HeraldAdminContacts>(html`<herald-admin-contacts></herald-admin-contacts>`, options);

describe('<herald-admin-contacts>', () => {
  it('lists and searches contacts, and is accessible', async () => {
    const { el } = await mount();
    await until(() => $$(el, '[part="row"]').length === 2);
    await expect(el).to.be.accessible();
    fill($(el, '#cq'), 'partner co');
    await until(() => $$(el, '[part="row"]').length === 1);
    expect($(el, '[part="row"] th').textContent).to.contain('Dana Wu');
  });

  it('creates a contact with tags and portal access, after client-side checks', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, '[part="row"]').length === 2);
    $<HTMLButtonElement>(el, '#new-contact').click();
    await el.updateComplete;
    fill($(el, '#c-phone'), '12345');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await el.updateComplete;
    expect($(el, '#c-name-error').textContent).to.equal('Required.');
    expect($(el, '#c-phone-error').textContent).to.contain('mainland mobile');
    await expect(el).to.be.accessible();
    fill($(el, '#c-name'), '刘总');
    fill($(el, '#c-phone'), '+8613800138000');
    fill($(el, '#c-tags'), '重点客户; 华东');
    $<HTMLInputElement>(el, '[part="form"] input[type="checkbox"]').click();
    const created = oneEvent(el, 'herald-contact-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    const contact = backend.contacts.at(-1)!;
    expect(contact.tags).to.deep.equal(['重点客户', '华东']);
    expect(contact.portalEnabled).to.equal(true);
  });
});

describe('<herald-admin-contacts> against the real server', () => {
  it('creates a contact and finds it', async function () {
    const mounted = await mountReal<HeraldAdminContacts>(html`<herald-admin-contacts></herald-admin-contacts>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $(el, '#new-contact'));
    $<HTMLButtonElement>(el, '#new-contact').click();
    await el.updateComplete;
    const name = `客户${Date.now() % 100000}`;
    fill($(el, '#c-name'), name);
    fill($(el, '#c-company'), '华东贸易');
    fill($(el, '#c-tags'), 'VIP');
    const created = oneEvent(el, 'herald-contact-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    fill($(el, '#cq'), name);
    await until(() => $$(el, '[part="row"]').length === 1 && $(el, '[part="row"] th').textContent!.includes(name));
    await expect(el).to.be.accessible();
  });
});
