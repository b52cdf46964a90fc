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

/** Every element inside `root`'s shadow tree (nested shadow roots too) that holds text of its own. */
function textHolders(root: Element): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if ([...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return found.filter((el) => !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(el.tagName));
}

const hostSheets = {
  'body { color; font-family }':
    'body { color: red; font-family: serif; letter-spacing: 4px; text-transform: uppercase }',
  '* { color; font-family } !important':
    '* { color: red !important; font-family: serif !important; font-style: italic !important }',
};

describe('issue 14 / issue 16 item 7: host styles stop at the element boundary', function () {
  before(async () => {
    await testServer(); // elements outside a provider ask the (real) test server who is signed in
    await import('./define.js'); // what /widgets/herald.js registers
    // …and what it defines once a page uses it (define-when-used.ts)
    await Promise.all([
      import('@herald/inbox/herald-message-view'),
      import('@herald/approval-queue/herald-approval-flows'),
    ]);
  });

  for (const [name, sheet] of Object.entries(hostSheets)) {
    it(`every element keeps its own text colour and font under "${name}"`, async () => {
      const style = document.createElement('style');
      style.textContent = sheet;
      const container = document.createElement('div');
      document.body.append(container);
      try {
        expect(tags.length).to.be.greaterThan(10);
        const elementTags = tags.filter((t) => t.startsWith('herald-') && t !== 'herald-provider');
        for (const tag of elementTags) {
          const el = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
          el.setAttribute('theme', 'light');
          container.append(el);
          await el.updateComplete;
        }
        // Issue 16 item 7: every text inside every element looks as it does without the page's sheet (Herald's own
        // styles may pick another font, e.g. the editor's italic glyph; the page's never reach in).
        const looks = (el: Element) => {
          const c = getComputedStyle(el);
          return `${c.color} / ${c.fontFamily} / ${c.fontStyle} / ${c.textTransform} / ${c.letterSpacing}`;
        };
        const before = new Map<Element, string>();
        for (const el of container.children) for (const holder of textHolders(el)) before.set(holder, looks(holder));
        expect(before.size, 'texts checked').to.be.greaterThan(10);
        document.head.append(style);
        for (const [holder, was] of before) {
          const where = `${holder.localName}.${holder.className} "${holder.textContent!.trim().slice(0, 30)}"`;
          if (holder.isConnected) expect(looks(holder), where).to.equal(was);
        }
        for (const el of container.children) {
          const tag = el.localName;
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

  it("the provider leaves the host's own content in the host's colour", async () => {
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
