import { expect, fixture, html } from '@open-wc/testing';
import { json, member, stubFetch } from '@herald/client/test-helpers';
import { ContextProvider } from '@lit/context';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldStores } from '@herald/client';
import './define.js';
import type { HeraldMemberAdmin } from './member-admin.js';

const storesOf = (e: Element) => (e as unknown as { herald: { stores?: HeraldStores } }).herald.stores;

describe('<herald-member-admin>', () => {
  it('is accessible', async () => {
    const el = await fixture<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`);
    await expect(el).to.be.accessible();
  });

  it('shows its localized title and default empty state', async () => {
    const el = await fixture<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Members');
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('No members to show.');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal('title');
    const zh = await fixture<HeraldMemberAdmin>(html`<herald-member-admin locale="zh-CN"></herald-member-admin>`);
    expect(zh.shadowRoot!.querySelector('h2')!.textContent).to.equal('成员');
  });

  it('takes a custom empty state in the "empty" slot', async () => {
    const el = await fixture<HeraldMemberAdmin>(html`<herald-member-admin><p slot="empty">Custom</p></herald-member-admin>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom']);
  });

  it('outside a provider, elements share one page-wide client and stores', async () => {
    const wrapper = await fixture(html`<div><herald-member-admin></herald-member-admin><herald-member-admin></herald-member-admin></div>`);
    const [a, b] = wrapper.querySelectorAll('herald-member-admin');
    expect(storesOf(a!)).to.exist;
    expect(storesOf(a!)).to.equal(storesOf(b!));
  });

  it('shows who is signed in, from the stores in context', async () => {
    const client = createHeraldClient({ baseUrl: 'http://herald.test', fetch: stubFetch({ 'GET /me': () => json(member()) }).fetch });
    const stores = createStores(client);
    await stores.session.load();
    const wrapper = document.createElement('div');
    new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
    new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
    const el = document.createElement('herald-member-admin');
    wrapper.append(el);
    await fixture(wrapper);
    await el.updateComplete;
    expect(storesOf(el)).to.equal(stores);
    expect(el.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('Signed in as Ada Chen');
    await expect(el).to.be.accessible();
  });
});
