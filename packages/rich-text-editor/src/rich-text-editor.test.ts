// <herald-rich-text-editor> on its own (issue 16 item 6): the label names the editable, `value` goes in and out, the
// user's changes come out as one typed event, @mentions are found through the host's callback.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { $, $$, until } from '@herald/client/testing/mount';
import { loadCatalogues } from '@herald/core';
import type { RichDoc } from '@herald/rich-text';
import type { HeraldRichTextChangeEvent } from './events/rich-text-change.js';
import { HeraldRichTextEditor, type MentionCandidate } from './rich-text-editor.js';
import { richTextEditorStrings } from './i18n/index.js';
import './define.js';

const doc = (...texts: string[]): RichDoc => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const idle = () => new Promise((resolve) => requestIdleCallback(resolve));
const editable = (el: HeraldRichTextEditor) => $(el, '#editor .ProseMirror');

async function mount(template = html`<herald-rich-text-editor></herald-rich-text-editor>`) {
  const el = await fixture<HeraldRichTextEditor>(template);
  el.focus(); // loads Tiptap now instead of when the page is idle
  await until(() => el.ready && editable(el), 20_000, 'the editor');
  await el.updateComplete;
  return el;
}

/** Puts the caret in the editor and waits until it is there: Tiptap focuses on the next frame, and keys typed before
 * that would go elsewhere (a loaded machine makes that frame late). */
async function focusEditor(el: HeraldRichTextEditor) {
  el.focus();
  await until(() => el.shadowRoot!.activeElement === editable(el), 20_000, 'the caret in the editor');
}

