// <herald-draft-list> (issue 20 #2) on the real test server (proxied at /api/ by the root wtr config): a fresh member's
// drafts listed with their summaries, continued, deleted with Undo, followed live; both locales; keyboard; axe.
// Skipped when there is no test server.
import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@herald/client/testing/keys';
import { mountWith } from '@herald/client/testing/mount';
import { realRecipient, type Call } from '@herald/client/testing/real-mailbox';
import type { HeraldClient } from '@herald/client';
import { $, $$, until } from '../testing/mount.js';
import type { HeraldDraftDeleteRequestEvent, HeraldDraftOpenEvent } from '../events/index.js';
import type { HeraldInbox } from '../inbox/inbox.js';
import type { HeraldDraftList } from './draft-list.js';
import './define.js';
import '../inbox/define.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const doc = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
const subjects = (el: Element) => $$(el, '[part="subject"]').map((s) => text(s));

/** A fresh member with two drafts (older: a subject, people and text; newer: nothing but a recipient). */
async function seeded(): Promise<{ client: HeraldClient; call: Call; older: string; newer: string } | null> {
  const member = await realRecipient([]);
  if (!member) return null;
  const { call } = member;
  const older = await call('POST', '/drafts', {
    data: {
      subject: '周报',
      recipients: [
        { kind: 'member', id: 'a', name: 'Ada' },
        { kind: 'member', id: 'b', name: 'Bo' },
        { kind: 'department', id: 'c', name: 'Tech' },
        { kind: 'member', id: 'd', name: 'Dee' },
      ],
      body: doc('<img src=x onerror=alert(1)> this week'),
    },
  });
  const newer = await call('POST', '/drafts', { data: { subject: '', recipients: [{ id: 'a', name: 'Ada' }] } });
  return { ...member, older: older.id, newer: newer.id };
}

const mountList = (client: HeraldClient, locale = 'en') =>
  mountWith<HeraldDraftList>(html`<herald-draft-list locale=${locale}></herald-draft-list>`, client);

