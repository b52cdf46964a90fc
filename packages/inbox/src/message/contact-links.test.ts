// Issue 19 item 4: the links e-mailed to contacts without portal access, in their sender's reading pane — each
// contact's state and "Revoke links" (cancelable request first; every link of theirs to the conversation), by
// keyboard and screen reader, in both locales.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { loadCatalogues } from '@herald/core';
import { $, $$, mountMock, until } from './testing/mount.js';
import { CONTACT_LINKS, sentByMe, toContacts } from './testing/mock-backend.js';
import { messageViewStrings } from './i18n/index.js';
import './define.js';

const section = async (el: Element) => {
  await until(() => $(el, 'section.contact-links'), 4000, 'the contact links');
  return $(el, 'section.contact-links');
};

describe('<herald-message-view> contact links (issue 19 item 4)', () => {
  before(() =>
    Promise.all([loadCatalogues('en', [messageViewStrings]), loadCatalogues('zh-CN', [messageViewStrings])]),
  );

  it("lists each contact's link; only a working one can be revoked; accessible", async () => {
    const { el } = await mountMock({ messages: [toContacts()], contactLinks: CONTACT_LINKS });
    const links = await section(el);
    expect(links.querySelector('h3')!.textContent).to.equal('Contact links');
    const rows = [...links.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    // 刘总 was e-mailed twice in this conversation (the message and a reply): the newest link shows, with the count.
    expect(rows[0]).to.match(/^刘总 Not opened yet · works until .* 2 links in this conversation Revoke links$/);
    expect(rows[1]).to.equal('Wu Ming Revoked');
    expect(links.textContent).to.contain('Revoking ends every link of theirs to this conversation sent so far');
    expect($$(el, 'button.revoke-link').length).to.equal(1);
    expect($(el, 'button.revoke-link').getAttribute('aria-label')).to.equal(
      'Revoke links of 刘总 to this conversation',
    );
    await expect(el).to.be.accessible();
  });

  it('"Revoke link" by keyboard: asks (cancelable), revokes, announces, tells the host', async () => {
    const { el, backend } = await mountMock({ messages: [toContacts()], contactLinks: CONTACT_LINKS });
    await section(el);
    const button = $<HTMLButtonElement>(el, 'button.revoke-link');
    button.focus();
    const request = oneEvent(el, 'herald-contact-link-revoke-request');
    const manage = oneEvent(el, 'herald-message-manage');
    await sendKeys({ press: 'Enter' });
    expect((await request).detail).to.deep.equal({ messageId: 'msg1', contactId: 'c-liu' });
    expect((await manage).detail).to.deep.equal({ messageId: 'msg1', action: 'revoke-link' });
    const post = backend.calls.find((c) => c.method === 'POST' && c.path === '/messages/msg1/contact-links/revoke');
    expect(post?.body).to.deep.equal({ contactId: 'c-liu' });
    await until(() => !$(el, 'button.revoke-link'), 2000, 'no working link left');
    expect($(el, '[part="status"]').textContent).to.contain('The links of 刘总 to this conversation were revoked');
    await until(() => el.shadowRoot!.activeElement?.id === 'links-title', 2000, 'focus on the list');
  });

  it('a host that cancels the request stops it: nothing is sent', async () => {
    const { el, backend } = await mountMock({ messages: [toContacts()], contactLinks: CONTACT_LINKS });
    await section(el);
    el.addEventListener('herald-contact-link-revoke-request', (e) => e.preventDefault(), { once: true });
    $<HTMLButtonElement>(el, 'button.revoke-link').click();
    await el.updateComplete;
    expect(backend.calls.some((c) => c.path.endsWith('/contact-links/revoke'))).to.be.false;
    expect($(el, 'button.revoke-link')).to.exist;
  });

  it('in Chinese', async () => {
    const { el } = await mountMock({ messages: [toContacts()], contactLinks: CONTACT_LINKS }, { locale: 'zh-CN' });
    const links = await section(el);
    expect(links.querySelector('h3')!.textContent).to.equal('联系人链接');
    expect($(el, 'button.revoke-link').textContent!.trim()).to.equal('撤销链接');
    expect(links.textContent).to.contain('已撤销');
  });

  it("on an external reply (no audience of its own), the conversation's links show too", async () => {
    const reply = sentByMe({ kind: 'external', parentId: 'msg0', threadId: 'msg0', audience: [] });
    const { el } = await mountMock({ messages: [reply], contactLinks: CONTACT_LINKS });
    const links = await section(el);
    expect(links.querySelectorAll('li').length).to.equal(2);
    expect($(el, 'button.revoke-link')).to.exist;
  });

  it('not shown for a message to members only, nor when no link was sent', async () => {
    const { el, backend } = await mountMock({ messages: [sentByMe()], contactLinks: CONTACT_LINKS });
    await until(() => $(el, 'article'), 4000, 'the message');
    expect(backend.calls.some((c) => c.path.endsWith('/contact-links'))).to.be.false;
    const none = await mountMock({ messages: [toContacts()], contactLinks: [] });
    await until(() => none.backend.calls.some((c) => c.path.endsWith('/contact-links')), 2000, 'asked');
    await none.el.updateComplete;
    expect($(none.el, 'section.contact-links')).to.not.exist;
  });
});
