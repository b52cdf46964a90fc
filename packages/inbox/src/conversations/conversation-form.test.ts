import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { $, fill, mountWith, until } from '@herald/client/testing/mount';
import './define.js';
import type { HeraldConversationForm } from './conversation-form.js';
import { createMockConversations, type MockOptions } from './testing/mock-backend.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const doc = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

async function mount(options: MockOptions = {}, locale = 'en') {
  const backend = createMockConversations({ as: 'contact', ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const { el } = await mountWith<HeraldConversationForm>(
    html`<herald-conversation-form locale=${locale}></herald-conversation-form>`,
    client,
  );
  await until(
    () => !$<HTMLSelectElement>(el, '#to').disabled || el.shadowRoot!.querySelector('[role="status"]'),
    5000,
    'the targets',
  );
  return { el, backend };
}

describe('<herald-conversation-form> (issue 19 #5)', () => {
  it('is accessible and offers the contact person and the service groups', async () => {
    const { el } = await mount();
    const options = [...$<HTMLSelectElement>(el, '#to').options].map((o) => [o.value, text(o)]);
    expect(options).to.deep.equal([
      ['owner', 'My contact person (Bob Li)'],
      ['g-after', '售后服务组'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('says what is missing, then sends subject, body, files and the chosen group', async () => {
    const { el, backend } = await mount();
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '[part="error"]')) === 'Write a subject.', 5000, 'the subject error');
    // Focus moves once the form's update has completed, which can be a render after the error first shows.
    await until(() => el.shadowRoot!.activeElement?.id === 'subject', 5000, 'focus on the subject');
    expect(el.shadowRoot!.activeElement?.id).to.equal('subject');
    fill($<HTMLInputElement>(el, '#subject'), '退货申请');
    fill($<HTMLSelectElement>(el, '#to'), 'g-after');
    const input = $<HTMLInputElement>(el, '#files');
    const files = new DataTransfer();
    files.items.add(new File(['破损照片'], 'photo.txt', { type: 'text/plain' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    const editor = $<HeraldRichTextEditor>(el, '#body');
    await until(() => editor.ready, 15_000, 'the editor');
    editor.value = doc('货物破损') as never;
    await until(() => text(el.shadowRoot!.querySelector('.files')).includes('✓'), 5000, 'the upload');
    const opened = oneEvent(el, 'herald-conversation-open');
    $<HTMLButtonElement>(el, '#send').click();
    const event = await opened;
    const post = backend.calls.find((c) => c.method === 'POST' && c.path === '/conversations')!;
    expect(post.body).to.deep.equal({
      to: 'group',
      groupId: 'g-after',
      subject: '退货申请',
      body: doc('货物破损'),
      attachmentIds: ['att-1'],
    });
    expect(post.headers?.get('idempotency-key'), 'a retry answers the first').to.match(/^[\w-]{8,}$/);
    expect(event.detail.conversationId).to.match(/^c-new/);
  });

  it('S7: a file taken off the form after its upload is deleted on the server', async () => {
    const { el, backend } = await mount();
    const input = $<HTMLInputElement>(el, '#files');
    const files = new DataTransfer();
    files.items.add(new File(['wrong'], 'wrong.txt', { type: 'text/plain' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await until(() => text(el.shadowRoot!.querySelector('.files')).includes('✓'), 5000, 'the upload');
    $<HTMLButtonElement>(el, '.files button').click();
    await until(
      () => backend.calls.some((c) => c.method === 'DELETE' && c.path === '/attachments/att-1'),
      5000,
      'the upload deleted',
    );
    expect(el.shadowRoot!.querySelector('.files li')).to.equal(null);
    // Cancel deletes what was uploaded too.
    const again = new DataTransfer();
    again.items.add(new File(['also wrong'], 'wrong-too.txt', { type: 'text/plain' }));
    input.files = again.files;
    input.dispatchEvent(new Event('change'));
    await until(() => text(el.shadowRoot!.querySelector('.files')).includes('✓'), 5000, 'the second upload');
    const cancelled = oneEvent(el, 'herald-conversation-cancel');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.buttons button')]
      .find((b) => b.textContent === 'Cancel')!
      .click();
    await cancelled;
    await until(
      () => backend.calls.some((c) => c.method === 'DELETE' && c.path === '/attachments/att-2'),
      5000,
      'the second upload deleted',
    );
  });

  it('S7: an upload cut short by leaving the page says so when back; without that file, it is sent', async () => {
    const { el, backend } = await mount({ uploadMs: Infinity });
    const input = $<HTMLInputElement>(el, '#files');
    const files = new DataTransfer();
    files.items.add(new File(['破损照片'], 'photo.txt', { type: 'text/plain' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await until(() => el.shadowRoot!.querySelector('.files progress'), 5000, 'the upload under way');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await until(() => el.shadowRoot!.querySelector('.files .error'), 5000, 'the interrupted upload named');
    expect(text(el.shadowRoot!.querySelector('.files .error'))).to.equal(
      'The upload was interrupted. Remove the file and attach it again.',
    );
    expect(el.shadowRoot!.querySelector('.files progress')).to.equal(null);
    fill($<HTMLInputElement>(el, '#subject'), '退货申请');
    const editor = $<HeraldRichTextEditor>(el, '#body');
    await until(() => editor.ready, 15_000, 'the editor');
    editor.value = doc('货物破损') as never;
    // Not sent without the file it still lists: the user removes it first.
    $<HTMLButtonElement>(el, '#send').click();
    await until(
      () =>
        text(el.shadowRoot!.querySelector('[part=error]')) ===
        'A file did not upload: remove it (or attach it again) before sending.',
      5000,
      'the refusal',
    );
    expect(backend.calls.some((c) => c.method === 'POST' && c.path === '/conversations')).to.equal(false);
    $<HTMLButtonElement>(el, '.files button').click();
    await until(() => !el.shadowRoot!.querySelector('.files li'), 5000, 'the file removed');
    const opened = oneEvent(el, 'herald-conversation-open');
    $<HTMLButtonElement>(el, '#send').click();
    await opened;
    const post = backend.calls.find((c) => c.method === 'POST' && c.path === '/conversations')!;
    expect(post.body.attachmentIds).to.equal(undefined);
  });

  it('in zh-CN, with nobody to write to, says so and cannot send', async () => {
    const { el } = await mount({ targets: { owner: null, groups: [] } }, 'zh-CN');
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal(
      '暂时没有可以联系的人，请通过其他方式联系我们。',
    );
    expect($(el, '#send').getAttribute('aria-disabled')).to.equal('true');
  });
});
