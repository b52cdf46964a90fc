import { expect, html, oneEvent } from '@open-wc/testing';
import { createHeraldClient, createStores } from '@herald/client';
import { createMockMessaging } from '../testing/mock-backend.js';
import { $, $$, fill, mountMock, mountWith, until } from '../testing/mount.js';
import { sendKeys } from '@herald/client/testing/keys';
import type { RichDoc } from '../api/types.js';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import type { HeraldComposer } from './composer.js';
import './define.js';

const mount = (options = {}, locale = 'en') =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, options);
/** The body's <herald-rich-text-editor>, and its editable once Tiptap has loaded. */
const bodyOf = (el: HTMLElement) => $<HeraldRichTextEditor>(el, 'herald-rich-text-editor');
const editorOf = (el: HTMLElement) => $(bodyOf(el), '#editor .ProseMirror');
const stateOf = (el: HeraldComposer) =>
  (el as unknown as { s: { body: RichDoc; subject: string; recipients: Array<{ id: string }> } }).s;
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const chips = (el: HTMLElement) => $$(el, '[part="chip"] .chip-name').map((c) => c.textContent);

/** Picks a directory entry by typing in the recipient box and pressing Enter on the first hit. */
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

async function fillValid(el: HeraldComposer) {
  await pickRecipient(el, 'zhangsan');
  await pickRecipient(el, 'jishubu');
  fill($<HTMLInputElement>(el, '#subject'), 'Typhoon drill');
  await until(() => editorOf(el));
  editorOf(el).focus();
  await sendKeys({ type: 'Meet at 10.' });
}

