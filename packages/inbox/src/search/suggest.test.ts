// Issue 20 #8: the inbox's search box speaks people's words — an ARIA 1.2 combobox suggesting operators, people, tags
// and values as you type, sending `q` (with the viewer's time zone) for the server to read.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@herald/client/testing/keys';
import '../define.js';
import type { HeraldInbox } from '../inbox/inbox.js';
import { $, $$, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';
import type { MockInboxOptions } from '../testing/mock-backend.js';
import * as stories from './search-suggest.stories.js';

const mount = (options: MockInboxOptions = {}, locale = 'en') =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale=${locale} style="--herald-inbox-height: 30rem; width: 1100px"></herald-inbox>`,
    options,
  );
type Backend = { calls: Array<{ method: string; path: string; query: URLSearchParams }> };
const searches = (backend: Backend) =>
  backend.calls.filter((c) => c.method === 'GET' && c.path === '/mailbox' && c.query.has('q')).map((c) => c.query);
const box = (el: HeraldInbox) => $<HTMLInputElement>(el, 'input.search');
const options = (el: HeraldInbox) => $$<HTMLElement>(el, '#search-suggestions [role="option"]');
const labels = (el: HeraldInbox) => options(el).map((o) => o.querySelector('.insert')!.textContent!.trim());
/** Focuses the box and waits for its suggestions (the lazy actions chunk) to be listening. */
async function focusBox(el: HeraldInbox) {
  await until(() => $$(el, '[role="option"]').length > 0, 4000, 'rows');
  box(el).focus();
  await until(() => $(el, '#search-problem'), 4000, 'the suggestions to load');
}

describe('<herald-inbox> search suggestions (issue 20 #8)', function () {
  before(ignoreResizeObserverLoop);

  it('the box is a combobox; typing suggests operators, ↓ and Enter take one, Escape closes; axe-clean', async () => {
    const { el } = await mount();
    const input = box(el);
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible(); // before the suggestions load: the list it controls is not there yet
    await focusBox(el);
    await sendKeys({ type: 'f' });
    await until(() => labels(el).includes('from:'), 2000, 'from: suggested');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-controls')).to.equal($(el, '[role="listbox"]').id);
    expect(options(el)[0]!.textContent).to.contain('name, pinyin or employee number');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => input.getAttribute('aria-activedescendant') === 'search-option-0', 2000, 'active option');
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(input, 'focus stays in the box');
    await sendKeys({ press: 'Enter' });
    await until(() => input.value === 'from:', 2000, 'from: inserted');
    await sendKeys({ type: ' i' });
    await until(() => labels(el).join() === 'is:', 2000, 'is: suggested');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => input.hasAttribute('aria-activedescendant'), 2000, 'active option');
    await sendKeys({ press: 'Escape' });
    await until(() => input.getAttribute('aria-expanded') === 'false', 2000, 'closed');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input.value).to.equal('from: i', 'Escape closes the list and keeps the text');
  });

  it('from: suggests people from the directory; the search sends q and the time zone', async () => {
    const { el, backend } = await mount();
    await focusBox(el);
    await sendKeys({ type: 'report from:bob' });
    await until(() => labels(el).includes('from:"Bob Li"'), 3000, 'Bob Li suggested');
    expect(options(el)[0]!.textContent).to.contain('E1007');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => box(el).value === 'report from:"Bob Li" ', 2000, 'person inserted, quoted');
    await until(() => searches(backend).at(-1)?.get('q') === 'report from:"Bob Li"', 3000, 'searched');
    expect(searches(backend).at(-1)!.get('tz')).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const directory = backend.calls.filter((c) => c.path === '/directory').at(-1)!;
    expect(directory.query.get('kinds')).to.equal('member');
  });

  it('to: also suggests departments; tag: suggests the tags; is: its values', async () => {
    const { el } = await mount();
    await focusBox(el);
    await sendKeys({ type: 'to:销' });
    await until(() => labels(el).includes('to:销售部'), 3000, 'a department for to:');
    box(el).value = '';
    await sendKeys({ type: 'tag:apo' });
    await until(() => labels(el).includes('tag:Apollo'), 2000, 'a tag');
    box(el).value = '';
    await sendKeys({ type: 'is:' });
    await until(() => labels(el).join() === 'is:unread,is:read,is:starred,is:archived', 2000, 'is: values');
  });

  it('a bad day is said under the box, in both locales, and not searched until it is a day', async () => {
    for (const [locale, words] of [
      ['en', 'needs a day such as 2026-12-31'],
      ['zh-CN', '需要一个日期'],
    ] as const) {
      const { el, backend } = await mount({}, locale);
      await focusBox(el);
      await sendKeys({ type: 'before:2026-13-45' });
      const problem = $(el, '#search-problem');
      await until(() => problem.textContent!.includes(words), 2000, `the ${locale} message`);
      expect(problem.getAttribute('role')).to.equal('status');
      expect(box(el).getAttribute('aria-describedby')).to.equal('search-problem');
      await expect(el).to.be.accessible();
      for (let i = 0; i < 5; i++) await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: '12-01' });
      await until(() => searches(backend).some((q) => q.get('q') === 'before:2026-12-01'), 3000, 'searched');
      expect(searches(backend).some((q) => q.get('q')!.includes('13'))).to.equal(false, 'never sent');
      expect(problem.textContent).to.equal('');
    }
  });
});

describe('Search syntax stories (issue 20 #8)', function () {
  before(ignoreResizeObserverLoop);
  const meta = stories.default as unknown as {
    args: Record<string, unknown>;
    render: (args: object) => HTMLElement;
    play: (ctx: { canvasElement: HTMLElement; args: Record<string, unknown> }) => Promise<void>;
  };
  for (const [name, story] of Object.entries(stories).filter(([k]) => k !== 'default')) {
    it(`story ${name} renders, plays and is accessible`, async () => {
      fixtureCleanup();
      const args = { ...meta.args, ...(story as { args?: object }).args };
      const canvas = await fixture<HTMLElement>(meta.render(args));
      canvas.style.width = '1100px';
      await meta.play({ canvasElement: canvas, args });
      const el = canvas.querySelector('herald-inbox')!;
      await until(
        () => $$(el, '#search-suggestions [role="option"]').length > 0 || $(el, '#search-problem')?.textContent,
        4000,
        'suggestions or a problem shown',
      );
      await expect(el).to.be.accessible();
    });
  }
});
