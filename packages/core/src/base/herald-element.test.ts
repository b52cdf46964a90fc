import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { atom } from 'nanostores';
import { HeraldElement } from './herald-element.js';
import { HeraldSessionEndEvent } from '../events/session-end.js';
import { StoreController } from '../store-controller.js';

const $count = atom(0);
class CounterThing extends HeraldElement {
  count = new StoreController(this, $count);
  renders = 0;
  override render() {
    this.renders++;
    return html`${this.count.value}`;
  }
  end() {
    return this.emit(new HeraldSessionEndEvent());
  }
}

describe('HeraldElement', () => {
  it('define() registers once and ignores a second definition', () => {
    CounterThing.define('test-counter-thing');
    expect(customElements.get('test-counter-thing')).to.equal(CounterThing);
    class Other extends HeraldElement {}
    expect(() => Other.define('test-counter-thing')).not.to.throw();
    expect(customElements.get('test-counter-thing')).to.equal(CounterThing);
  });

  it('emit() dispatches bubbling, composed events that reach the document', async () => {
    const el = await fixture<CounterThing>(html`<test-counter-thing></test-counter-thing>`);
    setTimeout(() => el.end());
    const event = await oneEvent(document, 'herald-session-end');
    expect(event).to.be.instanceOf(HeraldSessionEndEvent);
    expect(event.bubbles && event.composed).to.equal(true);
  });
});

describe('StoreController', () => {
  it('re-renders the host on store changes and stops after disconnect', async () => {
    const el = await fixture<CounterThing>(html`<test-counter-thing></test-counter-thing>`);
    $count.set(5);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('5');
    el.remove();
    const renders = el.renders;
    $count.set(6);
    await new Promise((r) => setTimeout(r, 10));
    expect(el.renders).to.equal(renders);
  });

  it('issue 21: keeps properties a host set before the element was defined (upgrade property)', async () => {
    class LateThing extends HeraldElement {
      seen: unknown[] = [];
      private _callback?: () => string;
      get callback() {
        return this._callback;
      }
      set callback(value: (() => string) | undefined) {
        this._callback = value;
        this.seen.push(value);
      }
    }
    const el = document.createElement('test-late-thing') as LateThing;
    const early = () => 'early';
    (el as { callback?: () => string }).callback = early; // still an HTMLElement: an own data property
    document.body.append(el);
    LateThing.define('test-late-thing');
    expect(el).to.be.instanceOf(LateThing);
    expect(el.callback).to.equal(early);
    expect(el.seen, 'the setter ran with the early value').to.deep.equal([early]);
    expect(Object.prototype.hasOwnProperty.call(el, 'callback')).to.equal(false);
    el.remove();
  });
});