describe('<herald-rich-text-editor>', () => {
  before(async function () {
    await import('./tiptap-editor.js'); // the lazy chunk: the first import compiles Tiptap in the dev server
    await loadCatalogues('en', [richTextEditorStrings]);
  });

  it('is accessible: the visible label names the editable, the error describes it', async () => {
    const el = await mount(html`<herald-rich-text-editor label="Your reply" error="Write something first.">
      </herald-rich-text-editor>`);
    expect($(el, '#label').textContent).to.equal('Your reply');
    expect(editable(el).getAttribute('aria-labelledby')).to.equal('label');
    expect(editable(el).getAttribute('role')).to.equal('textbox');
    expect(editable(el).getAttribute('aria-describedby')).to.equal('error');
    expect($(el, '#error').textContent).to.equal('Write something first.');
    await expect(el).to.be.accessible();
    el.label = '';
    el.error = '';
    await el.updateComplete;
    expect($(el, '#label').textContent).to.equal('Message');
    expect($(el, '#error').hidden).to.equal(true);
  });

  it('takes a value and gives the edited text back, without an event for the value it was given', async () => {
    const el = await mount();
    let events = 0;
    el.addEventListener('herald-rich-text-change', () => events++);
    el.value = doc('First line', 'Second line');
    await until(() => editable(el).textContent === 'First lineSecond line', 20_000, 'the value shown');
    expect(el.value).to.deep.equal(doc('First line', 'Second line'));
    expect(el.dirty).to.equal(false);
    expect(events).to.equal(0);
  });

  it('moved in the page (a form its host moves), it loads again with its text', async () => {
    // Not focused (unlike mount()): nothing else updates it after it comes back.
    const el = await fixture<HeraldRichTextEditor>(
      html`<herald-rich-text-editor .value=${doc('Kept')}></herald-rich-text-editor>`,
    );
    await until(() => el.ready && editable(el)?.textContent === 'Kept', 20_000, 'the editor');
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await until(() => el.ready && editable(el)?.textContent === 'Kept', 20_000, 'the editor again, with its text');
  });

  it('when its code does not load (offline, a deploy removed it), says so and loads only on "Try again"', async () => {
    let mode: 'fail' | 'hold' | 'load' = 'fail';
    let imports = 0;
    let failHeld!: () => void;
    const offline = () => new TypeError('Failed to fetch dynamically imported module');
    class Flaky extends HeraldRichTextEditor {
      static override importParts = () => {
        imports++;
        if (mode === 'hold') return new Promise<never>((_, reject) => (failHeld = () => reject(offline())));
        return mode === 'fail' ? Promise.reject(offline()) : super.importParts();
      };
    }
    customElements.define('flaky-rich-text-editor', Flaky);
    const page = await fixture(
      html`<div><input id="elsewhere" /><flaky-rich-text-editor .value=${doc('Kept')}></flaky-rich-text-editor></div>`,
    );
    const el = page.querySelector<Flaky>('flaky-rich-text-editor')!;
    el.focus();
    await until(() => $(el, '[role=alert]'), 20_000, 'the failure said');
    expect($(el, '[role=alert]').textContent).to.contain('The editor did not load.');
    expect(el.ready).to.equal(false);
    await until(() => el.shadowRoot!.activeElement?.id === 'load-again', 20_000, 'focus on Try again');
    await expect(el).to.be.accessible();
    // The page has been idle twice since (when a waiting editor loads): it did not try again by itself.
    await idle();
    await idle();
    expect(imports).to.equal(1);
    $<HTMLButtonElement>(el, '#load-again').click();
    await until(() => imports === 2, 20_000, 'tried again');
    await el.updateComplete; // "Loading…" drawn: the alert that comes next is the new failure's
    await until(() => $(el, '#load-again'), 20_000, 'failed again, said again');
    // A slow attempt the user does not wait for: focus they took elsewhere meanwhile stays there when it fails.
    mode = 'hold';
    $<HTMLButtonElement>(el, '#load-again').click();
    await until(() => imports === 3, 20_000, 'the third attempt');
    await el.updateComplete;
    const elsewhere = page.querySelector<HTMLInputElement>('#elsewhere')!;
    elsewhere.focus();
    failHeld();
    await until(() => $(el, '#load-again'), 20_000, 'failed a third time');
    await el.updateComplete;
    expect(document.activeElement).to.equal(elsewhere);
    mode = 'load';
    await idle();
    expect(el.ready, 'not by itself, also once it would work').to.equal(false);
    $<HTMLButtonElement>(el, '#load-again').focus();
    $<HTMLButtonElement>(el, '#load-again').click();
    await until(() => el.ready && editable(el)?.textContent === 'Kept', 20_000, 'the editor, with its text');
    expect($(el, '[role=alert]')).to.equal(null);
    await until(() => el.shadowRoot!.activeElement === editable(el), 20_000, 'the caret in the editor');
  });

  it('fires herald-rich-text-change with the document as the user types', async () => {
    const el = await mount();
    const changed = oneEvent(el, 'herald-rich-text-change') as Promise<HeraldRichTextChangeEvent>;
    await focusEditor(el);
    await sendKeys({ type: 'Hello' });
    const event = await changed;
    expect(event.bubbles && event.composed).to.equal(true);
    await until(() => JSON.stringify(el.value).includes('Hello'), 20_000, 'typed text');
    expect(el.value).to.deep.equal(doc('Hello'));
    expect(event.detail.value.type).to.equal('doc');
    expect(el.dirty).to.equal(true);
  });

  it('asks searchMentions as the user types after @ and inserts the member picked', async () => {
    const queries: string[] = [];
    const people: MentionCandidate[] = [
      { id: 'm1', name: 'Alice Chen', detail: 'E1004' },
      { id: 'm2', name: 'Bob Li' },
    ];
    const el = await mount();
    el.searchMentions = async (query) => {
      queries.push(query);
      return people.filter((p) => p.name.toLowerCase().includes(query.toLowerCase()));
    };
    await focusEditor(el);
    await sendKeys({ type: '@b' });
    await until(() => $$(el, '#mentions [role="option"][id]').length === 1, 20_000, 'the mention list');
    expect(queries).to.include('b');
    expect($$(el, '#mentions [role="option"][id]').map((o) => o.textContent?.trim())).to.deep.equal(['Bob Li']);
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '#mentions'), 20_000, 'the list closed');
    const [paragraph] = el.value.content;
    expect(paragraph).to.deep.include({ type: 'paragraph' });
    expect((paragraph as { content: unknown[] }).content[0]).to.deep.equal({
      type: 'mention',
      attrs: { id: 'm2', label: 'Bob Li' },
    });
  });

  it('without searchMentions, the suggestions find no one', async () => {
    const el = await mount();
    await focusEditor(el);
    await sendKeys({ type: '@x' });
    await until(() => $(el, '#mentions'), 20_000, 'the mention list');
    expect($$(el, '#mentions [role="option"][id]')).to.have.length(0);
    expect($(el, '#mentions').textContent).to.contain('No one matches.');
  });
});
