import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { RichDoc } from '../messages/content/index.js';
import type { Priority } from '../messages/schema.js';
import { SENDERS } from './channels/index.js';
import { DeliveryError, type ChannelSender, type Notification } from './channels/types.js';
import { notifyLocale, renderContent } from './content.js';
import { enqueueRound, nextRound } from './outbox.js';
import { REASONS } from './reasons.js';
import type { Channel } from './schema.js';
import { notifySettings, type NotifySettings } from './settings.js';

export type NotifyWorkerOptions = {
  logger?: Logger | undefined;
  pollMs?: number | undefined;
  retryBaseMs?: number | undefined;
  retryMaxMs?: number | undefined;
  leaseMs?: number | undefined;
  senders?: Record<Channel, ChannelSender> | undefined;
  random?: (() => number) | undefined;
};

/** What one tick did. */
export type TickResult = { sent: number; retried: number; dead: number; cancelled: number; reminders: number };

/** Rows claimed per tick; a full batch makes the next tick start at once. */
export const CLAIM_BATCH = 50;
/** Sends in flight at once within a tick (SMTP and HTTP round trips overlap, the database writes stay serialised). */
const SEND_CONCURRENCY = 8;
const MAX_ERROR = 300;

type Claimed = {
  id: string; messageId: string; recipientKind: 'member' | 'contact'; recipientId: string; channel: Channel;
  round: number; idempotencyKey: string; address: string | null; attempts: number;
};
type Recipient = {
  id: string; mailboxMissing: number; mailboxDeletedAt: number | null; confirmedAt: number | null;
  name: string | null; email: string | null; phone: string | null; locale: string | null; disabled: number | null;
};
type MessageInfo = {
  id: string; subject: string; priority: Priority; body: string; bodyText: string; status: string; deliveredAt: number | null;
  expiresAt: number | null; recalledAt: number | null; deletedAt: number | null; receiptRequired: number;
  senderName: string; attachmentCount: number;
};

/** An error as stored on the row and logged: short, and with any configured secret blanked out. */
function errorText(err: unknown, settings: NotifySettings): string {
  let text = err instanceof Error ? err.message : String(err);
  const secrets = [settings.email.password, settings.webhook.secret, ...settings.sms.headers.map((h) => h.value)].filter((s) => s.length >= 4);
  for (const secret of secrets) text = text.split(secret).join('***');
  return (text.trim() || 'Unknown error').slice(0, MAX_ERROR);
}

/**
 * Sends the outbox (docs/api.md "Outbox, retries and dead letters") and the persistent reminders (R9, S8). One
 * runs in every server process; processes sharing the database never send one row twice, because a row is
 * claimed by a single conditional `UPDATE … RETURNING` that also stamps a lease (`lockedUntil`) and counts the
 * attempt: a worker that dies mid-send leaves its rows to be claimed again once the lease has run out.
 */
