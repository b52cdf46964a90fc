// <herald-composer> against the real Herald test server (proxied at /api/ by the root wtr config), signed in as
// `wtr-admin` (organisation admin + external sender). Skipped when there is no test server.
import { expect, html, oneEvent } from '@open-wc/testing';
import { createHeraldClient, createStores, type HeraldClient } from '@herald/client';
import { ComposerApi } from '../api/composer-api.js';
import { $, $$, fill, mountWith, realClient, until } from '../testing/mount.js';
import { sendKeys } from '@herald/client/testing/keys';
import type { Attachment, AudienceEntry } from '../api/types.js';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import type { HeraldComposer } from './composer.js';
import './define.js';

/** The body's <herald-rich-text-editor>, and its editable once Tiptap has loaded. */
const bodyOf = (el: HTMLElement) => $<HeraldRichTextEditor>(el, 'herald-rich-text-editor');
const editorOf = (el: HTMLElement) => $(bodyOf(el), '#editor .ProseMirror');
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function pick(el: HTMLElement, query: string, name: string) {
  const input = $<HTMLInputElement>(el, '#recipients');
  input.focus();
  fill(input, query);
  await until(
    () => $$(el, '#recipient-results [role="option"][id]').some((o) => text(o).includes(name)),
    5000,
    `hit ${name}`,
  );
  const index = $$(el, '#recipient-results [role="option"][id]').findIndex((o) => text(o).includes(name));
  for (let i = 0; i < index; i++) await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await until(() => $$(el, '[part="chip"]').some((c) => text(c).includes(name.replace(/^部门 /, ''))));
}

/** Deletes the signed-in member's drafts, so that each test starts empty. */
async function clearDrafts(client: HeraldClient) {
  const api = new ComposerApi(client);
  for (const d of await api.drafts()) await api.deleteDraft(d.id);
}

