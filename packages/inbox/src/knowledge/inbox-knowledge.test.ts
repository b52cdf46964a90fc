// Issue 19 #7: the inbox's Knowledge view — a sidebar link for members (not for a contact), the lazy
// <herald-knowledge-view> in place of the list and the reading pane, and no mailbox listing asked for it.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldInbox } from '../inbox/inbox.js';
import { $, $$, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';
import type { MockInboxOptions } from '../testing/mock-backend.js';
import { knowledgeHandler } from './testing/mock-backend.js';

const mount = (options: MockInboxOptions = {}, locale = 'en') =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale=${locale} style="--herald-inbox-height: 30rem; width: 1100px"></herald-inbox>`,
    options,
  );
const viewButton = (el: HeraldInbox, name: string) =>
  $$<HTMLButtonElement>(el, 'button[part="view"]').find((b) => b.querySelector('.name')?.textContent === name);

describe('<herald-inbox> Knowledge view (issue 19 #7)', function () {
  before(ignoreResizeObserverLoop);

  it('opens the knowledge space from the sidebar, in place of the list and the reading pane', async () => {
    const knowledge = knowledgeHandler();
    const { el, backend } = await mount({
      extra: (m, p, u, b) => (p.startsWith('/knowledge') ? knowledge.handle(m, p, u, b) : undefined),
    });
    await until(() => viewButton(el, 'Knowledge space'), 4000, 'the Knowledge space link');
    const listings = () => backend.calls.filter((c) => c.path === '/mailbox').length;
    const before = listings();
    viewButton(el, 'Knowledge space')!.click();
    await until(() => $(el, 'herald-knowledge-view'), 4000, 'the knowledge view');
    const view = $(el, 'herald-knowledge-view');
    await until(() => view.shadowRoot?.querySelectorAll('button[part="item"]').length === 2, 6000, 'the items');
    expect(el.view).to.equal('knowledge');
    expect(viewButton(el, 'Knowledge space')!.getAttribute('aria-current')).to.equal('page');
    expect($(el, '.list-col')).to.equal(null);
    expect(listings()).to.equal(before);
    await expect(el).to.be.accessible();
    viewButton(el, 'Inbox')!.click();
    await until(() => $(el, '.list-col'), 4000, 'the mailbox back');
  });

  it('says 知识库 in zh-CN, and a contact has no such view', async () => {
    const { el } = await mount({}, 'zh-CN');
    await until(() => viewButton(el, '知识库'), 4000, 'the zh-CN link');
    const contact = await mount({ asContact: true });
    await until(() => viewButton(contact.el, 'Inbox'), 4000, 'the contact inbox');
    expect(viewButton(contact.el, 'Knowledge space')).to.equal(undefined);
  });
});
