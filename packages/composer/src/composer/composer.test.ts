import { expect, fixture, html } from '@open-wc/testing';
import { json, member, stubFetch } from '@herald/client/test-helpers';
import { ContextProvider } from '@lit/context';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldStores } from '@herald/client';
import './define.js';
import type { HeraldComposer } from './composer.js';

const storesOf = (e: Element) => (e as unknown as { herald: { stores?: HeraldStores } }).herald.stores;

describe('<herald-composer>', () => {
  it('is accessible', async () => {
    const el = await fixture<HeraldComposer>(html`<herald-composer></herald-composer>`);
    await expect(el).to.be.accessible();
  });

  it('shows its localized title and default empty state', async () => {
    const el = await fixture<HeraldComposer>(html`<herald-composer></herald-composer>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('New message');
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('The composer is coming soon.');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal('title');
    const zh = await fixture<HeraldComposer>(html`<herald-composer locale="zh-CN"></herald-composer>`);
    expect(zh.shadowRoot!.querySelector('h2')!.textContent).to.equal('新消息');
  });

  it('takes a custom empty state in the "empty" slot', async () => {
    const el = await fixture<HeraldComposer>(html`<herald-composer><p slot="empty">Custom</p></herald-composer>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom']);
  });

  it('outside a provider, elements share one page-wide client and stores', async () => {
    const wrapper = await fixture(html`<div><herald-composer></herald-composer><herald-composer></herald-composer></div>`);
    const [a, b] = wrapper.querySelectorAll('herald-composer');
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
    const el = document.createElement('herald-composer');
    wrapper.append(el);
    await fixture(wrapper);
    await el.updateComplete;
    expect(storesOf(el)).to.equal(stores);
    expect(el.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('Signed in as Ada Chen');
    await expect(el).to.be.accessible();
  });
});
