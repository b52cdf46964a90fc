// Issue 19 #7: the knowledge space in the inbox — list, search, tag filter, read-only reader, downloads through the
// item, unpublish, keyboard, both locales, accessibility.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { $, $$, fill, mountWith, until } from '@herald/client/testing/mount';
import { sendKeys } from '@herald/client/testing/keys';
import { createKnowledgeMock } from './testing/mock-backend.js';
import type { HeraldKnowledgeView } from './knowledge-view.js';
import './define.js';

async function mount(locale = 'en', options: Parameters<typeof createKnowledgeMock>[0] = {}) {
  const backend = createKnowledgeMock(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const { el } = await mountWith<HeraldKnowledgeView>(
    html`<herald-knowledge-view locale=${locale}></herald-knowledge-view>`,
    client,
  );
  await until(() => $$(el, 'button[part="item"]').length === 2, 4000, 'the two published items');
  return { el, backend };
}

describe('<herald-knowledge-view> (issue 19 #7)', () => {
  it('lists what is published, is accessible, and finds an item by a 2-character Chinese word', async () => {
    const { el, backend } = await mount();
    expect($(el, 'h2').textContent).to.equal('Knowledge space');
    await expect(el).to.be.accessible();
    fill($<HTMLInputElement>(el, 'input[type="search"]'), '放假');
    await until(() => $$(el, 'button[part="item"]').length === 1, 4000, 'the search result');
    expect($(el, 'button[part="item"] .subject').textContent).to.contain('春节放假');
    expect(backend.calls.some((c) => c.url.searchParams.get('q') === '放假')).to.equal(true);
  });

  it('filters by tag (the tags of what the reader finds, with counts)', async () => {
    const { el, backend } = await mount();
    await until(() => $$(el, 'select[part="tag-filter"] option').length === 3, 4000, 'the tag options');
    expect($$(el, 'option')[2]!.textContent!.trim()).to.equal('项目 › 前端 (1)');
    fill($<HTMLSelectElement>(el, 'select[part="tag-filter"]'), 't-fe');
    await until(() => $$(el, 'button[part="item"]').length === 1, 4000, 'the tagged item');
    expect($(el, 'button[part="item"] .subject').textContent).to.contain('前端性能');
    expect(backend.calls.at(-1)!.url.searchParams.get('tagId')).to.equal('t-fe');
  });

  it('opens an item read-only with its files, downloaded through the item; Escape goes back', async () => {
    const { el, backend } = await mount();
    $$<HTMLButtonElement>(el, 'button[part="item"]')[1]!.click();
    await until(() => $(el, '#item-subject')?.textContent === '分享：前端性能优化实践', 4000, 'the reader');
    expect(el.shadowRoot!.activeElement?.id).to.equal('item-subject');
    expect($(el, '[part="body"]').textContent).to.contain('见附件');
    expect($(el, '[part="reader"]').textContent).to.contain('Read-only copy');
    expect($(el, '[part="reader"] textarea, [part="reader"] [contenteditable]')).to.equal(null);
    const download = $<HTMLButtonElement>(el, '[part="attachments"] button');
    expect(download.getAttribute('aria-label')).to.equal('Download 前端性能优化清单.txt');
    download.click();
    await until(() => backend.calls.some((c) => c.path === '/knowledge/k2/attachments/f1'), 4000, 'the download');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '#item-subject'), 4000, 'back to the list');
    await until(() => el.shadowRoot!.activeElement?.getAttribute('data-id') === 'k2', 4000, 'focus on the item');
  });

  it('moves between items with the arrow keys and focuses the search with /', async () => {
    const { el } = await mount();
    $$<HTMLButtonElement>(el, 'button[part="item"]')[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal('k2');
    await sendKeys({ press: 'ArrowUp' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal('k1');
    await sendKeys({ press: '/' });
    expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('search');
  });

  it('its publisher unpublishes it; a reader who may not sees no such button', async () => {
    const { el } = await mount();
    $$<HTMLButtonElement>(el, 'button[part="item"]')[0]!.click();
    await until(() => $(el, '#item-subject'), 4000, 'the first item');
    expect($(el, '.danger')).to.equal(null);
    $$<HTMLButtonElement>(el, 'button[part="item"]')[1]!.click();
    await until(() => $(el, '.danger'), 4000, 'the unpublish button');
    $<HTMLButtonElement>(el, '.danger').click();
    await until(() => $$(el, 'button[part="item"]').length === 1, 4000, 'the item gone');
    expect($(el, '[part="status"]').textContent).to.equal('Unpublished from the knowledge space.');
  });

  it('S4: opens an item-id given after a first load without one (a binding that starts undefined)', async () => {
    const backend = createKnowledgeMock();
    const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
    const { el } = await mountWith<HeraldKnowledgeView>(
      html`<herald-knowledge-view .itemId=${undefined as unknown as string}></herald-knowledge-view>`,
      client,
    );
    await until(() => $$(el, 'button[part="item"]').length === 2, 4000, 'the two published items');
    el.itemId = 'k2';
    await until(() => $(el, '#item-subject')?.textContent === '分享：前端性能优化实践', 4000, 'the item');
  });

  it('speaks Chinese in zh-CN', async () => {
    const { el } = await mount('zh-CN');
    expect($(el, 'h2').textContent).to.equal('知识库');
    expect($(el, 'input[type="search"]').getAttribute('aria-label')).to.equal('搜索知识库');
    expect($(el, 'button[part="item"] .meta').textContent).to.contain('孙七 发布');
  });
});
