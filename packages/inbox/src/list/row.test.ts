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
