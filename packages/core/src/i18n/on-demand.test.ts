// Issue 16: only the active locale's catalogues of the elements on the page load (core's shared one and those each
// element names); switching language loads the others. Its own test file, so its page starts with nothing loaded.
import { expect, fixture, html } from '@open-wc/testing';
import { HeraldElement } from '../base/herald-element.js';
import { defineCatalogue, loadedCatalogues, type MessageKey } from './catalogues.js';
import { LocalizeController } from './localize-controller.js';

const requested: string[] = [];
const catalogue = (name: string, en: Record<string, string>, zhCN: Record<string, string>) =>
  defineCatalogue(name, {
    en: async () => (requested.push(`${name}/en`), en),
    'zh-CN': async () => (requested.push(`${name}/zh-CN`), zhCN),
  });
const thingStrings = catalogue('thing', { 'thing.title': 'Inbox' }, { 'thing.title': '收件箱' });
const otherStrings = catalogue('other', { 'other.title': 'Admin' }, { 'other.title': '后台' });

class OnDemandThing extends HeraldElement {
  static override catalogues = [thingStrings];
  readonly i18n = new LocalizeController(this);
  override render() {
    return html`<p>${this.i18n.t('thing.title' as MessageKey)}</p><p>${this.i18n.t('common.loading')}</p>`;
  }
}
customElements.define('test-on-demand-thing', OnDemandThing);

// Defined, but never on the page: its catalogue must not load.
class OtherThing extends HeraldElement {
  static override catalogues = [otherStrings];
}
customElements.define('test-other-thing', OtherThing);

describe('catalogues per element, per locale, on demand (issue 16)', () => {
  it('renders first in its locale having loaded only its own and the shared catalogue; a switch loads the others', async () => {
    expect(loadedCatalogues()).to.deep.equal({ en: [], 'zh-CN': [] });
    const el = await fixture<OnDemandThing>(html`<test-on-demand-thing locale="en"></test-on-demand-thing>`);
    const texts = () => [...el.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent);
    expect(texts()).to.deep.equal(['Inbox', 'Loading…']);
    expect(loadedCatalogues()).to.deep.equal({ en: ['core', 'thing'], 'zh-CN': [] });
    el.locale = 'zh-CN';
    await el.updateComplete;
    expect(texts()).to.deep.equal(['收件箱', '正在加载…']);
    expect(loadedCatalogues()).to.deep.equal({ en: ['core', 'thing'], 'zh-CN': ['core', 'thing'] });
    expect(requested).to.deep.equal(['thing/en', 'thing/zh-CN']);
  });
});
