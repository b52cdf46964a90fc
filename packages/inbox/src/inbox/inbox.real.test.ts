// <herald-inbox> on the real test server (proxied at /api/ by the root wtr config): a fresh member receives messages
// from `wtr-admin` and uses the inbox. Skipped when there is no test server.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@herald/client/testing/keys';
import { fill, mountWith } from '@herald/client/testing/mount';
import { realRecipient } from '@herald/client/testing/real-mailbox';
import '../define.js';
import type { HeraldMessageView } from '../message/message-view.js';
import { $, $$, ignoreResizeObserverLoop, until } from '../testing/mount.js';
import type { HeraldInbox } from './inbox.js';

const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const rowIds = (el: HeraldInbox) => rows(el).map((r) => r.dataset.id);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const mountInbox = (client: Parameters<typeof mountWith>[1]) =>
  mountWith<HeraldInbox>(
    html`<herald-inbox locale="zh-CN" style="--herald-inbox-height: 40rem; width: 1100px"></herald-inbox>`,
    client,
  );

describe('<herald-inbox> on the real server', function () {
  before(ignoreResizeObserverLoop);

  it(
    'issue 23: every tag picker lists tags in tree order with their path, and the batch bar fits its ' + 'column',
    async function () {
      const seeded = await realRecipient([{ subject: '需求评审' }]);
      if (!seeded) return this.skip();
      const { client, call } = seeded;
      // Created out of tree order: a flat list would put 其他 between 项目 and 项目A.
      const project = await call('POST', '/tags', { scope: 'personal', name: '项目' });
      await call('POST', '/tags', { scope: 'personal', name: '其他' });
      const projectA = await call('POST', '/tags', { scope: 'personal', name: '项目A', parentId: project.id });
      const talks = await call('POST', '/tags', { scope: 'personal', name: '需求沟通', parentId: projectA.id });
      const { el } = await mountInbox(client);
      await until(() => rows(el).length === 1, 10_000, 'the row');
      rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
      await until(() => $(el, '[part="batch-bar"]'), 5000, 'batch bar');
      // The tags load beside the list (a CI run read the picker before they came): wait for the deepest one.
      const tagOptions = () =>
        [...($(el, 'select[data-action="tag"]')?.querySelectorAll('option') ?? [])].map((o) => o.textContent!.trim());
      await until(() => tagOptions().some((l) => l.endsWith('需求沟通')), 5000, 'the tags in the picker');
      const labels = tagOptions().slice(1);
      const at = labels.indexOf('项目');
      expect(labels.slice(at, at + 3), labels.join(' | ')).to.deep.equal([
        '项目',
        '项目 › 项目A',
        '项目 › 项目A › 需求沟通',
      ]);
      expect(labels).to.include('其他');
      expect($(el, 'select[data-action="tag"] optgroup')!.getAttribute('label')).to.equal('我的标签');
      // Two rows at most — the selection, then the actions side by side — and nothing sticks out of the column.
      const bar = $(el, '[part="batch-bar"]');
      expect(bar.scrollWidth, 'no horizontal overflow').to.be.at.most(bar.clientWidth);
      const actionTops = new Set(
        $$(el, '[part="batch-bar"] .actions > *').map((c) => Math.round(c.getBoundingClientRect().top)),
      );
      expect(actionTops.size, 'the actions on one row').to.equal(1);
      const barTops = new Set(
        [...bar.querySelectorAll('button, select, .selected-count')].map((c) =>
          Math.round(c.getBoundingClientRect().top),
        ),
      );
      expect(barTops.size, 'two rows').to.be.at.most(2);
      await expect(el).to.be.accessible();
      // Tagging from the bar: the row shows the tag.
      fill($<HTMLSelectElement>(el, 'select[data-action="tag"]'), talks.id);
      await until(() => text(rows(el)[0]!.querySelector('[part="tag"]')) === '需求沟通', 5000, 'tag chip');
      // Archive from the bar: "Undo" beside the outcome brings the entry back.
      const id = rows(el)[0]!.dataset.id;
      $(el, '[part="batch-bar"] [data-action="archive"]').click();
      await until(() => !rowIds(el).includes(id) && $(el, '#batch-undo'), 5000, 'archived with undo');
      $(el, '#batch-undo').click();
      await until(() => rowIds(el).includes(id), 5000, 'back after undo');
      expect(text($(el, '[part="batch-status"]'))).to.equal('已移回收件箱：1 条。');
      await client.signOut();
    },
  );

  it(
    'issue 23: the reading pane has reply, archive, tags and delete with shortcuts; archive and delete offer ' + 'Undo',
    async function () {
      const seeded = await realRecipient([
        { subject: '机房巡检' },
        { subject: '机房断电', kind: 'urgent', priority: 'urgent' },
      ]);
      if (!seeded) return this.skip();
      const {
        client,
        call,
        ids: [check, urgent],
      } = seeded;
      const tag = await call('POST', '/tags', { scope: 'personal', name: '运维' });
      const { el } = await mountInbox(client);
      await until(() => rowIds(el).includes(check), 10_000, 'rows');

      // An urgent message says "紧急" once: the priority badge (the kind reads as internal).
      el.open(urgent!);
      await el.updateComplete;
      const view = () => $<HeraldMessageView>(el, 'herald-message-view');
      await until(() => view()?.message?.id === urgent && $(view(), '#mv-archive'), 10_000, 'urgent message');
      const badges = text($(view(), '.badges'));
      expect((badges.match(/紧急/g) ?? []).length, badges).to.equal(1);

      el.open(check!);
      await until(() => view()?.message?.id === check && $(view(), '#mv-archive'), 10_000, 'the message');
      expect($$(view(), '[part="toolbar"] button, [part="toolbar"] select').map((c) => c.id)).to.deep.equal([
        'mv-reply',
        'mv-archive',
        'mv-tag',
        'mv-star', // issue 20
        'mv-snooze',
        'mv-delete',
      ]);
      await expect(view()).to.be.accessible();

      // e archives: said beside the toolbar, the row leaves the inbox; Undo brings it back.
      $(view(), '#mv-archive').focus();
      await sendKeys({ press: 'e' });
      await until(() => text($(view(), '.mv-toolbar-status')).startsWith('已归档。'), 5000, 'archived');
      await until(() => !rowIds(el).includes(check), 5000, 'row gone');
      expect(text($(view(), '#mv-archive'))).to.equal('移回收件箱');
      $(view(), '#mv-undo').click();
      await until(() => rowIds(el).includes(check), 5000, 'row back after undo');
      expect(text($(view(), '.mv-toolbar-status'))).to.equal('已移回收件箱。');
      expect((await call('GET', `/messages/${check}`)).mine.archivedAt).to.equal(null);

      // Delete (button), then z undoes it.
      $(view(), '#mv-delete').click();
      await until(() => text($(view(), '.mv-toolbar-status')).startsWith('已移到回收站。'), 5000, 'deleted');
      await until(() => !rowIds(el).includes(check), 5000, 'row gone to the trash');
      $(view(), '#mv-delete').focus();
      await sendKeys({ press: 'z' });
      await until(() => rowIds(el).includes(check), 5000, 'row back after undo');
      expect((await call('GET', `/messages/${check}`)).mine.deletedAt).to.equal(null);

      // l focuses the tag picker; picking a tag shows it on the row.
      $(view(), '#mv-archive').focus();
      await sendKeys({ press: 'l' });
      expect(view().shadowRoot!.activeElement?.id).to.equal('mv-tag');
      fill($<HTMLSelectElement>(view(), '#mv-tag'), tag.id);
      await until(
        () => rows(el).some((r) => r.dataset.id === check && text(r.querySelector('[part="tag"]')) === '运维'),
        5000,
        'tag on the row',
      );

      // r goes to the reply box.
      $(view(), '#mv-archive').focus();
      await sendKeys({ press: 'r' });
      await until(() => view().shadowRoot!.activeElement?.id === 'reply-text', 5000, 'reply focused');
      await client.signOut();
    },
  );

  it(
    'issue 23: a search from the Inbox also finds archived messages, says where each lives, and offers the other ' +
      'folders',
    async function () {
      const seeded = await realRecipient([
        { subject: '机房巡检' },
        { subject: '机房断电' },
        { subject: '机房空调' },
        { subject: '午餐' },
      ]);
      if (!seeded) return this.skip();
      const {
        client,
        call,
        ids: [inboxHit, archivedHit, trashHit],
      } = seeded;
      await call('POST', '/mailbox/batch', { action: 'archive', messageIds: [archivedHit] });
      await call('POST', '/mailbox/batch', { action: 'delete', messageIds: [trashHit] });
      const { el } = await mountInbox(client);
      await until(() => rows(el).length === 2, 10_000, 'the inbox');
      fill($<HTMLInputElement>(el, 'input.search'), '机房');
      await until(
        () => rowIds(el).sort().join() === [inboxHit, archivedHit].sort().join(),
        5000,
        'inbox and archived hits',
      );
      const archivedRow = rows(el).find((r) => r.dataset.id === archivedHit)!;
      expect(text(archivedRow.querySelector('.folder'))).to.equal('已归档');
      expect(
        rows(el)
          .find((r) => r.dataset.id === inboxHit)!
          .querySelector('.folder'),
      ).to.equal(null);
      await until(() => $(el, '[part="search-scope"] [data-folder]'), 5000, 'folder hint');
      expect(text($(el, '[part="search-scope"] span'))).to.equal('已搜索收件箱和已归档。');
      expect($$(el, '[part="search-scope"] [data-folder]').map(text)).to.deep.equal(['回收站中还有 1 条']);
      await expect(el).to.be.accessible();

      // The trash on request: the same search there, and where else it found something.
      $(el, '[part="search-scope"] [data-folder="trash"]').click();
      await until(() => el.view === 'trash' && rowIds(el).join() === trashHit, 5000, 'the trash hit');
      await until(() => $$(el, '[part="search-scope"] [data-folder]').length === 2, 5000, 'hint in the trash');
      expect(text($(el, '[part="search-scope"] span'))).to.equal('只搜索了回收站。');
      expect($$(el, '[part="search-scope"] [data-folder]').map(text)).to.deep.equal([
        '收件箱中还有 1 条',
        '已归档中还有 1 条',
      ]);
      expect($<HTMLInputElement>(el, 'input.search').value).to.equal('机房');
      await client.signOut();
    },
  );
});
