// Issue 20 #9: images in the text. A real PNG pasted, dropped or picked is uploaded through the host's callback and
// shown inline from the local file; its alt text (the file name by default) is edited in a labelled field; the
// document holds the attachment id and alt text only. Both locales; axe.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { $, $$, fill, until } from '@herald/client/testing/mount';
import { loadCatalogues } from '@herald/core';
import type { RichDoc } from '@herald/rich-text';
import type { HeraldRichTextEditor, UploadedImage } from '../rich-text-editor.js';
import { richTextEditorStrings } from '../i18n/index.js';
import { imageStrings } from './i18n/index.js';
import '../define.js';

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const png = (name = 'chart.png') => new File([PNG], name, { type: 'image/png' });
const editable = (el: HeraldRichTextEditor) => $(el, '#editor .ProseMirror');
const imagesIn = (doc: RichDoc) =>
  doc.content.flatMap((b) => (b.type === 'paragraph' ? (b.content ?? []) : [])).filter((n) => n.type === 'image');

function paste(el: HeraldRichTextEditor, ...files: File[]) {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  editable(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

async function mount(locale = 'en', upload?: (file: File) => Promise<UploadedImage>) {
  const el = await fixture<HeraldRichTextEditor>(
    html`<herald-rich-text-editor locale=${locale} .uploadImage=${upload}></herald-rich-text-editor>`,
  );
  el.focus();
  await until(() => el.ready && editable(el), 20_000, 'the editor');
  await el.updateComplete;
  return el;
}

describe('<herald-rich-text-editor> images (issue 20 #9)', () => {
  before(async function () {
    await import('../tiptap-editor.js');
    await loadCatalogues('en', [richTextEditorStrings, imageStrings]);
    await loadCatalogues('zh-CN', [richTextEditorStrings, imageStrings]);
  });

  it('uploads a pasted PNG, shown inline from the file; the document holds its id, the file name as alt', async () => {
    const uploaded: File[] = [];
    const el = await mount('en', async (file) => {
      uploaded.push(file);
      return { id: 'att-1', name: file.name, contentType: 'image/png' };
    });
    editable(el).focus();
    paste(el, png());
    await until(() => imagesIn(el.value).length === 1, 20_000, 'the image in the document');
    expect(uploaded.map((f) => f.name)).to.deep.equal(['chart.png']);
    expect(imagesIn(el.value)[0]).to.deep.equal({ type: 'image', attrs: { attachmentId: 'att-1', alt: 'chart.png' } });
    const img = $<HTMLImageElement>(el, '#editor img.inline-image');
    await until(() => img.complete && img.naturalWidth === 1, 20_000, 'the picture decoded');
    expect(img.src).to.match(/^blob:/);
    expect(img.alt).to.equal('chart.png');
    await el.updateComplete;
    expect($(el, '#image-status').textContent).to.contain('Image chart.png inserted');
    // The alt-text field of the image just inserted: labelled, Enter applies it.
    const field = $<HTMLInputElement>(el, '#image-alt');
    expect($(el, 'label[for="image-alt"]').textContent).to.contain('Image description');
    expect(field.value).to.equal('chart.png');
    await expect(el).to.be.accessible();
    field.focus();
    fill(field, 'Q3 sales by region');
    await sendKeys({ press: 'Enter' });
    await until(() => imagesIn(el.value)[0]?.attrs.alt === 'Q3 sales by region', 20_000, 'the alt text applied');
    expect($<HTMLImageElement>(el, '#editor img.inline-image').alt).to.equal('Q3 sales by region');
  });

  it('takes only PNG, JPEG, GIF and WebP: another file pasted is not uploaded, and says why', async () => {
    let calls = 0;
    const el = await mount('en', async () => (calls++, { id: 'x', name: 'x', contentType: 'application/pdf' }));
    paste(el, new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' }));
    await until(() => $(el, '#image-status').textContent?.includes('Only PNG'), 20_000, 'the refusal said');
    expect(calls).to.equal(0);
    // A file that claimed to be PNG but the server sniffed otherwise stays out of the text.
    paste(el, png('fake.png'));
    await until(() => calls === 1 && $(el, '#image-status').textContent?.includes('Only PNG'), 20_000, 'refused');
    expect(imagesIn(el.value)).to.have.length(0);
  });

  it('says a failed upload in the status line, in Chinese too', async () => {
    const el = await mount('zh-CN', async () => {
      throw { detail: '文件过大' };
    });
    expect($(el, 'button[data-command="image"]').getAttribute('aria-label')).to.equal('插入图片');
    paste(el, png('图.png'));
    await until(
      () => $(el, '#image-status').textContent?.includes('图片 图.png 无法添加：文件过大'),
      20_000,
      'failure',
    );
    await expect(el).to.be.accessible();
  });

  it('has an "Insert image" toolbar button only when the host can upload; it reaches the file picker', async () => {
    const plain = await mount('en');
    expect($$(plain, 'button[data-command="image"]')).to.have.length(0);
    const el = await mount('en', async (file) => ({ id: 'att-2', name: file.name, contentType: 'image/png' }));
    const button = $<HTMLButtonElement>(el, 'button[data-command="image"]');
    expect(button.getAttribute('aria-label')).to.equal('Insert image');
    expect(button.disabled).to.equal(false);
    // The file picker is opened by the button (a detached input: nothing hidden in the page).
    const click = HTMLInputElement.prototype.click;
    let picker: HTMLInputElement | undefined;
    HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
      picker = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the input the button opened
    };
    try {
      button.click();
    } finally {
      HTMLInputElement.prototype.click = click;
    }
    expect(picker?.type).to.equal('file');
    expect(picker!.accept).to.equal('image/png,image/jpeg,image/gif,image/webp');
    // What the picker hands over goes the same way as a paste.
    const data = new DataTransfer();
    data.items.add(png('picked.png'));
    picker!.files = data.files;
    picker!.dispatchEvent(new Event('change'));
    await until(() => imagesIn(el.value).length === 1, 20_000, 'the picked image');
    expect(imagesIn(el.value)[0]!.attrs).to.deep.equal({ attachmentId: 'att-2', alt: 'picked.png' });
  });

  it('shows an image already in the text through loadImage (a restored draft), never from a URL', async () => {
    const asked: string[] = [];
    const el = await mount('en');
    el.loadImage = async (id) => (asked.push(id), new Blob([PNG], { type: 'image/png' }));
    el.value = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { attachmentId: 'att-9', alt: 'plan' } }] }],
    } as RichDoc;
    await until(() => $<HTMLImageElement>(el, '#editor img.inline-image')?.naturalWidth === 1, 20_000, 'loaded');
    expect(asked).to.deep.equal(['att-9']);
    expect($<HTMLImageElement>(el, '#editor img.inline-image').alt).to.equal('plan');
  });
});
