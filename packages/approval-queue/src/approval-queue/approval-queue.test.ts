import { expect, fixture, html } from '@open-wc/testing';
import { json, member, stubFetch } from '@herald/client/test-helpers';
import { ContextProvider } from '@lit/context';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldStores } from '@herald/client';
import './define.js';
import type { HeraldApprovalQueue } from './approval-queue.js';

const storesOf = (e: Element) => (e as unknown as { herald: { stores?: HeraldStores } }).herald.stores;

describe('<herald-approval-queue>', () => {
  it('is accessible', async () => {
    const el = await fixture<HeraldApprovalQueue>(html`<herald-approval-queue></herald-approval-queue>`);
    await expect(el).to.be.accessible();
  });

  it('shows its localized title and default empty state', async () => {
    const el = await fixture<HeraldApprovalQueue>(html`<herald-approval-queue></herald-approval-queue>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Approvals');
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('Nothing waiting for approval.');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal('title');
    const zh = await fixture<HeraldApprovalQueue>(html`<herald-approval-queue locale="zh-CN"></herald-approval-queue>`);
    expect(zh.shadowRoot!.querySelector('h2')!.textContent).to.equal('审批');
  });

  it('takes a custom empty state in the "empty" slot', async () => {
    const el = await fixture<HeraldApprovalQueue>(html`<herald-approval-queue><p slot="empty">Custom</p></herald-approval-queue>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom']);
  });

  it('outside a provider, elements share one page-wide client and stores', async () => {
    const wrapper = await fixture(html`<div><herald-approval-queue></herald-approval-queue><herald-approval-queue></herald-approval-queue></div>`);
    const [a, b] = wrapper.querySelectorAll('herald-approval-queue');
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
    const el = document.createElement('herald-approval-queue');
    wrapper.append(el);
    await fixture(wrapper);
    await el.updateComplete;
    expect(storesOf(el)).to.equal(stores);
    expect(el.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('Signed in as Ada Chen');
    await expect(el).to.be.accessible();
  });
});
