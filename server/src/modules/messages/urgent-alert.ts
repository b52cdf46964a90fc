// Issue 15: an urgent message's alert in its live frame. Every open page showing `<herald-urgent-alert>` read the
// whole message (`GET /messages/{id}`) as soon as `message.received` arrived: 5,000 open pages were 5,000 reads of one
// message in the same second, and the last alert showed seconds after the delivery. The frames sent to open streams
// now carry what the alert shows, read once per poll; the element reads the message only when a frame has none.
import { excerptOf } from '@herald/rich-text/plain-text';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { LiveExtension } from '../live/hub.js';
import { hasPlaceholders } from './content/placeholders.js';
import { messagesByIds, senderNames } from './view.js';

/**
 * `message.received` of an urgent message, for the streams open when it is polled: `"alert":{ subject, sender,
 * excerpt, receiptRequired, deliveredAt }`, what every recipient's view of it shows at that moment. None — the
 * element then reads the message, as before — when that is not the same for every recipient or not shown at all: a
 * message whose subject or body holds placeholders (each recipient's copy is filled with their own values), a reply
 * (its subject follows the thread's first message), one not delivered, recalled, deleted, purged or expired. Never
 * stored nor replayed (`LiveExtension`): a stream that resumes after a recall cannot read what the recall took back.
 */
export const urgentAlerts =
  (db: Db): LiveExtension =>
  async (events) => {
    const wanted = new Map<number, string>(); // event seq → message id
    for (const e of events) {
      if (!e.payload.includes('urgent')) continue; // most deliveries are not: no parse
      const payload = JSON.parse(e.payload) as { messageId?: unknown; priority?: unknown };
      if (payload.priority === 'urgent' && typeof payload.messageId === 'string') wanted.set(e.seq, payload.messageId);
    }
    const extras = new Map<number, string>();
    if (!wanted.size) return extras;
    const t = now();
    const shown = (await messagesByIds(db, { ids: JSON.stringify([...new Set(wanted.values())]) })).filter(
      (m) =>
        m.status === 'sent' &&
        m.parentId === null &&
        m.recalledAt === null &&
        m.deletedAt === null &&
        m.purgedAt === null &&
        (m.expiresAt === null || m.expiresAt > t) &&
        !hasPlaceholders(m.subject) &&
        !hasPlaceholders(JSON.stringify(m.body)),
    );
    const names = await senderNames(db, shown);
    const alerts = new Map(
      shown.map((m) => [
        m.id,
        `"alert":${JSON.stringify({
          subject: m.subject,
          sender: { kind: m.senderKind, id: m.senderId, name: names.get(m.senderId) ?? '' },
          excerpt: excerptOf(m.body),
          receiptRequired: m.receiptRequired,
          deliveredAt: m.deliveredAt,
        })}`,
      ]),
    );
    for (const [seq, id] of wanted) {
      const alert = alerts.get(id);
      if (alert) extras.set(seq, alert);
    }
    return extras;
  };
