// Issue 19 #7: "Publish to knowledge space" in the reading pane — only where the server's flag allows it.
import { expect } from '@open-wc/testing';
import { loadCatalogues } from '@herald/core';
import { messageViewStrings } from '../message/i18n/index.js';
import { makeMessage } from '../message/testing/mock-backend.js';
import { $, $$, mountMock, until } from '../message/testing/mount.js';
import { knowledgeHandler } from './testing/mock-backend.js';
import '../message/define.js';

const ready = (el: Element) => until(() => $(el, '#mv-archive'), 4000, 'the toolbar');

describe('<herald-message-view> publish to the knowledge space (issue 19 #7)', () => {
  before(() => loadCatalogues('en', [messageViewStrings]));

  it('a publisher publishes for chosen departments with a tag; the pane then offers Unpublish', async () => {
    const knowledge = knowledgeHandler();
    const { el } = await mountMock({
      messages: [makeMessage()],
      permissions: ['message.send.internal', 'knowledge.publish'],
      extra: knowledge.handle,
    });
    await ready(el);
    await until(() => $(el, '#knowledge-publish'), 4000, 'the publish button');
    $<HTMLButtonElement>(el, '#knowledge-publish').click();
    await until(() => $<HTMLDialogElement>(el, '#knowledge-dialog').open, 4000, 'the dialog');
    await until(() => $$(el, 'input[name="department"]').length === 2, 4000, 'the departments');
    // Departments chosen but none ticked: told, nothing sent.
    $<HTMLInputElement>(el, '#knowledge-departments').click();
    await until(() => !$$<HTMLInputElement>(el, 'input[name="department"]')[1]!.disabled, 4000, 'departments on');
    $<HTMLButtonElement>(el, '#knowledge-submit').click();
    await until(() => !$(el, '#knowledge-error').hidden, 4000, 'the error');
    expect($(el, '#knowledge-error').textContent).to.equal('Choose at least one department.');
    await expect(el).to.be.accessible();
    $$<HTMLInputElement>(el, 'input[name="department"]')[1]!.click();
    $$<HTMLInputElement>(el, 'input[name="tag"]')[0]!.click();
    $<HTMLButtonElement>(el, '#knowledge-submit').click();
    await until(() => $(el, '#knowledge-unpublish'), 4000, 'the unpublish button');
    const post = knowledge.calls.find((c) => c.method === 'POST');
    expect(post!.body).to.deep.equal({ messageId: 'msg1', departmentIds: ['d-tech'], tagIds: ['t-notice'] });
    expect($(el, '[part="status"]').textContent).to.equal('Published to the knowledge space.');
    expect($(el, '[part="actions"]').textContent).to.contain('In the knowledge space (技术部)');
  });

  it('no action, and no question to the server, for a member without knowledge.publish', async () => {
    const knowledge = knowledgeHandler();
    const { el } = await mountMock({ messages: [makeMessage()], extra: knowledge.handle });
    await ready(el);
    expect($(el, '#knowledge-publish')).to.equal(null);
    expect(knowledge.calls.filter((c) => c.path.startsWith('/knowledge')).length).to.equal(0);
  });

  it('no action when the server says the caller may not publish this message', async () => {
    const knowledge = knowledgeHandler({ state: { item: null, can: { publish: false, unpublish: false } } });
    const { el } = await mountMock({
      messages: [makeMessage()],
      permissions: ['message.send.internal', 'knowledge.publish'],
      extra: knowledge.handle,
    });
    await ready(el);
    await until(
      () => knowledge.calls.some((c) => c.path === '/knowledge/messages/msg1'),
      4000,
      'the capability question',
    );
    await el.updateComplete;
    expect($(el, '#knowledge-publish')).to.equal(null);
  });
});
