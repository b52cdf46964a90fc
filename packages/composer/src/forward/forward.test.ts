// Issue 20 #4: forwarding in <herald-composer> (its own lazy chunk), against the stubbed messaging back end.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { FORWARDABLE } from '../testing/mock-backend.js';
import { $, $$, fill, mountMock, until } from '../testing/mount.js';
import type { HeraldComposer } from '../composer/composer.js';
import { plainText } from './forward.js';
import * as stories from './forward.stories.js';
import '../composer/define.js';

const mount = (locale = 'en', options = {}) =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, options);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const forwardBlock = (el: HTMLElement) => $(el, 'section[part="forward"]');

async function pickRecipient(el: HTMLElement, query: string) {
  const input = $<HTMLInputElement>(el, '#recipients');
  input.focus();
  fill(input, query);
  // The list open from focusing the box closes on input: wait for that render before waiting for the new hits.
  await (el as HeraldComposer).updateComplete;
  await until(
    () => input.getAttribute('aria-expanded') === 'true' && $$(el, '#recipient-results [role="option"][id]').length,
    3000,
    `results for ${query}`,
  );
  await sendKeys({ press: 'Enter' });
  await until(() => $$(el, '[part="chip"]').length, 3000, `a chip for ${query}`);
}

describe('<herald-composer> forward (issue 20 #4)', () => {
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
  });

  it('forward(id) shows the original quoted, prefills the subject, focuses the recipients; accessible', async () => {
    const { el } = await mount();
    await until(() => $(el, '#recipients'), 4000, 'the form');
    await el.forward(FORWARDABLE.id);
    await until(() => forwardBlock(el), 4000, 'the forwarded message');
    const block = forwardBlock(el);
    expect(text(block)).to.contain('Forwarded from 王经理,');
    expect(text(block)).to.contain('Subject: 消防演练通知');
    expect($(el, '.forward-quote').textContent).to.equal('周五 10:00 演练，请在大厅集合。\nBring your badge.');
    expect($$(el, '.forward-files li').map((li) => li.textContent)).to.deep.equal(['路线图.pdf']);
    expect($<HTMLInputElement>(el, '#subject').value).to.equal('Fwd: 消防演练通知');
    expect(el.shadowRoot!.activeElement?.id).to.equal('recipients');
    await expect(el).to.be.accessible();
  });

  it('sends by POST /messages/{id}/forward with the note, locale, time zone; fires herald-message-sent', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#recipients'), 4000, 'the form');
    await el.forward(FORWARDABLE.id);
    await until(() => forwardBlock(el), 4000, 'the forwarded message');
    await pickRecipient(el, 'zhangsan');
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    await sent;
    const call = backend.calls.find((c) => c.method === 'POST' && c.path === `/messages/${FORWARDABLE.id}/forward`);
    expect(call, 'the forward route').to.exist;
    const body = call!.body as Record<string, unknown>;
    expect(body).to.include({ subject: 'Fwd: 消防演练通知', locale: 'en', kind: 'internal' });
    expect(body).to.have.property('note');
    expect(body).not.to.have.property('body');
    expect(body.timeZone).to.be.a('string');
    expect(backend.calls.some((c) => c.method === 'POST' && c.path === '/messages')).to.equal(false);
    // After sending, the composer is a new message again: no forwarded block.
    await until(() => !forwardBlock(el), 3000, 'the block gone');
  });

  it('zh-CN: the block and the subject are Chinese; accessible', async () => {
    const { el } = await mount('zh-CN');
    await until(() => $(el, '#recipients'), 4000, 'the form');
    await el.forward(FORWARDABLE.id);
    await until(() => forwardBlock(el), 4000, 'the forwarded message');
    expect(text(forwardBlock(el))).to.contain('转发自 王经理，');
    expect(text($(el, '#forward-title'))).to.equal('转发的消息');
    expect($<HTMLInputElement>(el, '#subject').value).to.equal('转发：消防演练通知');
    await expect(el).to.be.accessible();
  });

  it('"Do not forward it" removes the block (a plain send again); a message that cannot be read is said', async () => {
    const { el, backend } = await mount();
    await until(() => $(el, '#recipients'), 4000, 'the form');
    await el.forward(FORWARDABLE.id);
    await until(() => forwardBlock(el), 4000, 'the forwarded message');
    $<HTMLButtonElement>(el, '#forward-drop').click();
    await until(() => !forwardBlock(el), 3000, 'the block removed');
    expect(text($(el, '#form-status'))).to.contain('The forwarded message was removed');
    await pickRecipient(el, 'zhangsan');
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    await sent;
    expect(backend.calls.some((c) => c.method === 'POST' && c.path === '/messages')).to.equal(true);

    await el.forward('gone');
    await until(() => $(el, '[part="forward"][role="alert"]'), 3000, 'the failure');
    expect(text($(el, '[part="forward"][role="alert"]'))).to.contain('cannot be forwarded');
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => text($(el, '#form-status')).includes('not loaded'), 3000, 'refused before sending');
    expect(backend.calls.some((c) => c.path.endsWith('/forward'))).to.equal(false);
  });

  it('plainText: paragraphs on lines, list items with bullets, mentions as @name', () => {
    expect(
      plainText({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'a' },
              { type: 'mention', attrs: { label: '李四' } },
            ],
          },
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }],
          },
        ],
      }),
    ).to.equal('a@李四\n• b');
  });
});

// The stories (Storybook itself is not run by the test suite): each renders, plays and is accessible.

describe('composer forward stories', () => {
  const meta = stories.default;
  type AnyStory = { args?: object; play?: (ctx: { canvasElement: HTMLElement }) => Promise<void> };
  const expectations: Record<string, (el: HeraldComposer) => unknown> = {
    Forward: (el) => text(forwardBlock(el)).includes('Forwarded from 王经理'),
    Chinese: (el) => text(forwardBlock(el)).includes('转发自 王经理'),
    Dark: (el) => forwardBlock(el),
    CannotForward: (el) => $(el, '[part="forward"][role="alert"]'),
  };
  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders, plays and is accessible`, async () => {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append(meta.render({ ...meta.args, ...story.args } as never));
      await (story.play ?? meta.play)({ canvasElement: canvas } as never);
      const el = canvas.querySelector<HeraldComposer>('herald-composer')!;
      await until(() => check(el), 5000, name);
      await expect(el).to.be.accessible();
    });
  }
});
