// Issue 20 #4: the reading pane's Forward action (button and `f`), which asks the host to open its composer.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { loadCatalogues } from '@herald/core';
import type { HeraldMessageForwardEvent } from '../events/index.js';
import { messageViewStrings } from './i18n/index.js';
import { makeMessage } from './testing/mock-backend.js';
import { $, mountMock, until } from './testing/mount.js';
import './define.js';

const ready = (el: Element) => until(() => $(el, '#mv-archive'), 4000, 'the toolbar');

describe('<herald-message-view> forward (issue 20 #4)', () => {
  before(() => loadCatalogues('en', [messageViewStrings]));

  it('the toolbar offers Forward (shortcut f) to one who may send; clicking fires herald-message-forward', async () => {
    const { el } = await mountMock({ messages: [makeMessage()] });
    await ready(el);
    const button = $<HTMLButtonElement>(el, '#mv-forward');
    expect(button.textContent!.trim()).to.equal('Forward');
    expect(button.getAttribute('aria-keyshortcuts')).to.equal('f');
    expect($(el, '#mv-keys').textContent).to.contain('f forward');
    const fired = oneEvent(el, 'herald-message-forward') as Promise<HeraldMessageForwardEvent>;
    button.click();
    expect((await fired).detail).to.deep.equal({ messageId: 'msg1' });
    await expect(el).to.be.accessible();
  });

  it('f forwards from the keyboard, not while typing in the reply box', async () => {
    const { el } = await mountMock({ messages: [makeMessage()] });
    await ready(el);
    const heard: HeraldMessageForwardEvent[] = [];
    el.addEventListener('herald-message-forward', (e) => heard.push(e));
    $<HTMLTextAreaElement | HTMLElement>(el, '#mv-archive').focus();
    await sendKeys({ press: 'f' });
    await until(() => heard.length === 1, 2000, 'the forward event');
    expect(heard[0]!.detail.messageId).to.equal('msg1');
    // Typing an "f" in the reply box is text, not the shortcut: the reply box keeps it.
    await until(() => $(el, '#reply-text'), 4000, 'the reply box');
    const reply = $<HTMLElement>(el, '#reply-text');
    reply.focus(); // loads the editor, then focuses it
    await until(() => $(reply, '#editor .ProseMirror'), 8000, 'the reply editor');
    $<HTMLElement>(reply, '#editor .ProseMirror').focus();
    await sendKeys({ type: 'f' });
    await until(() => $(reply, '#editor .ProseMirror').textContent === 'f', 3000, 'the typed f');
    expect(heard.length).to.equal(1);
  });

  it('no Forward for a recalled or expired message, nor for a member who may not send', async () => {
    const recalled = await mountMock({ messages: [makeMessage({ recalledAt: Date.UTC(2026, 10, 24, 10) })] });
    await until(() => $(recalled.el, '[data-state=recalled]'), 4000, 'the recalled state');
    expect($(recalled.el, '#mv-forward')).to.equal(null);
    const expired = await mountMock({ messages: [makeMessage({ expiresAt: Date.now() - 1000, expired: true })] });
    await until(() => $(expired.el, 'article'), 4000, 'the message');
    expect($(expired.el, '#mv-forward')).to.equal(null);
    const reader = await mountMock({ messages: [makeMessage()], permissions: ['data.view'] });
    await ready(reader.el);
    expect($(reader.el, '#mv-forward')).to.equal(null);
    expect($(reader.el, '#mv-reply')).to.exist;
  });

  it('zh-CN: 转发, accessible', async () => {
    await loadCatalogues('zh-CN', [messageViewStrings]);
    const { el } = await mountMock({ messages: [makeMessage()] }, { locale: 'zh-CN' });
    await ready(el);
    await until(() => $(el, '#mv-forward').textContent!.trim() === '转发', 3000, 'the Chinese label');
    expect($(el, '#mv-keys').textContent).to.contain('f 转发');
    await expect(el).to.be.accessible();
  });
});
