// Issue 19 #3: mentioning someone who is not a recipient warns in the composer and its preview, with "Add as
// recipient".
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import type { HeraldComposer } from '../composer/composer.js';
import '../composer/define.js';

const mount = (locale = 'en') =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, {});
const bodyOf = (el: HTMLElement) => $<HeraldRichTextEditor>(el, 'herald-rich-text-editor');
const editorOf = (el: HTMLElement) => $(bodyOf(el), '#editor .ProseMirror');
const chips = (el: HTMLElement) => $$(el, '[part="chip"] .chip-name').map((c) => c.textContent);
const warning = (el: HTMLElement) => $(el, 'form [part="mention-warning"]');

async function pickRecipient(el: HTMLElement, query: string) {
  const input = $<HTMLInputElement>(el, '#recipients');
  input.focus();
  fill(input, query);
  await until(
    () => input.getAttribute('aria-expanded') === 'true' && $$(el, '#recipient-results [role="option"][id]').length,
    3000,
    `results for ${query}`,
  );
  await sendKeys({ press: 'Enter' });
}

/** Types `@li` and picks the second suggestion, Alice Chen (m-E1004). */
async function mentionAlice(el: HTMLElement) {
  await until(() => editorOf(el), 4000, 'editor');
  editorOf(el).focus();
  await sendKeys({ type: 'Hi @li' });
  await until(() => $$(bodyOf(el), '#mentions [role="option"][id]').length, 3000, 'mention list');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await until(() => !$(bodyOf(el), '#mentions'), 3000, 'the mention list closes');
}

describe('<herald-composer> mention warning (issue 19 #3)', () => {
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
  });

  it('warns about a mentioned non-recipient; "Add as recipient" adds them and the warning goes', async () => {
    const { el } = await mount();
    await pickRecipient(el, 'zhangsan');
    await mentionAlice(el);
    await until(() => warning(el), 4000, 'the warning');
    expect(warning(el)!.getAttribute('role')).to.equal('status');
    expect(warning(el)!.textContent).to.contain('Mentioned but not a recipient');
    expect(warning(el)!.querySelector('.name')!.textContent).to.equal('Alice Chen');
    const add = warning(el)!.querySelector<HTMLButtonElement>('button')!;
    expect(add.getAttribute('aria-label')).to.equal('Add as recipient: Alice Chen');
    await expect(el).to.be.accessible();
    add.click();
    await until(() => chips(el).includes('Alice Chen'), 3000, 'Alice as a recipient');
    await until(() => !warning(el), 3000, 'the warning goes');
  });

  it('asks the server about a department audience and shows the warning in the preview too, in Chinese', async () => {
    const { el, backend } = await mount('zh-CN');
    await pickRecipient(el, 'jishubu');
    fill($<HTMLInputElement>(el, '#subject'), '演练');
    await mentionAlice(el);
    await until(() => warning(el), 4000, 'the warning from the server');
    const asked = backend.calls.filter(
      (c) => c.path === '/messages/audience' && (c.body as { mentions?: string[] })?.mentions,
    );
    expect((asked.at(-1)!.body as { mentions: string[] }).mentions).to.deep.equal(['m-E1004']);
    expect(warning(el)!.querySelector('button')!.textContent).to.equal('添加为收件人');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => $(el, 'dialog#preview [part="mention-warning"]'), 4000, 'the warning in the preview');
    expect($(el, 'dialog#preview [part="mention-warning"]')!.textContent).to.contain('不会收到通知');
    await expect(el).to.be.accessible();
  });
});
