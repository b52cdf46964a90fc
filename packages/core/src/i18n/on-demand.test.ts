// Issue 16: only the active locale's catalogue loads; switching language loads the other. Its own test file, so its
// page starts with no catalogue loaded.
import { expect, fixture, html } from '@open-wc/testing';
import { HeraldElement } from '../base/herald-element.js';
import { loadedLocales } from './catalogues.js';
import { LocalizeController } from './localize-controller.js';

class OnDemandThing extends HeraldElement {
  readonly i18n = new LocalizeController(this);
  override render() {
    return html`<p>${this.i18n.t('inbox.title')}</p><p>${this.i18n.plural('composer.recipients.people', 1)}</p>`;
  }
}
customElements.define('test-on-demand-thing', OnDemandThing);

describe('catalogues on demand (issue 16)', () => {
  it('renders first in its own locale having loaded only that catalogue, and loads the other on a switch', async () => {
    expect(loadedLocales()).to.deep.equal([]);
    const el = await fixture<OnDemandThing>(html`<test-on-demand-thing locale="en"></test-on-demand-thing>`);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Inbox');
    expect(loadedLocales()).to.deep.equal(['en']);
    el.locale = 'zh-CN';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('收件箱');
    expect(loadedLocales()).to.deep.equal(['en', 'zh-CN']);
  });

  it('chooses the plural form with Intl.PluralRules', async () => {
    const el = await fixture<OnDemandThing>(html`<test-on-demand-thing locale="en"></test-on-demand-thing>`);
    expect(el.i18n.plural('composer.recipients.people', 1)).to.equal('1 person');
    expect(el.i18n.plural('composer.recipients.people', 3)).to.equal('3 people');
    el.locale = 'zh-CN';
    await el.updateComplete;
    expect(el.i18n.plural('composer.recipients.people', 1)).to.match(/^1\s?人$/);
  });
});
