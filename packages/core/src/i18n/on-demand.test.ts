// Issue 16: only the active locale's catalogues of the elements on the page load (core's shared one and those each
// element names); switching language loads the others. Its own test file, so its page starts with nothing loaded.
import { expect, fixture, html } from '@open-wc/testing';
import { HeraldElement } from '../base/herald-element.js';
import { defineCatalogue, loadedCatalogues, type MessageKey } from './catalogues.js';
import { LocalizeController } from './localize-controller.js';
import { problemMessage } from '../problem-message.js';

const requested: string[] = [];
const catalogue = (name: string, en: Record<string, string>, zhCN: Record<string, string>) =>
  defineCatalogue(name, {
    en: async () => (requested.push(`${name}/en`), en),
    'zh-CN': async () => (requested.push(`${name}/zh-CN`), zhCN),
  });
const thingStrings = catalogue('thing', { 'thing.title': 'Inbox' }, { 'thing.title': '收件箱' });
const otherStrings = catalogue('other', { 'other.title': 'Admin' }, { 'other.title': '后台' });

/** Were the problem texts loaded when each render ran? */
const problemsAtRender: boolean[] = [];
/** The catalogues loaded, leaving out the problem texts (they load when the page is idle after a first render). */
const loadedBesidesProblems = () => {
  const loaded = loadedCatalogues();
  const without = (names: string[]) => names.filter((n) => n !== 'problems');
  return { en: without(loaded.en), 'zh-CN': without(loaded['zh-CN']) };
};

class OnDemandThing extends HeraldElement {
  static override catalogues = [thingStrings];
  readonly i18n = new LocalizeController(this);
  override render() {
    problemsAtRender.push(loadedCatalogues().en.includes('problems'));
    return html`<p>${this.i18n.t('thing.title' as MessageKey)}</p><p>${this.i18n.t('common.loading')}</p>`;
  }
}

/** Shows a problem from its first render on (as an element whose first load failed would). */
class ProblemThing extends HeraldElement {
  readonly i18n = new LocalizeController(this);
  override render() {
    return html`<p>${problemMessage({ code: 'conflict', title: 'Conflict (server title)' }, this.i18n)}</p>`;
  }
}
customElements.define('test-problem-thing', ProblemThing);
customElements.define('test-on-demand-thing', OnDemandThing);

// Defined, but never on the page: its catalogue must not load.
class OtherThing extends HeraldElement {
  static override catalogues = [otherStrings];
}
customElements.define('test-other-thing', OtherThing);

describe('catalogues per element, per locale, on demand (issue 16)', () => {
  it(
    'renders first in its locale having loaded only its own and the shared catalogue; a switch loads the ' + 'others',
    async () => {
      expect(loadedCatalogues()).to.deep.equal({ en: [], 'zh-CN': [] });
      const el = await fixture<OnDemandThing>(html`<test-on-demand-thing locale="en"></test-on-demand-thing>`);
      const texts = () => [...el.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent);
      expect(texts()).to.deep.equal(['Inbox', 'Loading…']);
      expect(problemsAtRender[0], 'the first render did not wait for the problem texts').to.equal(false);
      expect(loadedBesidesProblems()).to.deep.equal({ en: ['core', 'thing'], 'zh-CN': [] });
      el.locale = 'zh-CN';
      await el.updateComplete;
      expect(texts()).to.deep.equal(['收件箱', '正在加载…']);
      expect(loadedBesidesProblems()).to.deep.equal({ en: ['core', 'thing'], 'zh-CN': ['core', 'thing'] });
      expect(requested).to.deep.equal(['thing/en', 'thing/zh-CN']);
    },
  );

  it('loads the problem texts when a render asks for one, and updateComplete waits for the words', async () => {
    expect(loadedCatalogues()['zh-CN']).to.not.include('problems');
    const el = await fixture<ProblemThing>(html`<test-problem-thing locale="zh-CN"></test-problem-thing>`);
    await el.updateComplete;
    const text = el.shadowRoot!.querySelector('p')!.textContent;
    expect(text).to.equal('该内容已被他人修改，请刷新后重试。');
    expect(loadedCatalogues()['zh-CN']).to.include('problems');
  });

  it("loads the problem texts of the page's locales when it is idle after a first render", async () => {
    await fixture(html`<test-on-demand-thing locale="en"></test-on-demand-thing>`);
    while (!loadedCatalogues().en.includes('problems')) await new Promise((r) => setTimeout(r, 10));
  });
});
