import { expect, oneEvent } from '@open-wc/testing';
import {
  HeraldMailboxChangeEvent,
  HeraldMessageManageEvent,
  type HeraldMessageRecallRequestEvent,
} from '../events/index.js';
import { $, $$, mountMock, until } from './testing/mount.js';
import { makeMessage, PEOPLE, sentByMe } from './testing/mock-backend.js';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { loadCatalogues, plainTextOf } from '@herald/core';
import { messageViewStrings } from './i18n/index.js';
import './define.js';
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { createMockMessageView } from './testing/mock-backend.js';
import { hostWith } from './testing/story-host.js';
import { HeraldMessageView } from './message-view.js';

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const ready = (el: Element) => until(() => $(el, 'article'), 4000, 'the message');
const click = (el: Element, selector: string) => $(el, selector).click();

describe('<herald-message-view>', () => {
  // As on a page where the strings have arrived: the first test looks for the loading state, which lasts 50 ms.
  before(() => loadCatalogues('en', [messageViewStrings]));

  it('R8: shows loading, then the header, audience and rich body', async () => {
    const { el } = await mountMock({ messages: [makeMessage({ priority: 'high', kind: 'internal' })], latencyMs: 50 });
    expect($(el, '.loading')).to.exist;
    await ready(el);
    expect($(el, '#subject').textContent).to.equal('Quarterly safety drill');
    expect($(el, '.sender').textContent).to.contain('王经理');
    expect($(el, '.audience').textContent).to.contain('技术部');
    expect($$(el, '[part=body] p').map((p) => p.textContent)).to.deep.equal([
      'The drill starts on Friday at 10:00.',
      'Please meet in the lobby.',
    ]);
    expect(text(el)).to.contain('High priority');
    expect($(el, 'time')!.getAttribute('datetime')).to.match(/^2026-11-24T09:00/);
  });

  it('shows an error with a retry when the message cannot be loaded', async () => {
    const { el } = await mountMock({ messages: [makeMessage()], failWith: 404 });
    await until(() => $(el, '.error'));
    expect($(el, '.error').getAttribute('role')).to.equal('alert');
    expect(text(el)).to.contain('does not exist');
    expect($(el, '#retry')).to.exist;
  });

  it('R8: a message opened before the lazily loaded view is defined still loads (.messageId set first)', async () => {
    // The inbox renders <herald-message-view .messageId=…> while its chunk may still be on the way (a slow network, a
    // busy machine); the element upgrades later, connected, with the id as a saved instance property.
    const backend = createMockMessageView({ messages: [makeMessage()] });
    const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
    const tag = `herald-message-view-late-${Math.random().toString(36).slice(2)}`;
    const { wrapper, ready: providers } = hostWith(html``, client);
    await providers;
    await fixture(wrapper);
    const el = document.createElement(tag) as HeraldMessageView;
    el.messageId = 'msg1';
    wrapper.append(el);
    customElements.define(tag, class extends HeraldMessageView {});
    await until(() => el.shadowRoot?.querySelector('article'), 4000, 'the message');
    expect($(el, '#subject').textContent).to.equal('Quarterly safety drill');
  });

  it('R8: moved in the page while loading, it loads again instead of staying on "Loading"', async () => {
    const { el, wrapper } = await mountMock({ messages: [makeMessage()], latencyMs: 50 });
    expect($(el, '.loading')).to.exist;
    el.remove();
    wrapper.append(el);
    await ready(el);
    expect($(el, '#subject').textContent).to.equal('Quarterly safety drill');
  });

  it('shows a "choose a message" note without message-id', async () => {
    const { el } = await mountMock({ messages: [makeMessage()] }, { id: '' });
    expect(text(el)).to.contain('Choose a message');
  });

  it(
    'R9: opening an unread message marks it read and fires herald-mailbox-change; "mark unread" undoes ' + 'it',
    async () => {
      const changes: HeraldMailboxChangeEvent[] = [];
      document.addEventListener('herald-mailbox-change', (e) => changes.push(e), { once: false });
      const { el, backend } = await mountMock({ messages: [makeMessage()] });
      await until(() => changes.length === 1, 4000, 'read event');
      expect(backend.calls.some((c) => c.method === 'POST' && c.path === '/mailbox/msg1/read')).to.be.true;
      expect(changes[0]!.detail).to.include({ action: 'read' });
      expect(changes[0]!.detail.messageIds).to.deep.equal(['msg1']);
      await until(() => $(el, '#mark-unread'));
      click(el, '#mark-unread');
      await until(() => changes.length === 2);
      expect(changes[1]!.detail.action).to.equal('unread');
      expect(backend.calls.some((c) => c.method === 'DELETE' && c.path === '/mailbox/msg1/read')).to.be.true;
      await until(() => $(el, '#mark-read'));
    },
  );

  it(
    'R9/S2: a receipt-required message shows Confirm until confirmed, then "Confirmed at" with focus on ' + 'it',
    async () => {
      const { el, backend } = await mountMock({ messages: [makeMessage({ receiptRequired: true })] });
      await ready(el);
      expect(text(el)).to.contain('Receipt required');
      await until(() => el.message?.mine?.readAt, 2000, 'marked read');
      expect(backend.calls.some((c) => c.path === '/mailbox/msg1/read')).to.be.true;
      const confirmEvent = oneEvent(el, 'herald-mailbox-change');
      click(el, '#confirm');
      expect((await confirmEvent).detail.action).to.equal('confirm');
      await until(() => $(el, '#confirmed'));
      expect($(el, '#confirm')).to.not.exist;
      expect($(el, '#confirmed').textContent).to.contain('Confirmed');
      await until(() => el.shadowRoot!.activeElement === $(el, '#confirmed'), 2000, 'focus on the confirmation');
    },
  );

  it('S3: a task-like message saves progress and a note (≤ 500) and fires herald-mailbox-change', async () => {
    const { el, backend } = await mountMock({ messages: [makeMessage({ dueAt: Date.UTC(2026, 11, 1) })] });
    await ready(el);
    expect(text(el)).to.contain('Due');
    const select = $<HTMLSelectElement>(el, '#progress');
    select.value = 'in-progress';
    select.dispatchEvent(new Event('change'));
    const note = $<HTMLInputElement>(el, '#progress-note');
    note.value = 'x'.repeat(501);
    note.dispatchEvent(new Event('input'));
    click(el, '#save-progress');
    await until(() => !$(el, '#progress-note-error').hidden);
    expect(backend.calls.some((c) => c.path === '/mailbox/msg1/progress')).to.be.false;
    note.value = 'Booked the room';
    note.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const changed = new Promise<HeraldMailboxChangeEvent>((resolve) =>
      el.addEventListener('herald-mailbox-change', (e) => e.detail.action === 'progress' && resolve(e)),
    );
    click(el, '#save-progress');
    const event = await changed;
    expect(event.detail.state).to.include({ progress: 'in-progress', progressNote: 'Booked the room' });
    expect(backend.calls.find((c) => c.path === '/mailbox/msg1/progress')!.body).to.deep.equal({
      progress: 'in-progress',
      note: 'Booked the room',
    });
  });

  it('R8: flagged links carry the localized warning; links open in a new tab', async () => {
    const body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'portal',
              marks: [{ type: 'link', attrs: { href: 'https://xn--pple-43d.com/', flag: 'lookalike' } }],
            },
          ],
        },
      ],
    };
    const { el } = await mountMock({ messages: [makeMessage({ body })] }, { locale: 'zh-CN' });
    await ready(el);
    const a = $<HTMLAnchorElement>(el, '[part=body] a');
    expect(a.classList.contains('flagged')).to.be.true;
    expect(a.rel).to.equal('noopener noreferrer');
    expect(a.target).to.equal('_blank');
    expect(a.querySelector('.link-warning')!.getAttribute('aria-label')).to.contain('注意');
  });

  it(
    'R8: attachments download through the authenticated fetch and images preview as blob URLs (no token in any ' +
      'URL), revoked on disconnect',
    async () => {
      const attachments = [
        { id: 'a1', name: '计划.pdf', size: 1_234_567, contentType: 'application/pdf' },
        { id: 'a2', name: 'map.png', size: 2048, contentType: 'image/png' },
      ];
      const { el, backend, client } = await mountMock({ messages: [makeMessage({ attachments })] });
      client.setToken('secret-token-xyz');
      await ready(el);
      await until(() => $(el, 'img.preview'));
      const img = $<HTMLImageElement>(el, 'img.preview');
      expect(img.src).to.match(/^blob:/);
      expect(img.alt).to.contain('map.png');
      const inline = backend.calls.find((c) => c.path === '/attachments/a2')!;
      expect(inline.url).to.contain('inline=1');
      const originalCreate = URL.createObjectURL;
      let saved = '';
      const origClick = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        saved = this.download;
      };
      try {
        $$(el, 'button.download')[0]!.click();
        await until(() => saved);
      } finally {
        HTMLAnchorElement.prototype.click = origClick;
        URL.createObjectURL = originalCreate;
      }
      expect(saved).to.equal('计划.pdf');
      for (const c of backend.calls) expect(c.url).to.not.contain('secret-token-xyz');
      expect(backend.calls.find((c) => c.path === '/attachments/a1')!.headers.get('authorization')).to.equal(
        'Bearer secret-token-xyz',
      );
      expect($$(el, 'button.download')[0]!.getAttribute('aria-label')).to.equal('Download 计划.pdf');
      expect(text(el)).to.match(/1\.2\s?MB/);
      const url = img.src;
      el.remove();
      const ok = await fetch(url).then(
        () => true,
        () => false,
      );
      expect(ok, 'the object URL is revoked').to.be.false;
    },
  );

  it('issue 20 #9: an inline image shows in the body, fetched with the reader’s credentials, sized to the pane, in \
both locales; revoked on disconnect', async () => {
    const attachments = [{ id: 'a9', name: 'route.png', size: 2048, contentType: 'image/png' }];
    const body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '路线：' },
            { type: 'image', attrs: { attachmentId: 'a9', alt: '撤离路线图' } },
          ],
        },
      ],
    };
    for (const locale of ['en', 'zh-CN']) {
      const { el, backend, client } = await mountMock({ messages: [makeMessage({ body, attachments })] }, { locale });
      client.setToken('secret-token-xyz');
      await ready(el);
      const img = () => $<HTMLImageElement>(el, '[part=body] img');
      await until(() => img()?.complete && img()!.naturalWidth > 0, 4000, 'the inline image');
      expect(img().alt).to.equal('撤离路线图');
      expect(img().loading).to.equal('lazy');
      expect(img().src).to.match(/^blob:/);
      expect(getComputedStyle(img()).maxWidth).to.equal('100%');
      // Through the client's fetch (credentials in a header), never as a URL the <img> fetches itself.
      expect(backend.calls.some((c) => c.path === '/attachments/a9' && c.url.includes('inline=1'))).to.equal(true);
      for (const c of backend.calls) expect(c.url).to.not.contain('secret-token-xyz');
      await expect(el).to.be.accessible();
      const url = img().src;
      el.remove();
      const alive = await fetch(url).then(
        () => true,
        () => false,
      );
      expect(alive, 'the object URL is revoked').to.be.false;
    }
  });

  it('R10: a recalled message shows that state without content for the recipient', async () => {
    const { el } = await mountMock({ messages: [makeMessage({ recalledAt: Date.UTC(2026, 10, 24, 10) })] });
    await ready(el);
    expect($(el, '[data-state=recalled]').textContent).to.contain('recalled');
    expect($(el, '[part=body]')).to.not.exist;
    expect($(el, '[part=reply]')).to.not.exist;
  });

  it('R9: an expired message hides its content, and the expiry switches to "expired" live', async () => {
    const { el } = await mountMock({ messages: [makeMessage({ expiresAt: Date.now() + 1500, expiresInMinutes: 1 })] });
    await ready(el);
    expect($(el, '[data-state=expires]').textContent).to.match(/Expires in \d s/);
    expect($(el, '[part=body]')).to.exist;
    await until(() => $(el, '[data-state=expired]'), 5000, 'expired');
    await until(() => !$(el, '[part=body]'), 3000, 'content hidden');
    expect(text(el)).to.contain('expired');
  });

  it('issue 19 item 8: a purged message says "content removed", to its sender too, with no body or reply', async () => {
    const purged = sentByMe({
      subject: '',
      expiresAt: Date.UTC(2026, 10, 24, 12),
      expired: true,
      purgedAt: Date.UTC(2026, 11, 24),
      attachments: [],
    });
    const { el } = await mountMock({ messages: [purged] });
    await ready(el);
    expect($(el, '[data-state=purged]').textContent).to.contain('content was removed for everyone');
    expect($(el, '[part=body]')).to.not.exist;
    expect($(el, '[part=reply]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('R10: "edited" shows, and who may view revisions sees every version', async () => {
    const { el } = await mountMock({ messages: [sentByMe({ editedAt: Date.UTC(2026, 10, 24, 11), revision: 2 })] });
    await ready(el);
    expect($(el, '.badge.edited').textContent).to.contain('Edited');
    click(el, '#revisions');
    await until(() => $$(el, '.revisions li').length === 2);
    expect($<HTMLDialogElement>(el, '#manage-dialog').open).to.be.true;
    expect(text(el)).to.contain('Drill on Thursday');
    click(el, '#dialog-cancel');
    await until(() => !$<HTMLDialogElement>(el, '#manage-dialog').open);
    await until(() => el.shadowRoot!.activeElement === $(el, '#revisions'));
  });

  it(
    "R8: the thread shows the root and replies in order; a reply (the composer's rich editor) is sent with an " +
      'Idempotency-Key and its attachment',
    async function () {
      const root = makeMessage();
      const r1 = makeMessage({
        id: 'r1',
        threadId: 'msg1',
        parentId: 'msg1',
        subject: 'Re: Quarterly safety drill',
        sender: { kind: 'member', id: 'm-x', name: '张三' },
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '收到' }] }] },
        deliveredAt: Date.UTC(2026, 10, 24, 9, 30),
      });
      const { el, backend } = await mountMock({ messages: [root, r1], threads: { msg1: [root, r1] } });
      await ready(el);
      expect($$(el, '.thread-item').map((li) => li.dataset.id)).to.deep.equal(['msg1', 'r1']);
      expect($(el, '.thread-item.current').dataset.id).to.equal('msg1');
      expect($(el, '.thread-item[data-id=r1] [part=thread-body]').textContent).to.equal('收到');
      const editor = $<HeraldRichTextEditor>(el, '#reply-text');
      await until(() => editor.ready, 15_000, 'the editor');
      expect(editor.shadowRoot!.querySelector('[role=toolbar]')).to.exist;
      click(el, '#reply-send');
      await until(() => editor.error, 2000, 'the empty-reply error');
      editor.value = {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Thanks!', marks: [{ type: 'bold' }] }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'See you there' }] },
        ],
      };
      const input = $<HTMLInputElement>(el, '#reply-files');
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await until(() => $(el, '.reply-files progress') || $(el, '.reply-files li'));
      await until(() => !$(el, '.reply-files progress'), 3000, 'upload done');
      click(el, '#reply-send');
      await until(() => backend.replies.length === 1);
      const sent = backend.replies[0]!;
      expect(sent.key).to.be.a('string').and.not.empty;
      expect(sent.body.attachmentIds).to.have.length(1);
      expect(sent.body.body.content).to.have.length(2);
      expect(sent.body.body.content[0].content[0]).to.deep.include({ text: 'Thanks!', marks: [{ type: 'bold' }] });
      expect(sent.body.body.content[1].content[0].text).to.equal('See you there');
      await until(() => $$(el, '.thread-item').length === 3, 3000, 'the reply in the thread');
      expect(plainTextOf($<HeraldRichTextEditor>(el, '#reply-text').value).trim()).to.equal('');
      expect(text(el)).to.contain('Reply sent');
      // A second reply gets a new key.
      $<HeraldRichTextEditor>(el, '#reply-text').value = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'again' }] }],
      };
      click(el, '#reply-send');
      await until(() => backend.replies.length === 2);
      expect(backend.replies[1]!.key).to.not.equal(sent.key);
    },
  );

  it('R8: a file attached while a reply is under way stays listed for the next reply', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { el, backend } = await mountMock({ messages: [makeMessage()], replyGate: () => gate });
    await ready(el);
    const attach = async (name: string) => {
      const input = $<HTMLInputElement>(el, '#reply-files');
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], name, { type: 'text/plain' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await until(() => $$(el, '.reply-files li').some((li) => li.textContent!.includes(name)), 3000, name);
    };
    await attach('first.txt');
    await until(() => !$(el, '.reply-files progress'), 3000, 'first upload done');
    const editor = $<HeraldRichTextEditor>(el, '#reply-text');
    await until(() => editor.ready, 15_000, 'the editor');
    editor.value = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks' }] }] };
    click(el, '#reply-send');
    await until(() => backend.calls.some((c) => c.path.endsWith('/replies')), 3000, 'the reply under way');
    await attach('second.txt');
    const removeButton = (name: string) =>
      $$<HTMLButtonElement>(el, '.reply-files li')
        .find((li) => li.textContent!.includes(name))!
        .querySelector('button')!;
    expect(removeButton('first.txt').disabled, 'a file of the reply under way stays').to.equal(true);
    expect(removeButton('second.txt').disabled).to.equal(false);
    release();
    await until(() => text(el).includes('Reply sent'), 3000, 'the reply sent');
    expect(backend.replies[0]!.body.attachmentIds).to.have.length(1);
    expect($$(el, '.reply-files li .file-name').map((n) => n.textContent)).to.deep.equal(['second.txt']);
  });

  it('R8: after a network error the reply keeps its key; a changed retry of a delivered reply is said', async () => {
    let answerLost = true; // the reply is stored, its answer lost
    const { el, backend } = await mountMock({
      messages: [makeMessage()],
      replyGate: () => (answerLost ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve()),
    });
    await ready(el);
    const editor = $<HeraldRichTextEditor>(el, '#reply-text');
    await until(() => editor.ready, 15_000, 'the editor');
    const keys = () =>
      backend.calls.filter((c) => c.path.endsWith('/replies')).map((c) => c.headers.get('idempotency-key'));
    const send = async (n: number) => {
      click(el, '#reply-send');
      await until(() => keys().length === n && $(el, '#reply-send').getAttribute('aria-disabled') === 'false');
    };
    editor.value = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks' }] }] };
    await send(1);
    answerLost = false;
    editor.value = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks!' }] }] };
    await send(2); // the same key: the server has it with the first text, and refuses it
    await until(() => text(el).includes('Your reply was sent before the connection dropped'), 3000, 'said');
    await until(() => $$(el, '.thread-item').length === 2, 3000, 'the delivered reply in the thread');
    expect(backend.replies).to.have.length(1);
    await send(3); // what changed goes out as a new reply
    await until(() => text(el).includes('Reply sent'), 3000, 'the changed reply sent');
    const [first, retry, next] = keys();
    expect(retry).to.equal(first);
    expect(next).to.not.equal(first);
    expect(backend.replies.map((r) => plainTextOf(r.body.body).trim())).to.deep.equal(['Thanks', 'Thanks!']);
  });

  it('R8: a reply upload cut short by leaving the page says so when back; without that file, it is sent', async () => {
    const { el, wrapper, backend } = await mountMock({ messages: [makeMessage()], uploadMs: Infinity });
    await ready(el);
    const input = $<HTMLInputElement>(el, '#reply-files');
    const dt = new DataTransfer();
    dt.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await until(() => $(el, '.reply-files progress'), 3000, 'the upload under way');
    el.remove();
    wrapper.append(el);
    await ready(el);
    await until(() => $(el, '.reply-files .field-error'), 3000, 'the interrupted upload named');
    expect($(el, '.reply-files .field-error').textContent).to.equal(
      'The upload was interrupted. Remove the file and attach it again.',
    );
    expect($(el, '.reply-files progress')).to.equal(null);
    const editor = $<HeraldRichTextEditor>(el, '#reply-text');
    await until(() => editor.ready, 15_000, 'the editor');
    editor.value = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks' }] }] };
    // Not "wait for the uploads", and not sent without the file it still lists: the user removes it first.
    click(el, '#reply-send');
    const refusal = 'A file did not upload: remove it (or attach it again) before sending.';
    await until(() => $(el, '[role=alert]')?.textContent === refusal, 3000, 'the refusal');
    expect(backend.replies).to.have.length(0);
    $<HTMLButtonElement>(el, '.reply-files button').click();
    await until(() => !$(el, '.reply-files li'), 3000, 'the file removed');
    click(el, '#reply-send');
    await until(() => backend.replies.length === 1, 3000, 'the reply sent');
    expect(backend.replies[0]!.body.attachmentIds).to.equal(undefined);
  });

  it('R9/R14: the sender sees counts, tabs per state with "load more", and the export', async () => {
    const { el, backend } = await mountMock({
      messages: [sentByMe({ receiptRequired: true, dueAt: Date.UTC(2026, 11, 1) })],
      pageSize: 3,
    });
    await ready(el);
    await until(() => $$(el, '#receipts-rows tr').length === 3);
    const count = (k: string) => $(el, `[data-count="${k}"] dd`).textContent;
    expect([
      count('total'),
      count('read'),
      count('unread'),
      count('confirmed'),
      count('unconfirmed'),
      count('done'),
      count('in-progress'),
    ]).to.deep.equal(['7', '4', '3', '2', '5', '2', '2']);
    click(el, '#receipts-more');
    await until(() => $$(el, '#receipts-rows tr').length === 6);
    click(el, '#tab-unread');
    await until(
      () => $$(el, '#receipts-rows tr').length === 3 && $(el, '#tab-unread').getAttribute('aria-selected') === 'true',
    );
    expect(backend.calls.some((c) => c.path === '/messages/msg1/recipients' && c.url.includes('state=unread'))).to.be
      .true;
    expect($$(el, '#receipts-rows th').map((th) => th.textContent)).to.deep.equal(
      PEOPLE.filter((p) => !p.readAt).map((p) => p.name),
    );
    $(el, '#tab-unread').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await until(() => $(el, '#tab-read').getAttribute('aria-selected') === 'true');
    let saved = '';
    const origClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      saved = this.download;
    };
    try {
      click(el, '#export');
      await until(() => saved);
    } finally {
      HTMLAnchorElement.prototype.click = origClick;
    }
    expect(saved).to.equal('回执.xlsx');
  });

  it('R9: reminders fire herald-message-manage; remind-too-soon is said with the retry time', async () => {
    const { el } = await mountMock({ messages: [sentByMe()] });
    await ready(el);
    await until(() => $(el, '#remind-unread'));
    const manage = oneEvent(el, 'herald-message-manage');
    click(el, '#remind-unread');
    expect((await manage).detail).to.deep.equal({ messageId: 'msg1', action: 'remind' });
    await until(() => text(el).includes('Reminded 3 people'));

    const second = await mountMock({ messages: [sentByMe()], remindTooSoon: 240 });
    await ready(second.el);
    await until(() => $(second.el, '#remind-unread'));
    click(second.el, '#remind-unread');
    await until(() => $(second.el, '#remind-status').textContent!.includes('again in 4 min'));
    expect($(second.el, '#remind-status').classList.contains('error')).to.be.true;
  });

  it('R9: receipts refresh live on message.read for this message', async () => {
    const { el, backend, client } = await mountMock({ messages: [sentByMe()] });
    client.live.start();
    await ready(el);
    await until(() => backend.liveStreams > 0);
    const before = backend.calls.filter((c) => c.path === '/messages/msg1/recipients').length;
    backend.recipients[5]!.readAt = Date.now();
    backend.emit('message.read', { messageId: 'other' });
    backend.emit('message.read', { messageId: 'msg1' });
    await until(() => $(el, '[data-count="read"] dd').textContent === '5', 3000, 'live refresh');
    expect(backend.calls.filter((c) => c.path === '/messages/msg1/recipients').length).to.equal(before + 1);
    client.live.close();
  });

  it('R9: receipts still refresh live after the view was taken off the page and put back', async () => {
    const { el, backend, client } = await mountMock({ messages: [sentByMe()] });
    client.live.start();
    await ready(el);
    await until(() => backend.liveStreams > 0);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await ready(el);
    await until(() => $(el, '[data-count="read"] dd'));
    backend.recipients[5]!.readAt = Date.now();
    backend.emit('message.notified', { messageId: 'msg1' });
    await until(() => $(el, '[data-count="read"] dd').textContent === '5', 3000, 'live refresh after re-attaching');
    client.live.close();
  });

  it(
    "R4: edit changes the subject in the dialog (the composer's rich editor holds the body) and fires " +
      'herald-message-manage',
    async function () {
      const { el, backend } = await mountMock({ messages: [sentByMe()] });
      await ready(el);
      click(el, '#edit');
      await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#edit-subject'));
      const subject = $<HTMLInputElement>(el, '#edit-subject');
      subject.value = 'Drill moved to Monday';
      subject.dispatchEvent(new Event('input'));
      const body = $<HeraldRichTextEditor>(el, '#edit-body');
      await until(() => body.ready, 15_000, 'the editor');
      expect(plainTextOf(body.value)).to.contain('The drill starts on Friday');
      const manage = oneEvent(el, 'herald-message-manage');
      click(el, '#dialog-ok');
      expect((await manage).detail.action).to.equal('edit');
      const patch = backend.calls.find((c) => c.method === 'PATCH')!;
      expect(patch.body, 'the body is sent only when changed').to.deep.equal({ subject: 'Drill moved to Monday' });
      await until(() => $(el, '#subject').textContent === 'Drill moved to Monday');
      expect($(el, '.badge.edited')).to.exist;
      await until(() => el.shadowRoot!.activeElement === $(el, '#subject'));
    },
  );

  it('R4: recall asks through the cancelable request event; cancelling stops it', async () => {
    const { el, backend } = await mountMock({ messages: [sentByMe()] });
    await ready(el);
    const cancel = (e: HeraldMessageRecallRequestEvent) => e.preventDefault();
    el.addEventListener('herald-message-recall-request', cancel);
    const request = oneEvent(el, 'herald-message-recall-request');
    click(el, '#recall');
    expect((await request).detail).to.deep.equal({ messageId: 'msg1' });
    await el.updateComplete;
    expect($<HTMLDialogElement>(el, '#manage-dialog').open).to.be.false;
    el.removeEventListener('herald-message-recall-request', cancel);
    click(el, '#recall');
    await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
    expect(backend.calls.some((c) => c.path === '/messages/msg1/recall')).to.be.false;
    const manage = oneEvent(el, 'herald-message-manage');
    click(el, '#dialog-ok');
    expect((await manage).detail.action).to.equal('recall');
    await until(() => $(el, '[data-state=recalled]'));
    expect($(el, '#recall')).to.not.exist;
  });

  it('R4: recall-window-passed is said readably in the dialog', async () => {
    const { el } = await mountMock({ messages: [sentByMe()], recallWindowPassed: true });
    await ready(el);
    click(el, '#recall');
    await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
    click(el, '#dialog-ok');
    await until(() => text(el).includes('recall window has passed'));
  });

  it('R4: delete asks (request event + dialog), deletes and shows the deleted state', async () => {
    const { el, backend } = await mountMock({ messages: [sentByMe()] });
    await ready(el);
    const request = oneEvent(el, 'herald-message-delete-request');
    click(el, '#delete');
    expect((await request).detail).to.deep.equal({ messageId: 'msg1' });
    await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
    click(el, '#dialog-cancel');
    await until(() => !$<HTMLDialogElement>(el, '#manage-dialog').open);
    expect(backend.calls.some((c) => c.method === 'DELETE' && c.path === '/messages/msg1')).to.be.false;
    click(el, '#delete');
    await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
    const manage = oneEvent(el, 'herald-message-manage') as Promise<HeraldMessageManageEvent>;
    click(el, '#dialog-ok');
    expect((await manage).detail.action).to.equal('delete');
    await until(() => $(el, '[data-state=deleted]'));
    expect($(el, '[part=body]')).to.not.exist;
  });

  it('R10: reloads on live message.updated for this message', async () => {
    const { el, backend, client } = await mountMock({ messages: [makeMessage()] });
    client.live.start();
    await ready(el);
    await until(() => backend.liveStreams > 0);
    backend.messages.get('msg1')!.subject = 'Updated subject';
    backend.emit('message.updated', { messageId: 'msg1' });
    await until(() => $(el, '#subject').textContent === 'Updated subject', 3000, 'reload');
    client.live.close();
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`is accessible (${locale}): recipient with receipt, task, attachments and thread`, async function () {
      const root = makeMessage({
        receiptRequired: true,
        dueAt: Date.UTC(2026, 11, 1),
        expiresAt: Date.now() + 86_400_000,
        priority: 'urgent',
        kind: 'urgent',
        attachments: [{ id: 'a1', name: 'plan.pdf', size: 2000, contentType: 'application/pdf' }],
      });
      const r1 = makeMessage({
        id: 'r1',
        threadId: 'msg1',
        parentId: 'msg1',
        sender: { kind: 'member', id: 'm-x', name: '张三' },
      });
      const { el } = await mountMock({ messages: [root, r1], threads: { msg1: [root, r1] } }, { locale });
      await ready(el);
      await expect(el).to.be.accessible();
    });

    it(`is accessible (${locale}): the sender's view with receipts and the edit dialog`, async function () {
      const { el } = await mountMock(
        { messages: [sentByMe({ receiptRequired: true, dueAt: Date.UTC(2026, 11, 1), editedAt: Date.now() })] },
        { locale },
      );
      await ready(el);
      await until(() => $$(el, '#receipts-rows tr').length > 0);
      await expect(el).to.be.accessible();
      click(el, '#edit');
      await until(() => $<HTMLDialogElement>(el, '#manage-dialog').open);
      await expect(el).to.be.accessible();
    });
  }
});
