// <herald-rich-text-editor> as its own /widgets/ entry (issue 16): on its own in a page it has Herald's tokens (and a
// `theme`); inside another Herald element it inherits that element's, so the outer element's `theme` reaches it.
import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { HeraldElement, tokens } from '@herald/core';
import type { HeraldRichTextEditor } from './rich-text-editor.js';
import './define.js';

const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(27, 29, 33)';
const surface = (el: HeraldRichTextEditor) =>
  getComputedStyle(el.shadowRoot!.querySelector('.editor-wrap')!).backgroundColor;

/** A Herald element holding the editor, as the composer does. */
class EditorHolder extends HeraldElement {
  static override styles = [tokens];
  override render() {
    return litHtml`<herald-rich-text-editor></herald-rich-text-editor>`;
  }
}
EditorHolder.define('test-editor-holder');

describe('<herald-rich-text-editor> tokens (issue 16, its own entry)', () => {
  it('on its own, it draws with the tokens, in the theme it is given', async () => {
    const el = await fixture<HeraldRichTextEditor>(
      html`<herald-rich-text-editor theme="light"></herald-rich-text-editor>`,
    );
    expect(surface(el)).to.equal(LIGHT_SURFACE);
    el.setAttribute('theme', 'dark');
    expect(surface(el)).to.equal(DARK_SURFACE);
    expect(getComputedStyle(el).backgroundColor, 'its own surface behind its label').to.equal(DARK_SURFACE);
  });

  it('on its own, a host restyles it through the public knobs', async () => {
    const el = await fixture<HeraldRichTextEditor>(
      html`<herald-rich-text-editor theme="light" style="--herald-color-surface: rgb(1, 2, 3)"></herald-rich-text-editor
        >`,
    );
    expect(surface(el)).to.equal('rgb(1, 2, 3)');
  });

  it("inside a Herald element, it takes that element's theme", async () => {
    const holder = await fixture<EditorHolder>(html`<test-editor-holder theme="dark"></test-editor-holder>`);
    const el = holder.shadowRoot!.querySelector<HeraldRichTextEditor>('herald-rich-text-editor')!;
    await el.updateComplete;
    expect(surface(el), 'the outer theme reaches the editor').to.equal(DARK_SURFACE);
    expect(getComputedStyle(el).backgroundColor, 'no surface of its own inside').to.equal('rgba(0, 0, 0, 0)');
    holder.setAttribute('theme', 'light');
    expect(surface(el)).to.equal(LIGHT_SURFACE);
  });
});