describe('<herald-draft-list> (issue 20 #2)', function () {
  it('lists every draft newest first: subject, recipients, a text-only preview, time; axe-clean', async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountList(s.client);
    await until(() => subjects(el).length === 2, 10_000, 'two drafts');
    expect(subjects(el)).to.deep.equal(['(no subject)', '周报']);
    const [newer, older] = $$(el, '[part="draft"]');
    expect(text(newer!.querySelector('[part="recipients"]'))).to.equal('Ada');
    expect(text(older!.querySelector('[part="recipients"]'))).to.equal('Ada Bo Tech and 1 more');
    // The body's markup is text, never elements.
    expect(text(older!.querySelector('[part="preview"]'))).to.equal('<img src=x onerror=alert(1)> this week');
    expect(older!.querySelector('img')).to.equal(null);
    expect(text(older!.querySelector('time'))).to.match(/^Saved /);
    // The button's name is what it shows (subject first), as a screen reader reads the row.
    expect(text(older!.querySelector('[part="open"]'))).to.match(/^周报 Saved /);
    await expect(el).to.be.accessible();
  });

  it('keyboard: ↓ moves, Enter continues (herald-draft-open), Delete deletes with Undo', async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountList(s.client);
    await until(() => subjects(el).length === 2, 10_000, 'two drafts');
    $$(el, 'button.open')[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal($$(el, 'button.open')[1]);
    const opened = oneEvent(el, 'herald-draft-open') as Promise<HeraldDraftOpenEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail.draftId).to.equal(s.older);

    const asked = oneEvent(el, 'herald-draft-delete-request') as Promise<HeraldDraftDeleteRequestEvent>;
    await sendKeys({ press: 'Delete' });
    expect((await asked).detail.draftId).to.equal(s.older);
    await until(() => subjects(el).length === 1, 10_000, 'the draft gone');
    expect(text($(el, '[part="status"]'))).to.contain('Draft deleted.');
    const left = (await s.call('GET', '/drafts?fields=summary')).items as Array<{ id: string }>;
    expect(left.map((d) => d.id)).to.deep.equal([s.newer]);
    // Focus stayed in the list; Undo brings the draft back with its text.
    expect(el.shadowRoot!.activeElement).to.equal($$(el, 'button.open')[0]);
    $(el, '.undo').click();
    await until(() => subjects(el).includes('周报'), 10_000, 'the draft back');
    expect(text($(el, '[part="status"]'))).to.contain('Draft restored.');
    const back = (await s.call('GET', '/drafts')).items as Array<{ subject: string; preview: string }>;
    expect(back.find((d) => d.subject === '周报')!.preview).to.contain('this week');
  });

  it('a cancelled delete request deletes nothing', async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountList(s.client);
    await until(() => subjects(el).length === 2, 10_000, 'two drafts');
    el.addEventListener('herald-draft-delete-request', (e) => e.preventDefault(), { once: true });
    const asked = oneEvent(el, 'herald-draft-delete-request');
    $$(el, 'button.delete')[0]!.click();
    await asked;
    expect(subjects(el)).to.have.length(2);
    expect(((await s.call('GET', '/drafts?fields=summary')).items as unknown[]).length).to.equal(2);
  });

  it("follows the member's other tabs live: saved, changed and deleted drafts", async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountList(s.client);
    await until(() => subjects(el).length === 2, 10_000, 'two drafts');
    s.client.live.start(); // as <herald-provider> does
    await until(() => s.client.live.status === 'open', 10_000, 'the live stream open');
    const third = await s.call('POST', '/drafts', { data: { subject: '第三份' } });
    await until(() => subjects(el)[0] === '第三份', 10_000, 'the new draft on top');
    await s.call('PUT', `/drafts/${s.older}`, { data: { subject: '周报 v2' } });
    await until(() => subjects(el)[0] === '周报 v2', 10_000, 'the changed draft on top');
    await s.call('DELETE', `/drafts/${third.id}`);
    await until(() => !subjects(el).includes('第三份'), 10_000, 'the deleted draft gone');
    expect(subjects(el)).to.deep.equal(['周报 v2', '(no subject)']);
    s.client.live.close();
  });

  it('zh-CN: the same list in Chinese, axe-clean', async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountList(s.client, 'zh-CN');
    await until(() => subjects(el).length === 2, 10_000, 'two drafts');
    expect(subjects(el)).to.deep.equal(['（无主题）', '周报']);
    expect(text($$(el, '[part="recipients"]')[1])).to.contain('等 1 人');
    expect(text($$(el, 'time')[0])).to.match(/^保存于 /);
    expect($$(el, 'button.delete')[1]!.getAttribute('aria-label')).to.equal('删除草稿 周报');
    await expect(el).to.be.accessible();
  });

  it('shows the empty state when there are no drafts', async function () {
    const member = await realRecipient([]);
    if (!member) return this.skip();
    const { el } = await mountList(member.client);
    await until(() => $(el, '[part="empty"]'), 10_000, 'the empty state');
    expect(text($(el, '[part="empty"]'))).to.contain('No drafts');
  });

  it("the inbox's Drafts view loads the list lazily, and its herald-draft-open reaches the page", async function () {
    const s = await seeded();
    if (!s) return this.skip();
    const { el } = await mountWith<HeraldInbox>(
      html`<herald-inbox locale="en" style="--herald-inbox-height: 30rem; width: 1000px"></herald-inbox>`,
      s.client,
    );
    const draftsButton = () => $$(el, '[part="view"]').find((b) => text(b) === 'Drafts');
    await until(draftsButton, 10_000, 'the Drafts view button');
    draftsButton()!.click();
    await until(() => $(el, 'herald-draft-list'), 10_000, 'the draft list');
    const list = $<HeraldDraftList>(el, 'herald-draft-list');
    await until(() => subjects(list).length === 2, 10_000, 'two drafts');
    expect(draftsButton()!.getAttribute('aria-current')).to.equal('page');
    const opened = oneEvent(document, 'herald-draft-open') as Promise<HeraldDraftOpenEvent>;
    $$(list, 'button.open')[0]!.click();
    expect((await opened).detail.draftId).to.equal(s.newer);
  });
});
