// Issue 24: <herald-message-reach> draws what it is given — over time, by department, task progress — accessibly:
// toggle buttons named by their figures, a data table beside each chart, both locales, axe-clean.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@herald/client/testing/keys';
import type { MessageReach } from '../api/message-types.js';
import type { HeraldMessageReach } from './message-reach.js';
import './define.js';

const MIN = 60_000;
const reach = (patch: Partial<MessageReach> = {}): MessageReach => ({
  messageId: 'msg1',
  deliveredAt: Date.UTC(2026, 10, 24, 9, 0),
  receiptRequired: true,
  task: false,
  counts: {
    total: 7,
    read: 4,
    unread: 3,
    confirmed: 2,
    unconfirmed: 5,
    progress: { 'not-started': 3, 'in-progress': 2, done: 2 },
  },
  timeline: {
    step: MIN,
    points: [
      { at: 0, read: 0, confirmed: 0 },
      { at: MIN, read: 2, confirmed: 1 },
      { at: 2 * MIN, read: 4, confirmed: 2 },
    ],
  },
  departments: [
    { key: 'd-market', kind: 'department', name: '市场部', total: 3, read: 0, confirmed: 0 },
    { key: 'd-tech', kind: 'department', name: '技术部', total: 4, read: 4, confirmed: 2 },
    { key: null, kind: 'outside', name: null, total: 0, read: 0, confirmed: 0 },
  ],
  ...patch,
});
const mount = (r: MessageReach, locale = 'en', selected: string | null = null) =>
  fixture<HeraldMessageReach>(
    html`<herald-message-reach locale=${locale} .reach=${r} .selected=${selected}></herald-message-reach>`,
  );
const $ = (el: HeraldMessageReach, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s)!;
const $$ = (el: HeraldMessageReach, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const cells = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

describe('<herald-message-reach> (issue 24)', () => {
  it('is accessible: axe-clean in both locales, the chart named and described, a data table behind it', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const el = await mount(reach(), locale);
      await expect(el).to.be.accessible();
      const svg = $(el, 'svg.timeline');
      expect(svg.getAttribute('role')).to.equal('img');
      const summary = $(el, `#${svg.getAttribute('aria-describedby')}`).textContent;
      expect(summary).to.equal(
        locale === 'en'
          ? '4 of 7 have read it and 2 confirmed, 2 min after delivery.'
          : '送达2分钟后，7 人中 4 人已读，2 人已确认。',
      );
      expect(cells($(el, '#over-time table'))).to.deep.equal([
        ['0', '0', '0'],
        [locale === 'en' ? '+1 min' : '+1分钟', '2', '1'],
        [locale === 'en' ? '+2 min' : '+2分钟', '4', '2'],
      ]);
    }
  });

  it('a bar per department with confirmed / read / not yet in words and in its table', async () => {
    const el = await mount(reach());
    const bars = $$(el, '#departments button.bar-row');
    expect(bars.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      '市场部: 0 of 3 confirmed, 0 read',
      '技术部: 2 of 4 confirmed, 4 read',
    ]);
    // The merged bar of departments outside the viewer's scope is shown, never a button.
    expect($$(el, '#departments div.bar-row').map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Departments outside your scope 0 of 0 confirmed, 0 read',
    ]);
    expect(cells($(el, '#departments table'))[1]).to.deep.equal(['技术部', '2', '2', '4']);
    // Marks are coloured by design tokens only: a class per tone, no inline style.
    expect($$(el, 'rect[data-segment]').map((r) => r.getAttribute('class'))).to.include.members([
      'tone-success',
      'tone-primary',
    ]);
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
  });

  it('a bar is a toggle: Enter chooses it (herald-reach-department-select), choosing it again clears', async () => {
    const el = await mount(reach());
    const tech = $$(el, '#departments button.bar-row')[1]!;
    tech.focus();
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const chosen = await oneEvent(el, 'herald-reach-department-select');
    expect(chosen.detail).to.deep.equal({ department: 'd-tech', label: '技术部' });
    el.selected = 'd-tech';
    await el.updateComplete;
    expect(tech.getAttribute('aria-pressed')).to.equal('true');
    setTimeout(() => void sendKeys({ press: 'Space' }));
    const cleared = await oneEvent(el, 'herald-reach-department-select');
    expect(cleared.detail).to.deep.equal({ department: null, label: null });
  });

  it('a task message shows a bar of progress states; a message without confirmation shows only read', async () => {
    const task = await mount(reach({ task: true, receiptRequired: false }), 'zh-CN');
    expect(cells($(task, '#progress table'))).to.deep.equal([['全部', '2', '2', '3', '7']]);
    expect($$(task, '#over-time polyline').map((p) => p.dataset.series)).to.deep.equal(['read']);
    expect($(task, '#over-time figcaption').textContent).to.equal('送达后的已读');
    await expect(task).to.be.accessible();
  });
});
