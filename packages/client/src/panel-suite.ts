// Behaviour every HeraldPanel must keep, run by each panel's own test file: `panelSuite('herald-inbox', …)`.
import { expect, fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { createHeraldClient } from './client.js';
import { heraldClientContext, heraldStoresContext } from './context.js';
import { createStores, type HeraldStores } from './stores/index.js';
import { json, member, stubFetch } from './test-helpers.js';

const storesOf = (e: Element) => (e as unknown as { herald: { stores?: HeraldStores } }).herald.stores;

const make = async (markup: string) => {
  const wrapper = document.createElement('div');
  wrapper.innerHTML = markup;
  await fixture(wrapper);
  const el = wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<boolean> };
  await el.updateComplete;
  return el;
};

export function panelSuite(tag: string, expected: { title: string; titleZh: string; empty: string }) {
  describe(`<${tag}> as a Herald panel`, () => {
    it('is accessible', async () => {
      await expect(await make(`<${tag}></${tag}>`)).to.be.accessible();
    });

    it('shows its localized title and default empty state', async () => {
      const el = await make(`<${tag}></${tag}>`);
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal(expected.title);
      expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal(expected.empty);
      expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal('title');
      const zh = await make(`<${tag} locale="zh-CN"></${tag}>`);
      expect(zh.shadowRoot!.querySelector('h2')!.textContent).to.equal(expected.titleZh);
    });

    it('takes a custom empty state in the "empty" slot', async () => {
      const el = await make(`<${tag}><p slot="empty">Custom</p></${tag}>`);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom']);
    });

    it('outside a provider, panels share one page-wide client and stores', async () => {
      const wrapper = document.createElement('div');
      wrapper.innerHTML = `<${tag}></${tag}><${tag}></${tag}>`;
      await fixture(wrapper);
      const [a, b] = wrapper.querySelectorAll(tag);
      expect(storesOf(a!)).not.to.equal(undefined);
      expect(storesOf(a!)).to.equal(storesOf(b!));
    });

    it('shows who is signed in, from the stores in context', async () => {
      const client = createHeraldClient({
        baseUrl: 'http://herald.test',
        fetch: stubFetch({ 'GET /me': () => json(member()) }).fetch,
      });
      const stores = createStores(client);
      await stores.session.load();
      const wrapper = document.createElement('div');
      new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
      new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
      const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
      wrapper.append(el);
      await fixture(wrapper);
      await el.updateComplete;
      expect(storesOf(el)).to.equal(stores);
      expect(el.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('Signed in as Ada Chen');
      await expect(el).to.be.accessible();
    });
  });
}