describe('<herald-composer>', () => {
  // The editor is a lazy chunk: the first import compiles Tiptap in the dev server.
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
  });

  it('is accessible, with its form and the editor loaded lazily, in both locales', async () => {
    const { el } = await mount();
    await until(() => editorOf(el), 4000, 'editor');
    expect($(el, 'h2').textContent).to.equal('New message');
    expect($(el, 'section')!.getAttribute('aria-labelledby')).to.equal('title');
    expect(editorOf(el).getAttribute('aria-labelledby')).to.equal('label');
    expect($(bodyOf(el), '#label').textContent).to.equal('Message');
    await expect(el).to.be.accessible();
    const { el: zh } = await mount({}, 'zh-CN');
    await until(() => editorOf(zh));
    expect($(zh, 'h2').textContent).to.equal('新消息');
    expect($(zh, 'legend').textContent).to.equal('消息类型');
    await expect(zh).to.be.accessible();
  });

  it('offers only the kinds the member may send, or says they may not send', async () => {
    const kinds = async (permissions: string[]) => {
      const { el } = await mount({ permissions });
      return { el, kinds: $$<HTMLInputElement>(el, 'input[name="kind"]').map((i) => i.value) };
    };
    expect((await kinds(['message.send.internal', 'message.send.external'])).kinds).to.deep.equal([
      'internal',
      'external',
    ]);
    expect((await kinds(['message.send.internal'])).kinds).to.deep.equal(['internal']);
    expect((await kinds(['message.send.external'])).kinds).to.deep.equal(['external']);
    const { el, kinds: none } = await kinds(['data.view']);
    expect(none).to.deep.equal([]);
    expect(text($(el, '[part="empty"]'))).to.equal('You may not send messages. Ask your administrator if you need to.');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes a host\'s own "may not send" state in the empty slot', async () => {
    const { el } = await mountMock<HeraldComposer>(
      html`<herald-composer><p slot="empty">Ask IT.</p></herald-composer>`,
      { permissions: ['data.view'] },
    );
    const slot = $<HTMLSlotElement>(el, 'slot[name="empty"]');
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Ask IT.']);
  });

  it('shows who is signed in; outside a provider, composers share one page-wide client and stores', async () => {
    const { el, stores } = await mount();
    expect(text($(el, '[part="identity"]'))).to.equal('Signed in as Ada Chen');
    expect((el as unknown as { herald: { stores: unknown } }).herald.stores).to.equal(stores);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<herald-composer></herald-composer><herald-composer></herald-composer>';
    document.body.append(wrapper);
    const [a, b] = [...wrapper.querySelectorAll('herald-composer')] as unknown as Array<{
      herald: { stores: unknown };
    }>;
    expect(a!.herald.stores).to.exist;
    expect(a!.herald.stores).to.equal(b!.herald.stores);
    wrapper.remove();
  });

  it('the formatting toolbar is one tab stop; arrows, Home and End move along it', async () => {
    const { el } = await mount();
    await until(() => editorOf(el) && !$<HTMLButtonElement>(bodyOf(el), '[data-command="bold"]').disabled);
    await el.updateComplete;
    const tools = $$<HTMLButtonElement>(bodyOf(el), '[part="toolbar"] button');
    // Bold, italic, two lists, link, emoji and (issue 20 #9: the composer uploads images) Insert image.
    expect(tools.map((b) => b.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1, -1]);
    tools[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(bodyOf(el).shadowRoot!.activeElement).to.equal(tools[1]);
    await sendKeys({ press: 'End' });
    expect(bodyOf(el).shadowRoot!.activeElement?.getAttribute('data-command')).to.equal('image');
    await sendKeys({ press: 'ArrowRight' });
    expect(bodyOf(el).shadowRoot!.activeElement).to.equal(tools[0]);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect($$<HTMLButtonElement>(bodyOf(el), '[part="toolbar"] button').map((b) => b.tabIndex)).to.deep.equal([
      -1, -1, -1, -1, -1, -1, 0,
    ]);
  });

  it('issue 23: urgency is one control, the priority (no "urgent" kind beside it)', async () => {
    const { el } = await mount();
    expect($$<HTMLInputElement>(el, 'input[name="kind"]').map((i) => i.value)).to.not.include('urgent');
    expect([...$<HTMLSelectElement>(el, '#priority').options].map((o) => o.value)).to.deep.equal([
      'normal',
      'high',
      'urgent',
    ]);
    expect($<HTMLSelectElement>(el, '#priority').disabled).to.equal(false);
  });

  it('recipient combobox: search, arrows, Enter, Escape, Backspace; counts and "reaches N"', async () => {
    const { el } = await mount();
    const input = $<HTMLInputElement>(el, '#recipients');
    expect(input.getAttribute('role')).to.equal('combobox');
    input.focus();
    fill(input, 'ji');
    await until(() => $$(el, '#recipient-results [role="option"][id]').length === 2);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
    expect(text($(el, '#option-0'))).to.equal('Department 技术部 总部/技术部 12 people');
    await sendKeys({ press: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).to.equal('option-1');
    expect($(el, '#option-1').getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' }); // wraps
    expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
    await sendKeys({ press: 'Escape' });
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowDown' }); // reopens
    await until(() => input.getAttribute('aria-expanded') === 'true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.have.length(1);
    await pickRecipient(el, 'zs');
    expect(chips(el)).to.deep.equal([chips(el)[0], '张三']);
    await until(() => text($(el, '#recipients-reach')).startsWith('Reaches'));
    const first = chips(el)[0];
    const reach = text($(el, '#recipients-reach'));
    expect(reach).to.equal(first === '技术部' ? 'Reaches 13 people' : 'Reaches 4 people');
    await expect(el).to.be.accessible();
    input.focus();
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal([first]);
  });

  it('departments toggle sub-departments (head count follows); contacts only for external messages', async function () {
    const { el } = await mount();
    await pickRecipient(el, 'jishubu');
    expect(text($(el, '[part="chip"]'))).to.contain('12 people');
    const toggle = $<HTMLInputElement>(el, '[part="chip"] input[type="checkbox"]');
    expect(toggle.checked).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(text($(el, '[part="chip"]'))).to.contain('4 people');
    await until(() => text($(el, '#recipients-reach')) === 'Reaches 4 people');

    const input = $<HTMLInputElement>(el, '#recipients');
    fill(input, '陈');
    await until(() => input.getAttribute('aria-expanded') === 'true');
    expect(text($(el, '#recipient-results'))).to.equal('Nothing matches.');
    $$<HTMLInputElement>(el, 'input[name="kind"]')
      .find((i) => i.value === 'external')!
      .click();
    fill(input, '陈');
    await until(() => $$(el, '#recipient-results [role="option"][id]').length === 1);
    expect(text($(el, '#option-0'))).to.equal('Contact 陈经理 华东贸易');
    await sendKeys({ press: 'Enter' });
    await until(() => text($(el, '#recipients-reach')) === 'Reaches 5 people');
    // Back to internal: the server refuses the contact, on its chip; external again clears it.
    $$<HTMLInputElement>(el, 'input[name="kind"]')
      .find((i) => i.value === 'internal')!
      .click();
    await until(() => $(el, '#chip-error-1'), 3000, 'contact refused');
    expect(text($(el, '#chip-error-1'))).to.equal('External contacts can only receive external messages.');
    expect(text($(el, '#recipients-error'))).to.equal('External contacts can only receive external messages.');
    $$<HTMLInputElement>(el, 'input[name="kind"]')
      .find((i) => i.value === 'external')!
      .click();
    await until(() => !$(el, '#chip-error-1') && $<HTMLElement>(el, '#recipients-error').hidden, 3000, 'cleared');
  });

  it('typing, bold and a bulleted list in the editor inside the shadow root, with the toolbar in step', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    editorOf(el).focus();
    await sendKeys({ type: 'Hello ' });
    await sendKeys({ press: 'Control+b' });
    await sendKeys({ type: 'world' });
    await el.updateComplete;
    expect($(bodyOf(el), '[data-command="bold"]').getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Control+b' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Control+Shift+8' });
    await sendKeys({ type: 'item' });
    await el.updateComplete;
    expect($(bodyOf(el), '[data-command="bulletList"]').getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' }); // leaves the list
    $<HTMLButtonElement>(bodyOf(el), '[data-command="orderedList"]').click();
    await sendKeys({ type: 'first' });
    await el.updateComplete;
    expect(stateOf(el).body).to.deep.equal({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'world', marks: [{ type: 'bold' }] },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }],
        },
        {
          type: 'orderedList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }] }],
        },
      ],
    });
  });

  it('pasted web content keeps structure and loses styles and unknown nodes', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    const editor = (bodyOf(el) as unknown as { editor: { editor: { view: { pasteHTML(html: string): void } } } })
      .editor;
    editorOf(el).focus();
    editor.editor.view.pasteHTML(
      '<h1 style="color:red">Title</h1><p><span style="font-size:30px"><b>Bold</b></span> <u>under</u> ' +
        '<s>gone</s></p><blockquote>Quote</blockquote><pre><code>x=1</code></pre>',
    );
    await el.updateComplete;
    const body = stateOf(el).body;
    expect(JSON.stringify(body)).not.to.match(/heading|underline|strike|blockquote|codeBlock|style/);
    expect(body.content[0]).to.deep.equal({ type: 'paragraph', content: [{ type: 'text', text: 'Title' }] });
    expect(body.content[1]!.content![0]).to.deep.equal({ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] });
  });

  it('an @mention picks a member from the suggestion list with the keyboard', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    editorOf(el).focus();
    await sendKeys({ type: 'Hi @li' });
    await until(() => $$(bodyOf(el), '#mentions [role="option"][id]').length, 3000, 'mention list');
    expect($$(bodyOf(el), '#mentions [role="option"][id]').map((o) => text(o))).to.deep.equal([
      '李四 E1002 · 前端组',
      'Alice Chen E1004 · 市场部',
      'Bob Li E1007 · 销售部',
    ]);
    expect(editorOf(el).getAttribute('aria-activedescendant')).to.equal('mentions-0');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(editorOf(el).getAttribute('aria-activedescendant')).to.equal('mentions-1');
    await sendKeys({ press: 'Enter' });
    await until(() => !$(bodyOf(el), '#mentions'));
    expect(stateOf(el).body.content[0]).to.deep.equal({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Hi ' },
        { type: 'mention', attrs: { id: 'm-E1004', label: 'Alice Chen' } },
        { type: 'text', text: ' ' },
      ],
    });
  });

  it('links: http(s)/mailto through the inline form; javascript: can never become a link', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    editorOf(el).focus();
    $<HTMLButtonElement>(bodyOf(el), '[data-command="link"]').click();
    await until(() => $(bodyOf(el), '#link-url'));
    fill($<HTMLInputElement>(bodyOf(el), '#link-url'), 'javascript:alert(1)');
    $<HTMLButtonElement>(bodyOf(el), '#link-apply').click();
    await bodyOf(el).updateComplete;
    expect(text($(bodyOf(el), '#link-error'))).to.equal('Only http, https and mailto links are allowed.');
    expect($(bodyOf(el), '#link-url').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    const editor = (
      bodyOf(el) as unknown as {
        editor: { setLink(h: string): boolean; editor: { view: { pasteHTML(h: string): void } } };
      }
    ).editor;
    expect(editor.setLink('javascript:alert(1)')).to.equal(false);
    expect(editor.setLink('data:text/html,<script>')).to.equal(false);
    fill($<HTMLInputElement>(bodyOf(el), '#link-url'), 'example.com/a');
    $<HTMLButtonElement>(bodyOf(el), '#link-apply').click();
    await el.updateComplete;
    expect($(bodyOf(el), '#link-url')).to.equal(null);
    editorOf(el).focus();
    editor.editor.view.pasteHTML('<p><a href="javascript:alert(2)">bad</a> <a href="https://ok.example/">ok</a></p>');
    await el.updateComplete;
    const json = JSON.stringify(stateOf(el).body);
    expect(json).not.to.contain('javascript');
    expect(json).to.match(/"text":"bad ?"}/);
    expect(json).to.contain(
      '{"type":"text","text":"ok","marks":[{"type":"link","attrs":{"href":"https://ok.example/"}}]}',
    );
    expect(json).to.contain('"marks":[{"type":"link","attrs":{"href":"https://example.com/a"}}]');
  });

  it('emoji are inserted as text from the toolbar grid', async () => {
    const { el } = await mount();
    await until(() => editorOf(el));
    editorOf(el).focus();
    $<HTMLButtonElement>(bodyOf(el), '[data-command="emoji"]').click();
    await el.updateComplete;
    expect($(bodyOf(el), '#emoji-grid').hidden).to.equal(false);
    $$<HTMLButtonElement>(bodyOf(el), '#emoji-grid button')
      .find((b) => b.textContent === '👍')!
      .click();
    await el.updateComplete;
    expect(stateOf(el).body.content[0]).to.deep.equal({ type: 'paragraph', content: [{ type: 'text', text: '👍' }] });
    expect($(bodyOf(el), '#emoji-grid').hidden).to.equal(true);
  });

  it('refuses an oversize file before uploading (no request made)', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#files'));
    const big = new File([new Uint8Array(51 * 1024 * 1024)], 'video.mp4', { type: 'video/mp4' });
    el.addFiles([big]);
    await el.updateComplete;
    expect(text($(el, '[part="file"].invalid .field-error'))).to.equal(
      'video.mp4 is larger than 50 MB and was not uploaded.',
    );
    expect(backend.calls.filter((c) => c.path === '/attachments')).to.have.length(0);
    expect(text($(el, '#upload-status'))).to.equal('video.mp4 is larger than 50 MB and was not uploaded.');
  });

  it('shows upload progress, then the attached file; cancel and remove; server refusals per file', async () => {
    const { el, backend } = await mount({ uploadMs: 600, refuseNames: ['run.exe'] });
    await until(() => $(el, '#files'));
    el.addFiles([new File(['x'.repeat(4000)], 'plan.pdf', { type: 'application/pdf' })]);
    await el.updateComplete;
    const progress = () => $<HTMLProgressElement>(el, '[part="file"] progress');
    expect(progress().getAttribute('aria-label')).to.equal('Upload progress of plan.pdf');
    await until(() => progress() && progress().value > 0 && progress().value < 100, 3000, 'partial progress');
    expect(text($(el, '#upload-status'))).to.match(/^Uploading plan\.pdf: \d+%$/);
    await until(() => !progress(), 3000, 'upload done');
    expect(text($(el, '[part="file"]'))).to.match(/^plan\.pdf 3\.9 kB/);
    expect(text($(el, '#upload-status'))).to.equal('plan.pdf is attached.');

    el.addFiles([new File(['MZ'], 'run.exe')]);
    await until(() => $(el, '[part="file"].invalid'), 3000, 'refusal');
    expect(text($(el, '[part="file"].invalid .field-error'))).to.equal(
      'This kind of file cannot be attached (programs, scripts, HTML and SVG are refused).',
    );

    el.addFiles([new File(['y'.repeat(100)], 'slow.txt')]);
    await until(() => $(el, '[part="file"] progress'));
    $<HTMLButtonElement>(el, '[aria-label="Cancel upload of slow.txt"]').click();
    await el.updateComplete;
    expect(text($(el, '#upload-status'))).to.equal('Upload of slow.txt cancelled.');
    expect($$(el, '[part="file"]').map((f) => f.querySelector('.file-name')!.textContent)).to.deep.equal([
      'plan.pdf',
      'run.exe',
    ]);
    await expect(el).to.be.accessible();

    const id = [...backend.attachments.keys()][0]!;
    $<HTMLButtonElement>(el, '[aria-label="Remove plan.pdf"]').click();
    await until(() => !backend.attachments.has(id), 3000, 'DELETE /attachments/{id}');
  });

  it('saves a draft ~1 s after changes and restores it in a new element; discard deletes it', async function () {
    const backend = createMockMessaging();
    const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
    const stores = createStores(client);
    const first = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client, stores);
    await pickRecipient(first.el, 'zs');
    fill($<HTMLInputElement>(first.el, '#subject'), 'Draft subject');
    await until(() => editorOf(first.el));
    editorOf(first.el).focus();
    await sendKeys({ type: 'Body text' });
    await until(
      () => backend.drafts.length === 1 && (backend.drafts[0]!.data as { subject: string }).subject === 'Draft subject',
      4000,
      'draft saved',
    );
    await until(() => JSON.stringify(backend.drafts[0]!.data).includes('Body text'), 4000, 'body saved');
    expect(backend.calls.filter((c) => c.path === '/drafts' && c.method === 'POST')).to.have.length(1);
    first.wrapper.remove();

    const second = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client, stores);
    await until(() => $<HTMLInputElement>(second.el, '#subject').value === 'Draft subject', 3000, 'restored');
    expect(chips(second.el)).to.deep.equal(['张三']);
    await until(() => editorOf(second.el)?.textContent === 'Body text', 3000, 'restored body');
    expect(text($(second.el, '#draft-status'))).to.equal('Your draft was restored.');
    $<HTMLButtonElement>(second.el, '#discard').click();
    await until(() => backend.drafts.length === 0, 3000, 'draft deleted');
    await until(() => $<HTMLInputElement>(second.el, '#subject').value === '');
    expect(chips(second.el)).to.deep.equal([]);
    expect(text($(second.el, '#draft-status'))).to.equal('Draft discarded.');
  });

  it('checks required fields before sending, linked with aria-describedby', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#send'));
    $<HTMLButtonElement>(el, '#send').click();
    await el.updateComplete;
    expect(text($(el, '#recipients-error'))).to.equal('Choose at least one recipient.');
    expect(text($(el, '#subject-error'))).to.equal('Enter a subject.');
    expect($(el, '#subject').getAttribute('aria-describedby')).to.contain('subject-error');
    expect($(el, '#subject').getAttribute('aria-invalid')).to.equal('true');
    expect(backend.calls.filter((c) => c.path === '/messages')).to.have.length(0);
    await expect(el).to.be.accessible();
    fill($<HTMLSelectElement>(el, '#expiry'), 'at');
    await el.updateComplete;
    const at = $<HTMLInputElement>(el, '#expires-at');
    at.value = '2020-01-01T10:00';
    at.dispatchEvent(new Event('change'));
    fill($<HTMLInputElement>(el, '#due'), '');
    $<HTMLButtonElement>(el, '#send').click();
    await el.updateComplete;
    expect(text($(el, '#expiry-error'))).to.equal('Choose a date and time in the future.');
    expect(at.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#due-error'))).to.equal('');
  });

  it('preview shows what recipients will see with counts per entry, and sends from there', async function () {
    const { el, backend } = await mount();
    await fillValid(el);
    $<HTMLInputElement>(el, '#receipt').click();
    fill($<HTMLSelectElement>(el, '#expiry'), '24h');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await until(
      // The dialog comes with its chunk, loaded when Preview is first pressed.
      () => !!$<HTMLDialogElement>(el, 'dialog#preview')?.open && text($(el, '.preview-total')) === '13 people in all',
      3000,
      'preview',
    );
    const dialog = $<HTMLDialogElement>(el, 'dialog#preview');
    expect(text(dialog.querySelector('.preview-subject'))).to.equal('Typhoon drill');
    expect(text(dialog.querySelector('.preview-body'))).to.equal('Meet at 10.');
    expect([...dialog.querySelectorAll('.preview-recipients li')].map(text)).to.deep.equal([
      'Member: 张三 1 person',
      'Department: 技术部 12 people',
    ]);
    expect([...dialog.querySelectorAll('.preview-properties li')].map(text)).to.deep.equal([
      'Receipt confirmation required',
      'Expires 24 hours after delivery',
    ]);
    await expect(el).to.be.accessible();
    const sent = oneEvent(el, 'herald-message-sent');
    (dialog.querySelector('#preview-send') as HTMLButtonElement).click();
    const event = await sent;
    expect(event.detail.recipientCount).to.equal(13);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(text($(el, '#form-status'))).to.equal('Sent to 13 people.');
    expect(dialog.open).to.equal(false);
    const body = backend.sent[0]!.body;
    expect(body).to.deep.include({
      kind: 'internal',
      priority: 'normal',
      subject: 'Typhoon drill',
      receiptRequired: true,
      expiresInMinutes: 1440,
      expiresAt: null,
      dueAt: null,
      attachmentIds: [],
    });
    expect(body.audience).to.deep.equal([
      { kind: 'member', targetId: 'm-E1001' },
      { kind: 'department', targetId: 'd2', includeSubdepartments: true },
    ]);
    expect(body.body).to.deep.equal({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Meet at 10.' }] }],
    });
    // The form is reset for the next message.
    expect($<HTMLInputElement>(el, '#subject').value).to.equal('');
    expect(chips(el)).to.deep.equal([]);
  });

  it(
    'retries a send after a network error with the same Idempotency-Key; a new message gets a new ' + 'one',
    async function () {
      const backend = createMockMessaging();
      let failNext = true;
      const flaky: typeof fetch = async (input, init) => {
        if (String(input).endsWith('/api/v1/messages') && init?.method === 'POST' && failNext) {
          failNext = false;
          backend.calls.push({ method: 'POST', path: '/messages (lost)', headers: new Headers(init.headers) });
          throw new TypeError('Failed to fetch');
        }
        return backend.fetch(input, init);
      };
      const client = createHeraldClient({ baseUrl: location.origin, fetch: flaky, xhr: backend.xhr });
      const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client);
      await fillValid(el);
      $<HTMLButtonElement>(el, '#send').click();
      await until(
        () => text($(el, '#form-status')) === 'The message was not sent. Try again: it will not be sent twice.',
        3000,
        'network error',
      );
      expect((el as unknown as { sending: boolean }).sending).to.equal(false);
      const sent = oneEvent(el, 'herald-message-sent');
      $<HTMLButtonElement>(el, '#send').click();
      await sent;
      const keys = backend.calls
        .filter((c) => c.path.startsWith('/messages') && c.path !== '/messages/audience')
        .map((c) => c.headers.get('idempotency-key'));
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.have.length.greaterThan(10);
      expect(keys[1]).to.equal(keys[0]);
      await fillValid(el);
      $<HTMLButtonElement>(el, '#send').click();
      await until(() => backend.sent.length === 2);
      expect(backend.sent[1]!.key).not.to.equal(keys[0]);
    },
  );

  it('shows server validation errors next to the fields they name, translated', async function () {
    const { el } = await mount(
      {
        sendErrors: [
          { path: 'subject', code: 'too-long', message: 'Too long' },
          { path: 'audience.1.targetId', code: 'unknown-department', message: 'Unknown department' },
          { path: 'body.content.0.content.0.marks.0.attrs.href', code: 'link-blocked', message: 'Blocked' },
        ],
      },
      'zh-CN',
    );
    await fillValid(el);
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '#subject-error')), 3000, 'errors');
    expect(text($(el, '#subject-error'))).to.equal('太长。');
    expect(text($(el, '#recipients-error'))).to.equal('部门不存在。');
    expect(text($(el, '#chip-error-1'))).to.equal('部门不存在。');
    expect($$(el, '[part="chip"]')[1]!.getAttribute('aria-describedby')).to.equal('chip-error-1');
    expect(text($(bodyOf(el), '#error'))).to.equal('禁止链接到此网站。');
    expect(editorOf(el).getAttribute('aria-describedby')).to.equal('error');
    expect(text($(el, '#form-status'))).to.equal('部分内容需要修改。');
    await expect(el).to.be.accessible();
  });

  it('says when a message waits for approval', async function () {
    const { el } = await mount({ approval: true });
    await fillValid(el);
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    expect((await sent).detail.status).to.equal('pending-approval');
    expect(text($(el, '#form-status'))).to.equal('Waiting for approval — nobody receives it until it is approved.');
  });
});
