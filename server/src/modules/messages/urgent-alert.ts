// Issue 15: an urgent message's alert in its live frame. Every open page showing `<herald-urgent-alert>` read the
// whole message (`GET /messages/{id}`) as soon as `message.received` arrived: 5,000 open pages were 5,000 reads of one
// message in the same second, and the last alert showed seconds after the delivery. The frames sent to open streams
// now carry what the alert shows, read once per page of events the hub polls (up to 500); the element reads the
// message only when a frame has none.
import { excerptOf } from '@herald/rich-text/plain-text';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { LiveExtension } from '../live/hub.js';
import { pace } from '../../db/write-queue.js';
import type { RichDoc } from './content/index.js';
import { hiddenFromRecipient } from './access.js';
import { docHasPlaceholders, hasPlaceholders } from './content/placeholders.js';
import { messagesByIds, senderNames } from './view.js';

/**
 * `message.received` of an urgent message, for the streams open when it is polled: `"alert":{ subject, sender,
 * excerpt, receiptRequired, deliveredAt }`, what every recipient's view of it shows at that moment. None — the
 * element then reads the message, as before — when that is not the same for every recipient or not shown at all: a
 * message whose subject or body holds placeholders (each recipient's copy is filled with their own values), a reply
 * (its subject follows the thread's first message), one not delivered, recalled, deleted, purged or expired. Never
 * stored nor replayed (`LiveExtension`): a stream that resumes after a recall cannot read what the recall took back.
 */
/** Most urgent messages one call extends (one page of the hub's events holds up to 500 events). */
const MAX_MESSAGES = 20;

export const urgentAlerts =
  (db: Db): LiveExtension =>
  async (events) => {
    const wanted = new Map<number, string>(); // event seq → message id
    const messageIds = new Set<string>();
    for (const e of events) {
      if (!e.payload.includes('urgent')) continue; // most deliveries are not: no parse
      let payload: { messageId?: unknown; priority?: unknown };
      try {
        payload = JSON.parse(e.payload) as typeof payload;
      } catch {
        continue; // a hand-made row: it goes out as stored
      }
      if (payload.priority !== 'urgent' || typeof payload.messageId !== 'string') continue;
      // A few messages per page of events; the events of any more go out as stored (their pages read the message).
      if (!messageIds.has(payload.messageId) && messageIds.size >= MAX_MESSAGES) continue;
      messageIds.add(payload.messageId);
      wanted.set(e.seq, payload.messageId);
    }
    const extras = new Map<number, string>();
    if (!wanted.size) return extras;
    const t = now();
    const shown = (await messagesByIds(db, { ids: JSON.stringify([...messageIds]) })).filter(
      (m) =>
        m.status === 'sent' &&
        m.parentId === null &&
        m.purgedAt === null &&
        !hiddenFromRecipient(m, t) &&
        !hasPlaceholders(m.subject),
    );
    const names = await senderNames(db, shown);
    const alerts = new Map<string, string>();
    for (const m of shown) {
      await pace(); // a body is walked twice: many long ones must not hold the fan-out's loop
      if (docHasPlaceholders(m.body as RichDoc)) continue;
      const alert = {
        subject: m.subject,
        sender: { kind: m.senderKind, id: m.senderId, name: names.get(m.senderId) ?? '' },
        excerpt: excerptOf(m.body),
        receiptRequired: m.receiptRequired,
        deliveredAt: m.deliveredAt,
      };
      alerts.set(m.id, `"alert":${JSON.stringify(alert)}`);
    }
    for (const [seq, id] of wanted) {
      const alert = alerts.get(id);
      if (alert) extras.set(seq, alert);
    }
    return extras;
  };
