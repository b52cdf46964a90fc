// Issue 21: a host page cannot break the inbox's sizes — neither by `html { font-size: 62.5% }` (a common reset) nor by
// setting every documented size token in px. Geometry checked in real Chromium: rows keep their text inside and do
// not overlap, the tag tree is not cut off.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldInbox } from './inbox.js';
import { $, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';

const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const mount = (style: string) =>
  mountInbox<HeraldInbox>(html`<herald-inbox locale="en" style="width: 1100px; ${style}"></herald-inbox>`, {});

/** Every row's lines sit inside it, and each row starts where the previous one ends. */
function expectRowsIntact(el: HeraldInbox) {
  const boxes = rows(el)
    .map((row) => ({ row, box: row.getBoundingClientRect() }))
    .sort((a, b) => a.box.top - b.box.top);
  expect(boxes.length).to.be.greaterThan(3);
  for (const [i, { row, box }] of boxes.entries()) {
    for (const part of row.querySelectorAll<HTMLElement>('.who, .subject, .meta')) {
      const inner = part.getBoundingClientRect();
      expect(inner.bottom, `row ${i} ${part.className} inside its row`).to.be.at.most(box.bottom + 0.5);
      expect(inner.top).to.be.at.least(box.top - 0.5);
    }
    if (i > 0) expect(box.top, `row ${i} below row ${i - 1}`).to.be.at.least(boxes[i - 1]!.box.bottom - 0.5);
  }
}

/** The tag tree's entries are all reachable: none is clipped by the sidebar without a way to scroll to it. */
function expectTagTreeWhole(el: HeraldInbox) {
  const sidebar = $(el, '.sidebar');
  const tags = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tag-link"]')];
  expect(tags.length).to.be.greaterThan(0);
  const scrollable = getComputedStyle(sidebar).overflowY === 'auto';
  for (const tag of tags) {
    const box = tag.getBoundingClientRect();
    expect(box.height, `${tag.textContent} has a height`).to.be.greaterThan(0);
    expect(box.right, `${tag.textContent} not cut at the side`).to.be.at.most(
      sidebar.getBoundingClientRect().right + 0.5,
    );
    expect(tag.scrollWidth, `${tag.textContent} text fits (or wraps)`).to.be.at.most(tag.clientWidth + 1);
  }
  expect(scrollable || sidebar.scrollHeight <= sidebar.clientHeight).to.equal(true);
}

describe('issue 21: a hostile host page', function () {
  before(ignoreResizeObserverLoop);
  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  it('html { font-size: 62.5% } does not shrink the widget', async () => {
    const normal = await mount('');
    await until(() => rows(normal.el).length > 0, 4000, 'rows');
    const normalRow = getComputedStyle(rows(normal.el)[0]!).fontSize;
    const normalHeight = rows(normal.el)[0]!.getBoundingClientRect().height;
    document.documentElement.style.fontSize = '62.5%';
    const reset = await mount('');
    await until(() => rows(reset.el).length > 0, 4000, 'rows');
    expect(getComputedStyle(rows(reset.el)[0]!).fontSize).to.equal(normalRow);
    expect(normalRow).to.equal('14px');
    expect(rows(reset.el)[0]!.getBoundingClientRect().height).to.equal(normalHeight);
    expectRowsIntact(reset.el);
  });

  it(
    'every documented size token set in px (and large): rows grow with them, nothing overlaps or is cut ' + 'off',
    async () => {
      const { el } =
        await mount(`--herald-space-1: 6px; --herald-space-2: 14px; --herald-space-3: 16px; --herald-space-4: 20px;
      --herald-space-6: 28px; --herald-font-size-s: 20px; --herald-font-size-m: 20px; --herald-font-size-l: 26px;
      --herald-radius-s: 6px; --herald-radius-m: 10px; --herald-inbox-height: 700px`);
      await until(() => rows(el).length > 0, 4000, 'rows');
      expect(getComputedStyle(rows(el)[0]!).fontSize).to.equal('20px');
      expectRowsIntact(el);
      expectTagTreeWhole(el);
    },
  );
});
