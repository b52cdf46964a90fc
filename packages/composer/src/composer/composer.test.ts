import { expect, html, oneEvent } from '@open-wc/testing';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import { sendKeys } from '../testing/keys.js';
import type { HeraldComposer } from './composer.js';
import './define.js';

const mount = (options = {}, locale = 'en') =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, options);
const editorOf = (el: HTMLElement) => $(el, '#editor .ProseMirror');

describe('<herald-composer>', () => {
  // The editor is a lazy chunk: the first import compiles Tiptap in the dev server.
  before(async function () {
    this.timeout(30_000);
    await import('../editor/rich-editor.js');
  });

  it('smoke: renders the form and loads the editor lazily', async () => {
    const { el } = await mount();
    await until(() => editorOf(el), 4000, 'editor');
    expect($(el, 'h2').textContent).to.equal('New message');
    expect($$<HTMLInputElement>(el, 'input[name="kind"]').map((i) => i.value)).to.deep.equal(['internal', 'external', 'urgent']);
    await expect(el).to.be.accessible();
  });

  it('typing, bold and a list in the editor', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    editorOf(el).focus();
    await sendKeys({ type: 'Hello ' });
    await sendKeys({ press: 'Control+b' });
    await sendKeys({ type: 'world' });
    await sendKeys({ press: 'Control+b' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Control+Shift+8' });
    await sendKeys({ type: 'item' });
    await el.updateComplete;
    const s = (el as unknown as { s: { body: unknown } }).s;
    expect(s.body).to.deep.equal({ type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Hello ' }, { type: 'text', text: 'world', marks: [{ type: 'bold' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
    ] });
  });
});
