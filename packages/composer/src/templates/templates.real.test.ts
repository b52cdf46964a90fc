// Issue 19: "Save as template" and "Use a template" against the real Herald test server, signed in as `wtr-admin`
// (organisation admin: may share with the organisation). Skipped when there is no test server.
import { expect, html, oneEvent } from '@open-wc/testing';
import type { HeraldClient } from '@herald/client';
import type { HeraldComposer } from '../composer/composer.js';
import '../composer/define.js';
import { $, $$, fill, mountWith, realClient, until } from '../testing/mount.js';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialogOpen = (el: HTMLElement, id: string) => !!$<HTMLDialogElement>(el, `dialog#${id}-template-dialog`)?.open;

describe('<herald-composer> templates against the real server (issue 19)', () => {
  let client: HeraldClient | null;
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
    client = await realClient();
    if (!client) this.skip();
  });

  it('saves a message as an organisation template, finds it again by pinyin and applies it', async () => {
    const unique = String(Date.now()).slice(-6);
    const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!);
    await until(() => $(el, '#subject'), 5000, 'form');
    fill($<HTMLInputElement>(el, '#subject'), `{{name}}，周会提醒 ${unique}`);
    $<HTMLInputElement>(el, '#receipt').click();
    $<HTMLButtonElement>(el, '#save-template').click();
    await until(() => dialogOpen(el, 'save'), 5000, 'save dialog');
    fill($<HTMLInputElement>(el, '#template-name'), `部门周会${unique}`);
    const organisation = $$<HTMLInputElement>(el, 'input[name="template-scope"]').find(
      (i) => i.value === 'organisation',
    )!;
    organisation.click();
    const saved = oneEvent(el, 'herald-template-save');
    $<HTMLButtonElement>(el, '#save-template-submit').click();
    await until(() => !dialogOpen(el, 'save') || text($(el, '#save-template-status')), 5000, 'saved');
    expect(text($(el, '#save-template-status'))).to.equal('');
    const template = (await saved).detail;
    expect([template.scope, template.name, template.receiptRequired]).to.deep.equal([
      'organisation',
      `部门周会${unique}`,
      true,
    ]);

    const { el: fresh } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!);
    await until(() => $(fresh, '#use-template'), 5000, 'form');
    $<HTMLButtonElement>(fresh, '#use-template').click();
    await until(() => dialogOpen(fresh, 'use'), 5000, 'use dialog');
    // Every template first (the search box is empty), then the one its pinyin finds.
    await until(() => $$(fresh, '#templates [role="option"]').length > 0, 5000, 'templates');
    fill($<HTMLInputElement>(fresh, '#template-search'), `bumenzhouhui${unique}`);
    // The list shown before typing may already be just this template: wait for the render that drops it (Enter
    // never takes a stale hit), so the check below sees the search's own answer. Without this, Enter came while the
    // search was still under way on a slow run, and did nothing.
    await fresh.updateComplete;
    await until(
      () =>
        text($(fresh, '#template-count')) === '1 template' &&
        text($(fresh, '#templates [role="option"]')).includes(`部门周会${unique}`),
      5000,
      'the template found by its pinyin',
    );
    await expect(fresh).to.be.accessible();
    const applied = oneEvent(fresh, 'herald-template-apply');
    // Enter on the search box (its keydown handler); the stubbed tests press real keys.
    const search = $<HTMLInputElement>(fresh, '#template-search');
    search.focus();
    search.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }),
    );
    expect((await applied).detail.template.id).to.equal(template.id);
    expect($<HTMLInputElement>(fresh, '#subject').value).to.equal(`{{name}}，周会提醒 ${unique}`);
    expect($<HTMLInputElement>(fresh, '#receipt').checked).to.equal(true);
    expect(text($(fresh, '[part="status"]'))).to.contain(`部门周会${unique}`);
  });
});
