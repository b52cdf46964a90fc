// Issue 17 item 2: when the server's storage fails, people read what happened in their language (core's catalogues),
// never "Something went wrong".
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fakeUploadXhr } from '@herald/client/testing/fake-upload';
import { problemResponse } from '@herald/client/test-helpers';
import { sendKeys } from '@herald/client/testing/keys';
import { createMockMessaging } from '../testing/mock-backend.js';
import { $, $$, fill, mountWith, until } from '../testing/mount.js';
import type { HeraldComposer } from './composer.js';
import './define.js';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A composer whose uploads answer `upload` and whose sends answer `send` (both as the server would). */
async function mountFailing(locale: string, upload: { status: number; code: string }, send: Response) {
  const backend = createMockMessaging();
  const failing: typeof fetch = async (input, init) =>
    String(input).endsWith('/api/v1/messages') && init?.method === 'POST' ? send.clone() : backend.fetch(input, init);
  const xhr = fakeUploadXhr({
    uploadMs: 40,
    answer: () => ({ status: upload.status, body: { code: upload.code, status: upload.status, title: 'x' } }),
  });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: failing, xhr });
  return (await mountWith<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, client)).el;
}

async function fillMessage(el: HeraldComposer) {
  const input = $<HTMLInputElement>(el, '#recipients');
  input.focus();
  fill(input, 'zhangsan');
  await until(() => $$(el, '#recipient-results [role="option"][id]').length, 3000, 'recipient results');
  await sendKeys({ press: 'Enter' });
  fill($<HTMLInputElement>(el, '#subject'), 'Disk drill');
  await until(() => $($(el, 'herald-rich-text-editor'), '#editor .ProseMirror'), 10_000, 'editor');
  $($(el, 'herald-rich-text-editor'), '#editor .ProseMirror').focus();
  await sendKeys({ type: 'Nothing is lost.' });
}

describe('<herald-composer> on a server whose storage fails (issue 17)', () => {
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor'); // the lazy editor chunk compiles once
  });

  it('an upload on a full disk (507) and a send during an I/O error (503) say so, in English', async function () {
    const el = await mountFailing(
      'en',
      { status: 507, code: 'storage-full' },
      problemResponse(503, 'storage-unavailable', { retryAfter: 30 }),
    );
    await until(() => $(el, '#files'));
    el.addFiles([new File(['x'.repeat(2000)], 'plan.pdf', { type: 'application/pdf' })]);
    await until(() => $(el, '[part="file"].invalid'), 3000, 'refused upload');
    expect(text($(el, '[part="file"].invalid .field-error'))).to.equal(
      "Herald's storage is full, so this was not saved. Tell your administrator; try again once space is freed.",
    );

    await fillMessage(el);
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '#form-status')).startsWith('Herald'), 3000, 'send refused');
    expect(text($(el, '#form-status'))).to.equal(
      'Herald cannot reach its storage right now, so this was not saved. Please try again in a moment.',
    );
    await expect(el).to.be.accessible();
  });

  it('in Chinese, a damaged database (503 storage-corrupt) asks to tell the administrator', async function () {
    const el = await mountFailing(
      'zh-CN',
      { status: 507, code: 'storage-full' },
      problemResponse(503, 'storage-corrupt'),
    );
    await until(() => $(el, '#files'));
    el.addFiles([new File(['y'.repeat(100)], '计划.pdf', { type: 'application/pdf' })]);
    await until(() => $(el, '[part="file"].invalid'), 3000, 'refused upload');
    expect(text($(el, '[part="file"].invalid .field-error'))).to.equal(
      'Herald 的存储空间已满，本次内容未保存。请告知管理员，腾出空间后再试。',
    );
    await fillMessage(el);
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '#form-status')).startsWith('Herald'), 3000, 'send refused');
    expect(text($(el, '#form-status'))).to.equal('Herald 的数据需要管理员修复，本次内容未保存。请告知管理员。');
  });
});
