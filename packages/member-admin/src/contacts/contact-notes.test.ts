// Issue 19 item 6 (S5): notes on a contact and the conversations with it, in the contacts tab.
import { expect, html, oneEvent } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import { $, $$, fill, mountMock, mountReal, until } from '../testing/mount.js';
import type { HeraldAdminContacts } from './contacts.js';
import type { HeraldAdminContactNotes } from './contact-notes.js';
import './define.js';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const notesOf = (el: HTMLElement) => $<HeraldAdminContactNotes>(el, 'herald-admin-contact-notes');
/** Opens the notes of the contact on row `index`. */
async function openNotes(el: HeraldAdminContacts, name: string) {
  await until(() => $$(el, '[part="row"]').some((r) => text(r).includes(name)), 5000, `row ${name}`);
  const row = $$(el, '[part="row"]').find((r) => text(r).includes(name))!;
  [...row.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-pressed') !== null)!.click();
  await until(() => notesOf(el)?.shadowRoot?.querySelector('#n-text'), 5000, 'notes');
  return notesOf(el);
}

describe('<herald-admin-contact-notes> (issue 19 item 6)', () => {
  it('shows the timeline and the conversations beside it, accessibly, and logs a call', async () => {
    const { el, backend } = await mountMock<HeraldAdminContacts>(html`<herald-admin-contacts></herald-admin-contacts>`);
    const notes = await openNotes(el, '陈经理');
    await until(() => $$(notes, '[part="note"]').length === 2, 5000, 'two notes');
    expect(notes.shadowRoot!.activeElement?.id).to.equal('n-text', 'focus moves to the new note');
    expect($$(notes, '[part="note"]').map((n) => text(n.querySelector('strong')))).to.deep.equal(['Agreement', 'Call']);
    expect($$(notes, '[part="conversations"] li').map((li) => text(li.querySelector('strong')))).to.deep.equal([
      'Re: 合同续签事宜',
      '合同续签事宜',
    ]);
    expect(text($$(notes, '[part="conversations"] li')[0]!)).to.contain('From 陈经理');
    await expect(el).to.be.accessible();
    await expect(notes).to.be.accessible();

    $<HTMLFormElement>(notes, '[part="note-form"]').requestSubmit();
    await notes.updateComplete;
    expect(text($(notes, '#n-text-error'))).to.equal('Required.');
    const kind = $<HTMLSelectElement>(notes, '#n-kind');
    kind.value = 'meeting';
    kind.dispatchEvent(new Event('change'));
    fill($(notes, '#n-text'), '上门拜访，确认了交货日期。');
    const logged = oneEvent(el, 'herald-contact-note-create');
    $<HTMLFormElement>(notes, '[part="note-form"]').requestSubmit();
    expect((await logged).detail.contactId).to.equal('c1');
    expect(backend.notes.c1![0]!.kind).to.equal('meeting');
    await until(() => $$(notes, '[part="note"]').length === 3);
    expect(text($(notes, '[part="status"]'))).to.equal('Logged.');
  });

  it('lets the author correct their own note; others’ notes have no edit button', async () => {
    const { el } = await mountMock<HeraldAdminContacts>(html`<herald-admin-contacts></herald-admin-contacts>`);
    const notes = await openNotes(el, '陈经理');
    await until(() => $$(notes, '[part="note"]').length === 2);
    expect($$(notes, '[part="note"] button')).to.have.length(0);
    fill($(notes, '#n-text'), '电话沟通');
    $<HTMLFormElement>(notes, '[part="note-form"]').requestSubmit();
    await until(() => $$(notes, '[part="note"] button').length === 1);
    const edit = $<HTMLButtonElement>(notes, '[part="note"] button');
    expect(edit.getAttribute('aria-label')).to.match(/^Edit the note of /);
    edit.click();
    await notes.updateComplete;
    fill($(notes, '#e-text'), '电话沟通：已确认');
    const updated = oneEvent(el, 'herald-contact-note-update');
    $<HTMLFormElement>(notes, '[part="note"] form').requestSubmit();
    await updated;
    await until(() => text($(notes, '[part="note"]')).includes('电话沟通：已确认'));
    expect(text($(notes, '[part="note"]'))).to.contain('(edited)');
    await expect(notes).to.be.accessible();
  });

  it('S5: used alone, shows the notes of a contact given after a first load without one', async () => {
    const { el, backend } = await mountMock<HeraldAdminContactNotes>(
      html`<herald-admin-contact-notes></herald-admin-contact-notes>`,
    );
    // The first load (once the session is known) had no contact to load.
    const timeline = (el as unknown as { timeline: { status: TaskStatus } }).timeline;
    await until(() => timeline.status === TaskStatus.COMPLETE, 5000, 'the first load');
    el.contact = backend.contacts.find((c) => c.id === 'c1');
    await until(() => $$(el, '[part="note"]').length === 2, 5000, "the contact's two notes");
    expect($$(el, '[part="conversations"] li')).to.have.length(2);
  });

  it('speaks Chinese', async () => {
    const { el } = await mountMock<HeraldAdminContacts>(
      html`<herald-admin-contacts locale="zh-CN"></herald-admin-contacts>`,
    );
    const notes = await openNotes(el, '陈经理');
    await until(() => $$(notes, '[part="note"]').length === 2);
    expect(text($(notes, '#notes-title'))).to.equal('陈经理的沟通记录');
    expect(text($(notes, '#conversations-title'))).to.equal('往来消息');
    await expect(notes).to.be.accessible();
  });
});

describe('<herald-admin-contact-notes> against the real server', () => {
  it('logs a note on a new contact and shows it in the timeline', async function () {
    const mounted = await mountReal<HeraldAdminContacts>(html`<herald-admin-contacts></herald-admin-contacts>`);
    if (!mounted) return this.skip();
    const { el } = mounted;
    await until(() => $(el, '#new-contact'));
    $<HTMLButtonElement>(el, '#new-contact').click();
    await el.updateComplete;
    const name = `笔记客户${Date.now() % 100000}`;
    fill($(el, '#c-name'), name);
    const created = oneEvent(el, 'herald-contact-create');
    $<HTMLFormElement>(el, '[part="form"]').requestSubmit();
    await created;
    const notes = await openNotes(el, name);
    await until(() => text($(notes, '[part="timeline"], p.muted')).length > 0);
    fill($(notes, '#n-text'), '电话确认需求');
    const logged = oneEvent(el, 'herald-contact-note-create');
    $<HTMLFormElement>(notes, '[part="note-form"]').requestSubmit();
    await logged;
    await until(() => $$(notes, '[part="note"]').length === 1, 5000, 'the note');
    expect(text($(notes, '[part="note"]'))).to.contain('电话确认需求');
    expect($$(notes, '[part="note"] button')).to.have.length(1, 'its author may correct it');
    await expect(notes).to.be.accessible();
  });
});
