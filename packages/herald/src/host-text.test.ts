// Issue 14, item 9: a host page's colour and font never reach the text inside a Herald element — neither inherited
// from `body` nor forced with `* { … !important }` — for every element the bundle registers.
import { expect } from '@open-wc/testing';
import { lightPalette } from '@herald/core';
import { testServer } from './test-support.js';

const RED = 'rgb(255, 0, 0)';
const TOKEN_TEXT = (() => {
  const hex = lightPalette['color-text'];
  return `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
})();

// Records every tag the bundle defines (the definitions are loaded after this wrapper is in place).
const tags: string[] = [];
const define = customElements.define.bind(customElements);
customElements.define = (name, constructor, options) => {
  tags.push(name);
  define(name, constructor, options);
};

const hostSheets = {
  'body { color; font-family }': 'body { color: red; font-family: serif; letter-spacing: 4px; text-transform: uppercase }',
  '* { color; font-family } !important': '* { color: red !important; font-family: serif !important; font-style: italic !important }',
};

describe('issue 14: host styles stop at the element boundary', function () {
  before(async () => {
    await testServer(); // elements outside a provider ask the (real) test server who is signed in
    await import('./define.js'); // what /widgets/herald.js registers
  });

  for (const [name, sheet] of Object.entries(hostSheets)) {
    it(`every element keeps its own text colour and font under "${name}"`, async () => {
      const style = document.createElement('style');
      style.textContent = sheet;
      document.head.append(style);
      const container = document.createElement('div');
      document.body.append(container);
      try {
        expect(tags.length).to.be.greaterThan(10);
        for (const tag of tags.filter((t) => t.startsWith('herald-') && t !== 'herald-provider')) {
          const el = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
          el.setAttribute('theme', 'light');
          container.append(el);
          await el.updateComplete;
          const computed = getComputedStyle(el);
          expect(computed.color, `${tag} color`).to.not.equal(RED);
          expect(computed.fontFamily, `${tag} font-family`).to.contain('system-ui');
          expect(computed.fontStyle, `${tag} font-style`).to.equal('normal');
          expect(computed.textTransform, `${tag} text-transform`).to.equal('none');
        }
        // What people read: the sign-in form's label has the design's text colour, not the page's.
        const signIn = container.querySelector('herald-sign-in')!;
        const label = signIn.shadowRoot!.querySelector('label')!;
        expect(getComputedStyle(label).color).to.equal(TOKEN_TEXT);
        expect(getComputedStyle(container.querySelector('herald-inbox')!).color).to.equal(TOKEN_TEXT);
      } finally {
        container.remove();
        style.remove();
      }
    });
  }

  it('the provider leaves the host\'s own content in the host\'s colour', async () => {
    const style = document.createElement('style');
    style.textContent = hostSheets['body { color; font-family }'];
    document.head.append(style);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<herald-provider sign-in="off"><p id="own">the host\'s own text</p></herald-provider>';
    document.body.append(wrapper);
    try {
      await (wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(getComputedStyle(wrapper.querySelector('#own')!).color).to.equal(RED);
    } finally {
      wrapper.remove();
      style.remove();
    }
  });
});