export class NotifyWorker {
  readonly #db: Db;
  readonly #logger: Logger | undefined;
  readonly #pollMs: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #leaseMs: number;
  readonly #senders: Record<Channel, ChannelSender>;
  readonly #random: () => number;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  /** The tail of the tick chain: ticks run one after another, never overlapping. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(db: Db, options: NotifyWorkerOptions = {}) {
    this.#db = db;
    this.#logger = options.logger;
    this.#pollMs = options.pollMs ?? 1000;
    this.#retryBaseMs = options.retryBaseMs ?? 10_000;
    this.#retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#senders = options.senders ?? SENDERS;
    this.#random = options.random ?? Math.random;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(this.#pollMs);
  }

  /** Stops the timer and waits for a tick in progress (its claims are then finished, not left to the lease). */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#chain;
  }

  #schedule(delay: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer); // stop() then start() while a tick was in flight: one timer, not two
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.runOnce().then(
        (r) => this.#schedule(r.sent + r.retried + r.dead + r.cancelled >= CLAIM_BATCH ? 0 : this.#pollMs),
        (err: unknown) => {
          this.#logger?.error({ err }, 'notify worker tick failed');
          this.#schedule(this.#pollMs);
        },
      );
    }, delay);
    this.#timer.unref();
  }

  /** One tick at `at`: due reminder rounds first (their notifications can then go out in the same tick), then the outbox. */
  runOnce(at?: number): Promise<TickResult> {
    // Without `at`, the time is taken when this tick starts, not when it was queued behind another.
    const tick = this.#chain.then(() => this.#tick(at ?? now()));
    this.#chain = tick.catch(() => undefined);
    return tick;
  }

  async #tick(at: number): Promise<TickResult> {
    const result: TickResult = { sent: 0, retried: 0, dead: 0, cancelled: 0, reminders: 0 };
    result.reminders = await this.#runReminders(at);
    const claimed = await this.#claim(at);
    if (!claimed.length) return result;
    const settings = await notifySettings(this.#db);
    const { recipients, messages } = await this.#load(claimed);
    let next = 0;
    const changed = new Set<string>();
    const worker = async () => {
      while (next < claimed.length) {
        const row = claimed[next++]!;
        const outcome = await this.#deliver(row, recipients.get(row.id), messages.get(row.messageId), settings, at);
        result[outcome]++;
        if (outcome === 'sent' || outcome === 'dead') changed.add(row.messageId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, worker));
    await this.#tellSenders([...changed], at);
    return result;
  }

  /** Live `message.notified` to each sender whose receipt view changed: one per message per tick, not per row. */
  async #tellSenders(messageIds: string[], at: number): Promise<void> {
    if (!messageIds.length) return;
    await this.#db.run(sql`
      insert into events (at, audience_kind, audience_id, type, payload)
      select ${at}, sender_kind, sender_id, 'message.notified', json_object('messageId', id) from messages
      where id in (${sql.join(messageIds.map((id) => sql`${id}`), sql`, `)})`);
  }

  /** Due rows and expired claims, in one statement: atomic, so two workers can never both claim a row. */
  async #claim(at: number): Promise<Claimed[]> {
    const rows = await this.#db.all<Claimed>(sql`
      update notify_deliveries set status = 'sending', locked_until = ${at + this.#leaseMs}, attempts = attempts + 1, updated_at = ${at}
      where id in (
        select id from (
          select id, next_attempt_at as due from notify_deliveries where status = 'pending' and next_attempt_at <= ${at}
          union all
          select id, locked_until as due from notify_deliveries where status = 'sending' and locked_until < ${at}
        ) order by due limit ${CLAIM_BATCH}
      ) and ((status = 'pending' and next_attempt_at <= ${at}) or (status = 'sending' and locked_until < ${at}))
      returning id, message_id as messageId, recipient_kind as recipientKind, recipient_id as recipientId, channel, round,
        idempotency_key as idempotencyKey, address, attempts`);
    return rows;
  }

  /** Everything the claimed rows need, in two queries: per row the recipient and their mailbox entry, per message its content. */
  async #load(claimed: Claimed[]) {
    const ids = sql.join(claimed.map((r) => sql`${r.id}`), sql`, `);
    const recipientRows = await this.#db.all<Recipient>(sql`
      select d.id, (mb.owner_id is null) as mailboxMissing, mb.deleted_at as mailboxDeletedAt, mb.confirmed_at as confirmedAt,
        coalesce(m.name, c.name) as name, coalesce(m.email, c.email) as email, coalesce(m.phone, c.phone) as phone,
        coalesce(m.locale, c.locale) as locale, coalesce(m.disabled, c.disabled) as disabled
      from notify_deliveries d
      left join mailbox mb on mb.message_id = d.message_id and mb.owner_id = d.recipient_id
      left join members m on d.recipient_kind = 'member' and m.id = d.recipient_id
      left join contacts c on d.recipient_kind = 'contact' and c.id = d.recipient_id
      where d.id in (${ids})`);
    const messageIds = sql.join([...new Set(claimed.map((r) => r.messageId))].map((id) => sql`${id}`), sql`, `);
    const messageRows = await this.#db.all<MessageInfo>(sql`
      select msg.id, msg.subject, msg.priority, msg.body, msg.body_text as bodyText, msg.status, msg.delivered_at as deliveredAt,
        msg.expires_at as expiresAt, msg.recalled_at as recalledAt, msg.deleted_at as deletedAt, msg.receipt_required as receiptRequired,
        coalesce(sm.name, sc.name, '') as senderName,
        (select count(*) from attachments a where a.message_id = msg.id) as attachmentCount
      from messages msg
      left join members sm on msg.sender_kind = 'member' and sm.id = msg.sender_id
      left join contacts sc on msg.sender_kind = 'contact' and sc.id = msg.sender_id
      where msg.id in (${messageIds})`);
    return {
      recipients: new Map(recipientRows.map((r) => [r.id, r])),
      messages: new Map(messageRows.map((m) => [m.id, m])),
    };
  }

  /** Why this notification is no longer wanted, checked right before sending (docs "Content"); null: send it. */
  #unwanted(row: Claimed, r: Recipient | undefined, m: MessageInfo | undefined, settings: NotifySettings, at: number): string | null {
    if (!m || m.deletedAt !== null) return REASONS.deleted;
    if (m.recalledAt !== null) return REASONS.recalled;
    if (m.status !== 'sent') return REASONS['not-sent'];
    if (m.expiresAt !== null && m.expiresAt <= at) return REASONS.expired;
    if (!r || r.mailboxMissing || r.mailboxDeletedAt !== null) return REASONS['recipient-deleted'];
    if (m.receiptRequired && r.confirmedAt !== null) return REASONS.confirmed;
    if (r.disabled) return REASONS.disabled;
    if (!settings[row.channel].enabled) return REASONS['channel-off'];
    return null;
  }

  async #deliver(row: Claimed, r: Recipient | undefined, m: MessageInfo | undefined, settings: NotifySettings, at: number): Promise<keyof TickResult> {
    // Every write below is conditional on still holding this claim (`attempts` is unique per claim): a row whose
    // lease ran out and was claimed by another worker is left to that worker.
    const mine = sql`id = ${row.id} and status = 'sending' and attempts = ${row.attempts}`;
    const reason = this.#unwanted(row, r, m, settings, at);
    if (reason !== null || !m || !r) {
      await this.#db.run(sql`update notify_deliveries set status = 'cancelled', locked_until = null, last_error = ${reason}, updated_at = ${at} where ${mine}`);
      this.#logger?.debug({ delivery: row.id, channel: row.channel, reason }, 'notification cancelled');
      return 'cancelled';
    }
    try {
      const recipient: Notification['recipient'] = { kind: row.recipientKind, id: row.recipientId, name: r.name ?? '', email: r.email, phone: r.phone, locale: notifyLocale(r.locale) };
      const message: Notification['message'] = {
        id: m.id, subject: m.subject, priority: m.priority, senderName: m.senderName, deliveredAt: m.deliveredAt ?? at,
        expiresAt: m.expiresAt, receiptRequired: Boolean(m.receiptRequired), attachmentCount: Number(m.attachmentCount),
      };
      const content = renderContent({ recipient, message, body: JSON.parse(m.body) as RichDoc, bodyText: m.bodyText, linkTemplate: settings.linkTemplate, round: row.round });
      const notification: Notification = { idempotencyKey: row.idempotencyKey, channel: row.channel, round: row.round, address: row.address, recipient, message, content };
      await this.#senders[row.channel](notification, settings);
    } catch (err) {
      const lastError = errorText(err, settings);
      const permanent = err instanceof DeliveryError && err.permanent;
      if (permanent || row.attempts >= settings.maxAttempts) {
        await this.#db.run(sql`update notify_deliveries set status = 'dead', locked_until = null, last_error = ${lastError}, updated_at = ${at} where ${mine}`);
        this.#logger?.info({ delivery: row.id, key: row.idempotencyKey, channel: row.channel, attempts: row.attempts, permanent, error: lastError }, 'notification dead');
        return 'dead';
      }
      // Equal jitter: half the backoff for sure, the other half random, so retries of one outage spread out.
      const backoff = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (row.attempts - 1));
      const nextAttemptAt = at + Math.round(backoff * (0.5 + this.#random() * 0.5));
      await this.#db.run(sql`update notify_deliveries set status = 'pending', locked_until = null, next_attempt_at = ${nextAttemptAt}, last_error = ${lastError}, updated_at = ${at} where ${mine}`);
      this.#logger?.debug({ delivery: row.id, key: row.idempotencyKey, channel: row.channel, attempts: row.attempts, nextAttemptAt, error: lastError }, 'notification failed: retrying');
      return 'retried';
    }
    await this.#db.run(sql`update notify_deliveries set status = 'sent', sent_at = ${at}, locked_until = null, last_error = null, updated_at = ${at} where ${mine}`);
    this.#logger?.debug({ delivery: row.id, key: row.idempotencyKey, channel: row.channel }, 'notification sent');
    return 'sent';
  }

  /** Due reminder rounds (docs "Persistent reminders"), each in its own transaction; returns the rounds written. */
  async #runReminders(at: number): Promise<number> {
    const due = await this.#db.all<{ messageId: string }>(sql`
      select message_id as messageId from notify_reminders where stopped_at is null and next_at <= ${at} order by next_at limit ${CLAIM_BATCH}`);
    let rounds = 0;
    for (const { messageId } of due) {
      try {
        if (await this.#remind(messageId, at)) rounds++;
      } catch (err) {
        this.#logger?.error({ err, messageId }, 'notify reminder round failed');
      }
    }
    return rounds;
  }

  async #remind(messageId: string, at: number): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      // Checked again inside the write transaction: another process may have sent this round meanwhile.
      const [reminder] = await tx.all<{ everyMs: number; remaining: number }>(sql`
        select every_ms as everyMs, remaining from notify_reminders where message_id = ${messageId} and stopped_at is null and next_at <= ${at}`);
      if (!reminder) return false;
      const stop = () => tx.run(sql`update notify_reminders set stopped_at = ${at} where message_id = ${messageId}`);
      const [m] = await tx.all<{ priority: Priority; status: string; recalledAt: number | null; deletedAt: number | null; expiresAt: number | null }>(sql`
        select priority, status, recalled_at as recalledAt, deleted_at as deletedAt, expires_at as expiresAt from messages where id = ${messageId}`);
      if (!m || m.status !== 'sent' || m.recalledAt !== null || m.deletedAt !== null || (m.expiresAt !== null && m.expiresAt <= at)) {
        await stop();
        return false;
      }
      const events = await tx.run(sql`
        insert into events (at, audience_kind, audience_id, type, payload)
        select ${at}, owner_kind, owner_id, 'message.reminder', ${JSON.stringify({ messageId, priority: m.priority })} from mailbox
        where message_id = ${messageId} and deleted_at is null and confirmed_at is null`);
      if (Number(events.rowsAffected) === 0) {
        await stop(); // everyone confirmed (or deleted it): nobody is left to remind
        return false;
      }
      await enqueueRound(tx, messageId, m.priority, await nextRound(tx, messageId), at, 'unconfirmed');
      const remaining = reminder.remaining - 1;
      await tx.run(sql`
        update notify_reminders set sent = sent + 1, remaining = ${remaining}, next_at = ${at + reminder.everyMs},
          stopped_at = ${remaining <= 0 ? at : null} where message_id = ${messageId}`);
      this.#logger?.debug({ messageId, remaining }, 'notify reminder round');
      return true;
    });
  }
}
