import { expect } from '@open-wc/testing';
import { makeMessage } from '../testing/mock-backend.js';
import { summaryOf } from '../state/summary.js';
import type { InboxRow } from '../state/list-store.js';
import { rowFlags, type RowContext } from './row.js';

const ctx = { sent: false } as RowContext;
const row = (expired: boolean): InboxRow => ({
  message: summaryOf(makeMessage(1, Date.UTC(2026, 10, 24), { expired })),
  state: {
    deliveredAt: 1,
    readAt: null,
    confirmedAt: null,
    progress: null,
    progressNote: null,
    progressAt: null,
    archivedAt: null,
    deletedAt: null,
    starredAt: null,
    snoozedUntil: null,
    mentioned: false,
    tagIds: [],
    pinned: false,
    needsConfirmation: false,
  },
});

describe('rowFlags', () => {
  it("issue 14 #6: an expired message is never shown as unread (one rule with the server's unread count)", () => {
    expect(rowFlags(row(false), ctx).unread).to.equal(true);
    expect(rowFlags(row(true), ctx).unread).to.equal(false);
    expect(rowFlags(row(true), ctx).expired).to.equal(true);
  });
});

describe('renderRow (issue 20)', () => {
  it('#5 shows the preview line as text, #3 marks a starred entry with an accessible name', async () => {
    const { fixture } = await import('@open-wc/testing');
    const { html } = await import('lit');
    const { renderRow, rowFormatters } = await import('./row.js');
    const i18n = { t: (key: string) => key, number: String, locale: 'en' } as unknown as RowContext['i18n'];
    const base = row(false);
    const starred: InboxRow = {
      message: { ...base.message, snippet: '<b>not markup</b> first words' },
      state: { ...base.state!, starredAt: 5 },
    };
    const rowCtx: RowContext = { i18n, tags: new Map(), sent: false, total: 1, now: 0, ...rowFormatters(i18n, 0) };
    const el = await fixture<HTMLElement>(html`<div>${renderRow(starred, 0, true, false, false, rowCtx)}</div>`);
    const preview = el.querySelector('[part="preview"]')!;
    expect(preview.textContent).to.equal('<b>not markup</b> first words');
    expect(preview.querySelector('b')).to.equal(null);
    expect(el.querySelector('[role="img"]')?.getAttribute('aria-label')).to.equal('inbox.view.starred');
    const plain = await fixture<HTMLElement>(html`<div>${renderRow(base, 0, true, false, false, rowCtx)}</div>`);
    expect(plain.querySelector('[role="img"]')).to.equal(null);
  });
});