describe('<herald-composer> against the real server', () => {
  let client: HeraldClient | null;
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
    client = await realClient();
  });
  beforeEach(async function () {
    if (!client) return this.skip();
    await clearDrafts(client);
  });

  it(
    'sends a rich message with an uploaded attachment to a member found by pinyin, via the ' + 'preview',
    async function () {
      const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!);
      expect($$<HTMLInputElement>(el, 'input[name="kind"]').map((i) => i.value)).to.deep.equal([
        'internal',
        'external',
      ]);
      await pick(el, 'zhangsan', '张三');
      await until(() => text($(el, '#recipients-reach')) === 'Reaches 1 person', 5000, 'reach');
      fill($<HTMLInputElement>(el, '#subject'), `Composer e2e ${Date.now()}`);
      await until(() => editorOf(el));
      editorOf(el).focus();
      await sendKeys({ type: 'Hello ' });
      await sendKeys({ press: 'Control+b' });
      await sendKeys({ type: 'team' });
      await sendKeys({ press: 'Control+b' });
      el.addFiles([new File(['Agenda\n1. drill\n'], 'agenda.txt', { type: 'text/plain' })]);
      await until(() => $$(el, '[part="file"]').length === 1 && !$(el, '[part="file"] progress'), 10_000, 'upload');
      expect(text($(el, '#upload-status'))).to.equal('agenda.txt is attached.');
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await until(() => text($(el, '.preview-total')) === '1 person in all', 5000, 'preview count');
      expect([...$(el, 'dialog#preview').querySelectorAll('.preview-recipients li')].map(text)).to.deep.equal([
        'Member: 张三 1 person',
      ]);
      expect($(el, '.preview-body strong')?.textContent ?? $(el, '.preview-body b')?.textContent).to.equal('team');
      await expect(el).to.be.accessible();
      const sent = oneEvent(el, 'herald-message-sent');
      $<HTMLButtonElement>(el, '#preview-send').click();
      const message = (await sent).detail;
      expect(message.status).to.equal('sent');
      expect(message.recipientCount).to.equal(1);
      expect(message.attachments.map((a: Attachment) => a.name)).to.deep.equal(['agenda.txt']);
      expect(message.body).to.deep.equal({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Hello ' },
              { type: 'text', text: 'team', marks: [{ type: 'bold' }] },
            ],
          },
        ],
      });
      expect(text($(el, '#form-status'))).to.equal('Sent to 1 person.');
    },
  );

  it(
    'issue 23: urgency is said once, the receipt is an option (not an attachment), and after an urgent send the ' +
      'composer is back to its defaults',
    async function () {
      const { el } = await mountWith<HeraldComposer>(html`<herald-composer locale="zh-CN"></herald-composer>`, client!);
      expect($$<HTMLInputElement>(el, 'input[name="kind"]').map((i) => i.value)).to.deep.equal([
        'internal',
        'external',
      ]);
      await pick(el, 'zhangsan', '张三');
      fill($<HTMLInputElement>(el, '#subject'), `机房断电 ${Date.now()}`);
      const priority = $<HTMLSelectElement>(el, '#priority');
      priority.value = 'urgent';
      priority.dispatchEvent(new Event('change'));
      $<HTMLInputElement>(el, '#receipt').click();
      await el.updateComplete;
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await until(() => text($(el, '.preview-total')) === '共 1 人', 5000, 'preview count');
      const meta = text($(el, '.preview-meta'));
      expect(meta.match(/紧急/g), meta).to.have.length(1);
      expect(meta).to.contain('内部 · 紧急');
      // The receipt is listed under the options' heading; the attachments say there are none.
      const headings = [...$(el, 'dialog#preview').querySelectorAll('h5')].map(text);
      expect(headings).to.deep.equal(['附件', '选项']);
      expect(text($(el, '.preview-properties'))).to.equal('需要确认收到');
      await expect(el).to.be.accessible();
      const sent = oneEvent(el, 'herald-message-sent');
      $<HTMLButtonElement>(el, '#preview-send').click();
      const message = (await sent).detail;
      expect([message.kind, message.priority, message.receiptRequired]).to.deep.equal(['urgent', 'urgent', true]);
      await el.updateComplete;
      // The next message starts as an ordinary one.
      expect($<HTMLSelectElement>(el, '#priority').value).to.equal('normal');
      expect($<HTMLInputElement>(el, '#receipt').checked).to.equal(false);
      expect($$<HTMLInputElement>(el, 'input[name="kind"]').find((i) => i.checked)?.value).to.equal('internal');
    },
  );

  it(
    "issue 23: the reach says why it is lower than a department's head count (the sender is left " + 'out)',
    async function () {
      const { el } = await mountWith<HeraldComposer>(html`<herald-composer locale="zh-CN"></herald-composer>`, client!);
      // wtr-admin belongs to the first department (web-test-runner.config.mjs).
      const departments = await (await client!.fetch(client!.url('/departments'))).json();
      const own = (departments.items ?? departments)[0];
      await pick(el, own.name, `部门 ${own.name}`);
      await until(() => text($(el, '#recipients-reach')).startsWith('将送达'), 5000, 'reach');
      expect(text($(el, '#recipients-reach'))).to.match(/^将送达 \d+ 人（不含您自己：发件人不会收到自己的消息）$/);
    },
  );

  it('restores the newest draft in a new element after a reload-like re-creation', async function () {
    const stores = createStores(client!);
    const first = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!, stores);
    await pick(first.el, 'zhangsan', '张三');
    fill($<HTMLInputElement>(first.el, '#subject'), 'Unsent thoughts');
    await until(() => editorOf(first.el));
    editorOf(first.el).focus();
    await sendKeys({ type: 'Keep me' });
    const api = new ComposerApi(client!);
    const end = Date.now() + 6000;
    let saved = false;
    while (!saved && Date.now() < end) {
      const [draft] = await api.drafts<{ subject: string; body: unknown }>();
      saved =
        !!draft && draft.data.subject === 'Unsent thoughts' && JSON.stringify(draft.data.body).includes('Keep me');
      if (!saved) await new Promise((r) => setTimeout(r, 200));
    }
    expect(saved, 'draft saved on the server').to.equal(true);
    first.wrapper.remove();
    const second = await mountWith<HeraldComposer>(
      html`<herald-composer locale="zh-CN"></herald-composer>`,
      client!,
      stores,
    );
    await until(() => $<HTMLInputElement>(second.el, '#subject').value === 'Unsent thoughts', 5000, 'restored subject');
    await until(() => editorOf(second.el)?.textContent === 'Keep me', 5000, 'restored body');
    expect(text($(second.el, '#draft-status'))).to.equal('已恢复您的草稿。');
    await expect(second.el).to.be.accessible();
    // Sending passes draftId: the server deletes the draft with the send.
    const sent = oneEvent(second.el, 'herald-message-sent');
    $<HTMLButtonElement>(second.el, '#send').click();
    await sent;
    expect(await api.drafts()).to.deep.equal([]);
  });

  it('issue 20 #2: openDraft() continues an older draft; sending it removes that draft only', async function () {
    const api = new ComposerApi(client!);
    const body = (t: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
    });
    const older = await api.createDraft({ v: 1, kind: 'internal', subject: 'Older draft', body: body('from before') });
    await api.createDraft({ v: 1, kind: 'internal', subject: 'Newer draft', body: body('just now') });
    const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!);
    await until(() => $<HTMLInputElement>(el, '#subject').value === 'Newer draft', 5000, 'the newest restored');
    await el.openDraft(older.id);
    await until(() => $<HTMLInputElement>(el, '#subject').value === 'Older draft', 5000, 'the older one continued');
    await until(() => editorOf(el)?.textContent === 'from before', 5000, 'its body');
    await pick(el, 'zhangsan', '张三');
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    await sent;
    expect((await api.drafts<{ subject: string }>()).map((d) => d.data.subject)).to.deep.equal(['Newer draft']);
    await clearDrafts(client!);
  });

  it('a retry after a lost answer reuses the Idempotency-Key: one message, not two', async function () {
    const keys: string[] = [];
    let loseNext = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/api/v1/messages') && init?.method === 'POST') {
        keys.push(new Headers(init.headers).get('idempotency-key') ?? '');
        if (loseNext) {
          loseNext = false;
          throw new TypeError('Failed to fetch'); // sent and stored, but the answer never arrived
        }
      }
      return response;
    };
    const lossyClient = createHeraldClient({ baseUrl: location.origin, fetch: lossy });
    await lossyClient.me(); // the page's cookie session (signed in by realClient), and its CSRF token
    await clearDrafts(lossyClient);
    const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, lossyClient);
    await pick(el, 'zhangsan', '张三');
    const subject = `Retry ${Date.now()}`;
    fill($<HTMLInputElement>(el, '#subject'), subject);
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '#form-status')).startsWith('The message was not sent'), 5000, 'lost answer');
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    const message = (await sent).detail;
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(message.subject).to.equal(subject);
    // Exactly one message with this subject reached 张三's side: the sender's view of it is the same id both times.
    const replay = await lossyClient.fetch(lossyClient.url('/messages'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': keys[0]! },
      body: JSON.stringify({
        kind: 'internal',
        subject: 'different',
        body: { type: 'doc', content: [{ type: 'paragraph' }] },
        audience: message.audience.map((a: AudienceEntry) => ({ kind: a.kind, targetId: a.targetId })),
      }),
    });
    expect(replay.status).to.equal(422);
  });

  it("shows the server's link-blocked error at the body, translated", async function () {
    const settings = await client!.fetch(client!.url('/settings/messaging'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ linkBlocklist: ['blocked.example'] }),
    });
    expect(settings.ok, 'settings updated').to.equal(true);
    try {
      const { el } = await mountWith<HeraldComposer>(html`<herald-composer locale="zh-CN"></herald-composer>`, client!);
      await pick(el, 'zhangsan', '张三');
      fill($<HTMLInputElement>(el, '#subject'), 'Link check');
      await until(() => editorOf(el));
      editorOf(el).focus();
      $<HTMLButtonElement>(bodyOf(el), '[data-command="link"]').click();
      await until(() => $(bodyOf(el), '#link-url'));
      fill($<HTMLInputElement>(bodyOf(el), '#link-url'), 'https://www.blocked.example/x');
      $<HTMLButtonElement>(bodyOf(el), '#link-apply').click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, '#send').click();
      await until(() => text($(bodyOf(el), '#error')), 5000, 'field error');
      expect(text($(bodyOf(el), '#error'))).to.equal('禁止链接到此网站。');
      expect(text($(el, '#form-status'))).to.equal('部分内容需要修改。');
      // Issue 23: an error summary is shown as an error (red), never on the success bar.
      expect($(el, '#form-status').classList.contains('error')).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await client!.fetch(client!.url('/settings/messaging'), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ linkBlocklist: [] }),
      });
    }
  });

  it('the server refuses an executable upload (415), shown on that file', async function () {
    const { el } = await mountWith<HeraldComposer>(html`<herald-composer></herald-composer>`, client!);
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
    el.addFiles([new File([elf], 'tool.bin')]);
    await until(() => $(el, '[part="file"].invalid'), 10_000, 'refusal');
    expect(text($(el, '[part="file"].invalid .field-error'))).to.equal(
      'This kind of file cannot be attached (programs, scripts, HTML and SVG are refused).',
    );
  });

  it('issue 20 #9: a PNG pasted in the text is uploaded, shown, listed and sent inline (zh-CN)', async function () {
    const { el } = await mountWith<HeraldComposer>(html`<herald-composer locale="zh-CN"></herald-composer>`, client!);
    await pick(el, 'zhangsan', '张三');
    fill($<HTMLInputElement>(el, '#subject'), `图表 ${Date.now()}`);
    await until(() => editorOf(el), 20_000, 'the editor');
    editorOf(el).focus();
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    );
    const data = new DataTransfer();
    data.items.add(new File([png], '图表.png', { type: 'image/png' }));
    editorOf(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const img = () => $<HTMLImageElement>(bodyOf(el), '#editor img.inline-image');
    await until(() => img()?.naturalWidth === 2, 20_000, 'the pasted image shown');
    await until(() => $$(el, '[part="file"]').length === 1 && !$(el, '[part="file"] progress'), 10_000, 'listed');
    const [file] = $$(el, '[part="file"]');
    expect(text(file!)).to.contain('图表.png');
    expect(text($(bodyOf(el), '#image-status'))).to.contain('已插入图片 图表.png');
    expect($(bodyOf(el), 'label[for="image-alt"]').textContent).to.equal('图片说明（替代文本）');
    await expect(el).to.be.accessible();
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await until(() => $(el, 'dialog#preview[open]'), 5000, 'preview');
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#preview-send').click();
    const message = (await sent).detail;
    expect(message.status).to.equal('sent');
    const [attachment] = message.attachments as Attachment[];
    expect(attachment!.contentType).to.equal('image/png');
    expect(JSON.stringify(message.body)).to.contain(
      JSON.stringify({ type: 'image', attrs: { attachmentId: attachment!.id, alt: '图表.png' } }),
    );
  });
});
