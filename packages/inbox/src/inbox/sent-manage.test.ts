// Issue 19 #9: senders manage what they sent — the Sent view selects like the inbox (check boxes, shift ranges,
// select all shown, keyboard) and its batch bar holds the sender's actions: tag, archive (Sent › Archived and back),
// star. Against the mock backend (the server's rules: server/src/modules/mailbox/sent-state.test.ts).
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@herald/client/testing/keys';
import '../define.js';
import type { HeraldInbox } from './inbox.js';
import { $, $$, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';

const mount = (locale = 'en') =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale=${locale} view="sent" style="--herald-inbox-height: 30rem; width: 1100px"
    ></herald-inbox>`,
    {},
  );
const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const ready = (el: HeraldInbox) => until(() => rows(el).length > 0, 4000, 'the sent rows');
const selected = (el: HeraldInbox) => rows(el).filter((r) => r.getAttribute('aria-selected') === 'true');
const batches = (backend: { calls: Array<{ path: string; body?: any }> }) =>
  backend.calls.filter((c) => c.path === '/mailbox/batch').map((c) => c.body);
const shiftClick = (el: Element) =>
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
const bar = (el: HeraldInbox) => $(el, '[part="batch-bar"]');
const barReady = (el: HeraldInbox) => until(() => bar(el)?.querySelector('.actions'), 3000, 'the batch bar');

describe('issue 19 #9: <herald-inbox> Sent view, senders manage what they sent', function () {
  before(ignoreResizeObserverLoop);

  it('is accessible with a selection and the batch bar, in English and Chinese', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const { el } = await mount(locale);
      await ready(el);
      expect($(el, 'lit-virtualizer').getAttribute('aria-multiselectable')).to.equal('true');
      rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
      await barReady(el);
      await expect(el).to.be.accessible();
    }
  });

  it('selects by check box, shift range and "select all shown"; the bar offers the sender actions only', async () => {
    const { el, backend } = await mount();
    await ready(el);
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    await el.updateComplete;
    shiftClick(rows(el)[2]!.querySelector('[data-check]')!);
    await until(() => selected(el).length === 3, 2000, 'a shift range of three');
    await barReady(el);
    const actions = [...bar(el).querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'));
    expect(actions).to.include.members(['tag', 'archive', 'more']);
    expect(actions).to.not.include('read');
    expect(actions).to.not.include('delete');
    const more = [...bar(el).querySelectorAll<HTMLOptionElement>('[data-action="more"] option')].map((o) => o.value);
    expect(more).to.include.members(['star', 'unstar']);
    expect(more).to.not.include('unread');
    expect(more).to.not.include('export');
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent!.trim() === 'Select all shown')!
      .click();
    await until(() => selected(el).length === rows(el).length, 2000, 'all shown selected');
    expect(backend.calls.some((c) => c.path === '/mailbox/batch')).to.equal(false);
  });

  it('archives the selection out of Sent, undoes it, and tags: the same batch endpoint, by ids', async () => {
    const { el, backend } = await mount();
    await ready(el);
    const [first, second] = rows(el).map((r) => r.dataset.id!);
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    rows(el)[1]!.querySelector<HTMLElement>('[data-check]')!.click();
    await barReady(el);
    bar(el).querySelector<HTMLElement>('[data-action="archive"]')!.click();
    await until(() => batches(backend).length === 1, 3000, 'the archive sent');
    expect(batches(backend)[0]).to.deep.equal({ action: 'archive', messageIds: [first, second] });
    await until(() => !rows(el).some((r) => r.dataset.id === first), 3000, 'archived rows leave Sent');
    const undo = () => $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Undo');
    await until(undo, 3000, 'undo offered');
    undo()!.click();
    await until(() => $(el, '[part="batch-status"]')?.textContent?.includes('Moved back to Sent: 2'), 3000, 'undone');
    await until(() => rows(el).some((r) => r.dataset.id === first), 3000, 'back in Sent');
    // Tag the first one with a personal tag: its chip shows on the row.
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    await barReady(el);
    const select = bar(el).querySelector<HTMLSelectElement>('select[data-action="tag"]')!;
    select.value = 't-me';
    select.dispatchEvent(new Event('change'));
    await until(() => batches(backend).some((b) => b.action === 'tag'), 3000, 'the tag sent');
    expect(batches(backend).at(-1)).to.deep.include({ action: 'tag', tagId: 't-me' });
    await until(() => rows(el)[0]!.querySelector('[part="tag"]'), 3000, 'the tag chip');
  });

  it('keyboard: x and Shift+X select, s stars, e archives; Escape clears', async () => {
    const { el, backend } = await mount();
    await ready(el);
    rows(el)[0]!.focus();
    await sendKeys({ press: 'x' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'Shift+X' });
    await until(() => selected(el).length === 3, 2000, 'three selected by keyboard');
    await sendKeys({ press: 'Escape' });
    await until(() => selected(el).length === 0, 2000, 'cleared');
    const id = rows(el)[2]!.dataset.id!;
    rows(el)[2]!.focus();
    await sendKeys({ press: 's' });
    await until(() => batches(backend).some((b) => b.action === 'star'), 3000, 'starred');
    expect(batches(backend).at(-1)).to.deep.equal({ action: 'star', messageIds: [id] });
    await until(() => rows(el)[2]!.textContent!.includes('★'), 3000, 'the star shown');
    rows(el)[2]!.focus();
    await sendKeys({ press: 'e' });
    await until(() => batches(backend).some((b) => b.action === 'archive'), 3000, 'archived');
    await until(() => !rows(el).some((r) => r.dataset.id === id), 3000, 'gone from Sent');
  });

  it('Sent › Archived: the Archived filter lists the archived ones, moves them back; its chip is Sent’s', async () => {
    const { el, backend } = await mount();
    await ready(el);
    const id = rows(el)[0]!.dataset.id!;
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    await barReady(el);
    bar(el).querySelector<HTMLElement>('[data-action="archive"]')!.click();
    await until(() => !rows(el).some((r) => r.dataset.id === id), 3000, 'archived');
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent!.trim().startsWith('Filters'))!
      .click();
    const toggle = () => $$<HTMLButtonElement>(el, '#filters button').find((b) => b.textContent!.trim() === 'Archived');
    await until(toggle, 3000, 'the Archived filter');
    toggle()!.click();
    await until(
      () => backend.calls.some((c) => c.path === '/sent' && c.query.get('archived') === 'true'),
      3000,
      'asked for the archived ones',
    );
    await until(() => rows(el).length === 1 && rows(el)[0]!.dataset.id === id, 3000, 'only the archived one');
    expect($(el, '[part="chips"]')?.textContent).to.contain('Archived');
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    await barReady(el);
    const back = bar(el).querySelector<HTMLButtonElement>('[data-action="unarchive"]')!;
    expect(back.textContent!.trim()).to.equal('Move back to Sent');
    back.click();
    await until(() => batches(backend).at(-1)?.action === 'unarchive', 3000, 'moved back');
    await until(() => rows(el).length === 0, 3000, 'it left Sent › Archived');
    // The Inbox knows no such filter: no chip there.
    $$<HTMLButtonElement>(el, '[part="view"]')
      .find((b) => b.textContent!.includes('Inbox'))!
      .click();
    await until(() => backend.calls.at(-1)?.path === '/mailbox', 3000, 'the inbox loaded');
    expect($(el, '[part="chips"]')).to.equal(null);
  });
});
