// The reach dashboard's routes in the in-memory back office (issue 24, docs/api.md "Reach"): fixed figures shaped as
// the server answers them. Stories and tests only.
import { json } from '@herald/client/test-helpers';
import type { ReachSummary } from '../api/types.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 5, 9, 0);

export const REACH_SUMMARY = (days = 30): ReachSummary => ({
  from: NOW - days * 86_400_000,
  to: NOW,
  days,
  sent: {
    total: 57,
    byKind: { internal: 40, external: 9, urgent: 8 },
    byPriority: { normal: 31, high: 18, urgent: 8 },
    cells: [
      { kind: 'internal', priority: 'normal', count: 26 },
      { kind: 'internal', priority: 'high', count: 14 },
      { kind: 'internal', priority: 'urgent', count: 0 },
      { kind: 'external', priority: 'normal', count: 5 },
      { kind: 'external', priority: 'high', count: 4 },
      { kind: 'external', priority: 'urgent', count: 0 },
      { kind: 'urgent', priority: 'normal', count: 0 },
      { kind: 'urgent', priority: 'high', count: 0 },
      { kind: 'urgent', priority: 'urgent', count: 8 },
    ],
  },
  timeToRead: { count: 1840, p50: 42 * MIN, p90: 7 * 60 * MIN },
  timeToConfirm: { count: 610, p50: 95 * MIN, p90: 30 * 60 * MIN },
  urgent: {
    messages: 8,
    reached: 7,
    p50: 18 * MIN,
    p90: 55 * MIN,
    latest: [
      { id: 'u1', subject: '机房断电演练', deliveredAt: NOW - 86_400_000, recipients: 120, reachedMs: 12 * MIN },
      {
        id: 'u2',
        subject: 'Network outage: VPN down',
        deliveredAt: NOW - 3 * 86_400_000,
        recipients: 340,
        reachedMs: 55 * MIN,
      },
      { id: 'u3', subject: '台风停工通知', deliveredAt: NOW - 9 * 86_400_000, recipients: 800, reachedMs: null },
    ],
  },
  channels: [
    { channel: 'email', sent: 930, failed: 12, waiting: 3, skipped: 40, cancelled: 120, successRate: 930 / 942 },
    { channel: 'webhook', sent: 57, failed: 0, waiting: 0, skipped: 0, cancelled: 0, successRate: 1 },
    { channel: 'sms', sent: 0, failed: 0, waiting: 0, skipped: 5, cancelled: 0, successRate: null },
  ],
  approvals: {
    waiting: 4,
    oldestMs: 4 * 86_400_000,
    medianMs: 5 * 60 * MIN,
    byAge: [
      { bucket: 'hour', count: 1 },
      { bucket: 'day', count: 2 },
      { bucket: 'week', count: 1 },
      { bucket: 'older', count: 0 },
    ],
  },
});

/** Answers `/reach/summary` and its export; undefined for anything else. */
export function reachRoute(method: string, path: string, url: URL): Response | undefined {
  if (method !== 'GET') return undefined;
  const days = Number(url.searchParams.get('days') ?? 30);
  if (path === '/reach/summary') return json(REACH_SUMMARY(days));
  if (path === '/reach/summary/export')
    return new Response(new Blob(['PK-fake-xlsx']), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="reach-${days}d.xlsx"`,
      },
    });
  return undefined;
}
