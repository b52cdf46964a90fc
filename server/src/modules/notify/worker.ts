import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { RichDoc } from '../messages/content/index.js';
import type { Priority } from '../messages/schema.js';
import { SEND_DEADLINE_MS } from './channels/email.js';
import { SENDERS } from './channels/index.js';
import { DeliveryError, type ChannelSender, type Notification } from './channels/types.js';
import { claimDue, type ClaimedRow } from './claim.js';
import { contactAccess } from './contact-access.js';
import { notifyLocale, renderContent } from './content.js';
import { enqueueRound, nextRound } from './outbox.js';
import { quietUntil } from './quiet-hours.js';
import { REASONS } from './reasons.js';
import { CHANNELS, type Channel } from './schema.js';
import { notifySettings, type NotifySettings } from './settings.js';
import { emailImages } from './email-images.js';
import type { BlobStore } from '../../blob-store/store.js';
import { dialect } from '../../db/dialect.js';

export type NotifyWorkerOptions = {
  logger?: Logger | undefined;
  pollMs?: number | undefined;
  retryBaseMs?: number | undefined;
  retryMaxMs?: number | undefined;
  /** How long a claim lasts (default 60 s); must exceed `deadlineMs`, since a claim has to outlive its send. */
  leaseMs?: number | undefined;
  /** The hard limit on one send, whatever the channel does (default `SEND_DEADLINE_MS`, 30 s). */
  deadlineMs?: number | undefined;
  senders?: Record<Channel, ChannelSender> | undefined;
  random?: (() => number) | undefined;
  /** Where attachments' bytes are: e-mails carry the body's inline images (issue 20 #9); without it, their alt text. */
  blobs?: BlobStore | undefined;
  /** Where Herald is reached from outside (`HERALD_PUBLIC_URL`): the base of contacts' signed links (issue 19). */
  publicUrl?: string | undefined;
};

/**
 * What one tick did: rows this worker finished, by outcome (`skipped`: the person has no address for the channel
 * any more), and reminder rounds written. A row whose claim was lost to another worker counts nowhere.
 */
export type TickResult = {
  sent: number;
  retried: number;
  dead: number;
  cancelled: number;
  skipped: number;
  reminders: number;
};
/** `deferred`: held by the recipient's quiet hours, back in the queue until they end (counted nowhere). */
type Outcome = Exclude<keyof TickResult, 'reminders'> | 'deferred';

/** Rows claimed per tick at most; a tick that claimed this many makes the next one start at once. */
export const CLAIM_BATCH = 50;
/**
 * Rows of one channel claimed by one claim statement, and so sent at once (SMTP and HTTP round trips overlap, the
 * database writes stay serialised). Each channel has its own lane in a tick, claiming and sending such small
 * batches one after another: every claimed row is sent right away, within `deadlineMs`, never left waiting in
 * memory while its lease runs out — and a slow e-mail server holds up only e-mail, not webhooks or SMS.
 */
export const SEND_CONCURRENCY = 8;
const MAX_ERROR = 300;

type Claimed = ClaimedRow & {
  /** The lease this claim wrote: with `attempts`, what identifies the claim in every later write. */
  lockedUntil: number;
};
type Recipient = {
  id: string;
  mailboxMissing: number;
  mailboxDeletedAt: number | null;
  confirmedAt: number | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  disabled: number | null;
  quietStart: number | null;
  quietEnd: number | null;
  quietUrgent: number | null;
  timeZone: string | null;
  /** A contact's portal access (null for a member): without it, the e-mail carries the contact's links. */
  portalEnabled: number | null;
};
type MessageInfo = {
  id: string;
  subject: string;
  priority: Priority;
  body: string;
  bodyText: string;
  status: string;
  deliveredAt: number | null;
  expiresAt: number | null;
  recalledAt: number | null;
  deletedAt: number | null;
  receiptRequired: number;
  senderName: string;
  attachmentCount: number;
};

/** Where the channel reaches the person now (profile or contact card), or null for the webhook. */
const ADDRESS: Record<Channel, ((r: Recipient) => string | null) | null> = {
  email: (r) => r.email || null,
  sms: (r) => r.phone || null,
  webhook: null,
};
const NO_ADDRESS = { email: REASONS['no-email'], sms: REASONS['no-phone'] } as const;

/**
 * When the recipient's quiet hours around `at` end, or null when they do not hold this notification: the admin must
 * allow quiet hours, and urgent messages go through unless the admin allows holding them and the member chose it.
 */
function quietEnds(r: Recipient, priority: Priority, settings: NotifySettings, at: number): number | null {
  const allowed = settings.memberChoice;
  if (!allowed.quietHours || r.quietStart === null || r.quietEnd === null || !r.timeZone) return null;
  if (priority === 'urgent' && !(allowed.quietUrgent && r.quietUrgent)) return null;
  return quietUntil(at, { start: r.quietStart, end: r.quietEnd, timeZone: r.timeZone });
}

/** An error as stored on the row and logged: short, and with any configured secret blanked out. */
function errorText(err: unknown, settings: NotifySettings): string {
  let text = err instanceof Error ? err.message : String(err);
  const secrets = [
    settings.email.password,
    settings.webhook.secret,
    ...settings.sms.headers.map((h) => h.value),
  ].filter((s) => s.length >= 4);
  for (const secret of secrets) text = text.split(secret).join('***');
  return (text.trim() || 'Unknown error').slice(0, MAX_ERROR);
}

/**
 * Sends the outbox (docs/api.md "Outbox, retries and dead letters") and the persistent reminders (R9, S8). One
 * runs in every server process; processes sharing the database never send one row twice, because a row is
 * claimed by a single conditional `UPDATE … RETURNING` that also stamps a lease (`lockedUntil`) and counts the
 * attempt: a worker that dies mid-send leaves its rows to be claimed again once the lease has run out. A live
 * worker can never lose a claim while sending it: each claim takes only as many rows as are sent at once, and
 * every send ends within `deadlineMs`, shorter than the lease. Every later write of the row is conditional on
 * the claim (`attempts` and `lockedUntil` as claimed) and counted only when it matched.
 */
export class NotifyWorker {
  readonly #db: Db;
  readonly #logger: Logger | undefined;
  readonly #pollMs: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #leaseMs: number;
  readonly #deadlineMs: number;
  readonly #senders: Record<Channel, ChannelSender>;
  readonly #random: () => number;
  readonly #publicUrl: string | undefined;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  readonly #blobs: BlobStore | undefined;
  /** Set while stop() waits: the tick in flight finishes its sends but claims nothing more. */
  #stopping = false;
  /** The tail of the tick chain: ticks run one after another, never overlapping. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(db: Db, options: NotifyWorkerOptions = {}) {
    this.#db = db;
    this.#logger = options.logger;
    this.#pollMs = options.pollMs ?? 1000;
    this.#retryBaseMs = options.retryBaseMs ?? 10_000;
    this.#retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#deadlineMs = options.deadlineMs ?? SEND_DEADLINE_MS;
    if (!(this.#leaseMs > this.#deadlineMs))
      throw new RangeError(`leaseMs (${this.#leaseMs}) must exceed deadlineMs (${this.#deadlineMs})`);
    this.#senders = options.senders ?? SENDERS;
    this.#random = options.random ?? Math.random;
    this.#blobs = options.blobs;
    this.#publicUrl = options.publicUrl?.replace(/\/$/, '');
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
    this.#stopping = true;
    try {
      await this.#chain;
    } finally {
      this.#stopping = false;
    }
  }

  #schedule(delay: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer); // stop() then start() while a tick was in flight: one timer, not two
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#enqueue().then(
        ({ claimed }) => this.#schedule(claimed >= CLAIM_BATCH ? 0 : this.#pollMs),
        (err: unknown) => {
          this.#logger?.error({ err }, 'notify worker tick failed');
          this.#schedule(this.#pollMs);
        },
      );
    }, delay);
    this.#timer.unref();
  }

  /**
   * One tick at `at`: due reminder rounds first (their notifications can then go out in the same tick), then the
   * outbox.
   */
  runOnce(at?: number): Promise<TickResult> {
    return this.#enqueue(at).then((t) => t.result);
  }

  #enqueue(at?: number): Promise<{ result: TickResult; claimed: number }> {
    // Without `at`, the time is taken when this tick starts, not when it was queued behind another.
    const tick = this.#chain.then(() => this.#tick(at ?? now()));
    this.#chain = tick.catch(() => undefined);
    return tick;
  }

  /**
   * Claims at most SEND_CONCURRENCY rows, sends them all at once, and again, up to CLAIM_BATCH rows. What is due is
   * decided at the tick's time `at` (as are expiry and the timestamps written); a lease is counted from when its
   * rows are actually claimed, `at` plus the time this tick has taken so far.
   */
  async #tick(at: number): Promise<{ result: TickResult; claimed: number }> {
    const started = now();
    const result: TickResult = { sent: 0, retried: 0, dead: 0, cancelled: 0, skipped: 0, reminders: 0 };
    result.reminders = await this.#runReminders(at);
    const changed = new Set<string>();
    const budget = { claimed: 0 };
    const lane = async (channel: Channel) => {
      while (budget.claimed < CLAIM_BATCH && !this.#stopping) {
        const limit = Math.min(SEND_CONCURRENCY, CLAIM_BATCH - budget.claimed);
        const claimed = await this.#claim(channel, at, at + (now() - started), limit);
        budget.claimed += claimed.length;
        if (!claimed.length) break;
        const settings = await notifySettings(this.#db);
        const { recipients, messages } = await this.#load(claimed);
        // Settled, not `all`: a failed write leaves its row to the lease, and no send carries on unobserved.
        const outcomes = await Promise.allSettled(
          claimed.map((row) => this.#deliver(row, recipients.get(row.id), messages.get(row.messageId), settings, at)),
        );
        claimed.forEach((row, i) => {
          const outcome = outcomes[i]!;
          if (outcome.status === 'rejected') {
            this.#logger?.error(
              { err: outcome.reason, delivery: row.id },
              'notification: recording the outcome failed (retried after the lease)',
            );
            return;
          }
          if (!outcome.value || outcome.value === 'deferred') return;
          result[outcome.value]++;
          if (outcome.value === 'sent' || outcome.value === 'dead' || outcome.value === 'skipped')
            changed.add(row.messageId);
        });
        if (claimed.length < limit) break; // nothing more of this channel is due
      }
    };
    const lanes = await Promise.allSettled(CHANNELS.map(lane));
    await this.#tellSenders([...changed], at);
    const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
    return { result, claimed: budget.claimed };
  }

  /** Live `message.notified` to each sender whose receipt view changed: one per message per tick, not per row. */
  async #tellSenders(messageIds: string[], at: number): Promise<void> {
    if (!messageIds.length) return;
    await dialect.run(
      this.#db,
      sql`
      insert into events (at, audience_kind, audience_id, type, payload)
      select ${at}, sender_kind, sender_id, 'message.notified',
        ${dialect.jsonObject(sql`'messageId'`, sql`id`)} from messages
      where id in (${sql.join(
        messageIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }

  /** Due rows and expired claims, in one statement: atomic, so two workers can never both claim a row. */
  async #claim(channel: Channel, at: number, claimedAt: number, limit: number): Promise<Claimed[]> {
    const lockedUntil = claimedAt + this.#leaseMs;
    const rows = await claimDue(this.#db, { channel, at, lockedUntil, limit });
    return rows.map((r) => ({ ...r, lockedUntil }));
  }

  /**
   * Everything the claimed rows need, in two queries: per row the recipient and their mailbox entry, per message its
   * content.
   */
  async #load(claimed: Claimed[]) {
    const ids = sql.join(
      claimed.map((r) => sql`${r.id}`),
      sql`, `,
    );
    const recipientRows = await dialect.all<Recipient>(
      this.#db,
      sql`
      select d.id, (mb.owner_id is null) as "mailboxMissing", mb.deleted_at as "mailboxDeletedAt",
        mb.confirmed_at as "confirmedAt",
        coalesce(m.name, c.name) as name, coalesce(m.email, c.email) as email, coalesce(m.phone, c.phone) as phone,
        coalesce(m.locale, c.locale) as locale, coalesce(m.disabled, c.disabled) as disabled,
        np.quiet_start as "quietStart", np.quiet_end as "quietEnd", np.quiet_urgent as "quietUrgent",
        np.time_zone as "timeZone", c.portal_enabled as "portalEnabled"
      from notify_deliveries d
      left join mailbox mb on mb.message_id = d.message_id and mb.owner_id = d.recipient_id
      left join members m on d.recipient_kind = 'member' and m.id = d.recipient_id
      left join contacts c on d.recipient_kind = 'contact' and c.id = d.recipient_id
      left join notify_preferences np on d.recipient_kind = 'member' and np.member_id = d.recipient_id
      where d.id in (${ids})`,
    );
    const messageIds = sql.join(
      [...new Set(claimed.map((r) => r.messageId))].map((id) => sql`${id}`),
      sql`, `,
    );
    const messageRows = await dialect.all<MessageInfo>(
      this.#db,
      sql`
      select msg.id, msg.subject, msg.priority, msg.body, msg.body_text as "bodyText", msg.status,
        msg.delivered_at as "deliveredAt",
        msg.expires_at as "expiresAt", msg.recalled_at as "recalledAt", msg.deleted_at as "deletedAt",
          msg.receipt_required as "receiptRequired",
        coalesce(sm.name, sc.name, sk.name, '') as "senderName",
        (select count(*) from attachments a where a.message_id = msg.id) as "attachmentCount"
      from messages msg
      left join members sm on msg.sender_kind = 'member' and sm.id = msg.sender_id
      left join contacts sc on msg.sender_kind = 'contact' and sc.id = msg.sender_id
      left join api_keys sk on msg.sender_kind = 'api-key' and sk.id = msg.sender_id
      where msg.id in (${messageIds})`,
    );
    return {
      recipients: new Map(recipientRows.map((r) => [r.id, r])),
      messages: new Map(messageRows.map((m) => [m.id, m])),
    };
  }

  /** Why this notification is no longer wanted, checked right before sending (docs "Content"); null: send it. */
  #unwanted(
    row: Claimed,
    r: Recipient | undefined,
    m: MessageInfo | undefined,
    settings: NotifySettings,
    at: number,
  ): string | null {
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

  /**
   * Sends one claimed row and records the outcome; null when the row was no longer this claim's to write (its lease
   * ran out and another worker claimed it, perhaps after an admin's retry reset `attempts`).
   */
  async #deliver(
    row: Claimed,
    r: Recipient | undefined,
    m: MessageInfo | undefined,
    settings: NotifySettings,
    at: number,
  ): Promise<Outcome | null> {
    // Every write below is conditional on still holding this claim: `attempts` alone is not enough, since a retry
    // resets it, but with the exact lease this claim wrote it cannot match anyone else's claim.
    const mine = sql`id = ${row.id} and status = 'sending' and attempts = ${row.attempts}
      and locked_until = ${row.lockedUntil}`;
    const finish = async (
      outcome: Outcome,
      set: ReturnType<typeof sql>,
      log: Record<string, unknown>,
      level: 'debug' | 'info' = 'debug',
    ): Promise<Outcome | null> => {
      const { rowsAffected } = await dialect.run(
        this.#db,
        sql`update notify_deliveries set ${set}, locked_until = null, updated_at = ${at} where ${mine}`,
      );
      const entry = { delivery: row.id, key: row.idempotencyKey, channel: row.channel, attempts: row.attempts, ...log };
      if (Number(rowsAffected) !== 1) {
        this.#logger?.warn(
          { ...entry, outcome },
          'notification claim lost: the row was claimed again by another worker',
        );
        return null;
      }
      this.#logger?.[level](entry, `notification ${outcome}`);
      return outcome;
    };
    const reason = this.#unwanted(row, r, m, settings, at);
    if (reason !== null || !m || !r)
      return finish('cancelled', sql`status = 'cancelled', last_error = ${reason}`, { reason });
    const until = quietEnds(r, m.priority, settings, at);
    if (until !== null) {
      // Deferred, not dropped: due again when the quiet hours end, and this claim is not counted as an attempt. An
      // earlier round of the same message still open (waiting, or claimed beside this one) makes this one redundant:
      // the earliest is kept, so rounds claimed together never cancel each other.
      const [waiting] = await dialect.all<{ id: string }>(
        this.#db,
        sql`
        select id from notify_deliveries where message_id = ${row.messageId} and recipient_id = ${row.recipientId}
          and channel = ${row.channel} and status in ('pending', 'sending') and round < ${row.round} limit 1`,
      );
      if (waiting)
        return finish('cancelled', sql`status = 'cancelled', last_error = ${REASONS['quiet-hours']}`, {
          reason: REASONS['quiet-hours'],
        });
      return finish(
        'deferred',
        sql`status = 'pending', attempts = attempts - 1, next_attempt_at = ${until}, last_error = null`,
        { until },
      );
    }
    // The address as the profile says now, not as it was when the row was queued: an admin who fixes a bounced
    // address and retries reaches the new one; a removed address means there is nowhere to send it.
    const addressOf = ADDRESS[row.channel];
    const address = addressOf ? addressOf(r) : null;
    if (addressOf && !address) {
      const missing = NO_ADDRESS[row.channel as keyof typeof NO_ADDRESS];
      return finish('skipped', sql`status = 'skipped', address = null, last_error = ${missing}`, { reason: missing });
    }
    try {
      const recipient: Notification['recipient'] = {
        kind: row.recipientKind,
        id: row.recipientId,
        name: r.name ?? '',
        email: r.email,
        phone: r.phone,
        locale: notifyLocale(r.locale ?? settings.defaultLocale),
      };
      const message: Notification['message'] = {
        id: m.id,
        subject: m.subject,
        priority: m.priority,
        senderName: m.senderName,
        deliveredAt: m.deliveredAt ?? at,
        expiresAt: m.expiresAt,
        receiptRequired: Boolean(m.receiptRequired),
        attachmentCount: Number(m.attachmentCount),
      };
      const body = JSON.parse(m.body) as RichDoc;
      const images = row.channel === 'email' && this.#blobs ? await emailImages(this.#db, this.#blobs, m.id, body) : [];
      const content = renderContent({
        recipient,
        message,
        body,
        bodyText: m.bodyText,
        linkTemplate: settings.linkTemplate,
        round: row.round,
        imageSource: (id) => (images.some((i) => i.cid === `${id}@herald`) ? `cid:${id}@herald` : null),
        contactAccess:
          row.channel === 'email' && row.recipientKind === 'contact' && !r.portalEnabled && this.#publicUrl
            ? await contactAccess(this.#db, this.#publicUrl, m.id, row.recipientId, at)
            : undefined,
      });
      const notification: Notification = {
        idempotencyKey: row.idempotencyKey,
        channel: row.channel,
        round: row.round,
        address,
        recipient,
        message,
        content,
        ...(images.length ? { images } : {}),
      };
      await this.#send(notification, settings);
    } catch (err) {
      const lastError = errorText(err, settings);
      const permanent = err instanceof DeliveryError && err.permanent;
      if (permanent || row.attempts >= settings.maxAttempts) {
        return finish(
          'dead',
          sql`status = 'dead', address = ${address}, last_error = ${lastError}`,
          { permanent, error: lastError },
          'info',
        );
      }
      // Equal jitter: half the backoff for sure, the other half random, so retries of one outage spread out.
      const backoff = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (row.attempts - 1));
      const nextAttemptAt = at + Math.round(backoff * (0.5 + this.#random() * 0.5));
      return finish(
        'retried',
        sql`status = 'pending', address = ${address}, next_attempt_at = ${nextAttemptAt}, last_error = ${lastError}`,
        { nextAttemptAt, error: lastError },
      );
    }
    return finish('sent', sql`status = 'sent', address = ${address}, sent_at = ${at}, last_error = null`, {});
  }

  /**
   * The channel's sender, but never longer than `deadlineMs`: a safety net behind the channels' own limits (the
   * e-mail sender's deadline, which also closes the connection, is set first and so fires first).
   */
  async #send(n: Notification, settings: NotifySettings): Promise<void> {
    const sending = (async () => this.#senders[n.channel](n, settings))();
    sending.catch(() => {}); // a sender abandoned at the deadline may still fail later: nobody is listening then
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryError(`Timed out after ${this.#deadlineMs / 1000} s`)),
        this.#deadlineMs,
      );
    });
    try {
      await Promise.race([sending, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Due reminder rounds (docs "Persistent reminders"), each in its own transaction; returns the rounds written. */
  async #runReminders(at: number): Promise<number> {
    const due = await dialect.all<{ messageId: string }>(
      this.#db,
      sql`
      select message_id as "messageId" from notify_reminders where stopped_at is null and next_at <= ${at}
        order by next_at limit ${CLAIM_BATCH}`,
    );
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
      const [reminder] = await dialect.all<{ everyMs: number; remaining: number }>(
        tx,
        sql`
        select every_ms as "everyMs", remaining from notify_reminders where message_id = ${messageId}
          and stopped_at is null and next_at <= ${at}`,
      );
      if (!reminder) return false;
      const stop = () =>
        dialect.run(tx, sql`update notify_reminders set stopped_at = ${at} where message_id = ${messageId}`);
      const [m] = await dialect.all<{
        priority: Priority;
        status: string;
        recalledAt: number | null;
        deletedAt: number | null;
        expiresAt: number | null;
      }>(
        tx,
        sql`
        select priority, status, recalled_at as "recalledAt", deleted_at as "deletedAt", expires_at as "expiresAt"
          from messages where id = ${messageId}`,
      );
      if (
        !m ||
        m.status !== 'sent' ||
        m.recalledAt !== null ||
        m.deletedAt !== null ||
        (m.expiresAt !== null && m.expiresAt <= at)
      ) {
        await stop();
        return false;
      }
      const events = await dialect.run(
        tx,
        sql`
        insert into events (at, audience_kind, audience_id, type, payload)
        select ${at}, owner_kind, owner_id, 'message.reminder', ${JSON.stringify({ messageId, priority: m.priority })}
          from mailbox
        where message_id = ${messageId} and deleted_at is null and confirmed_at is null`,
      );
      if (Number(events.rowsAffected) === 0) {
        await stop(); // everyone confirmed (or deleted it): nobody is left to remind
        return false;
      }
      await enqueueRound(tx, messageId, m.priority, await nextRound(tx, messageId), at, 'unconfirmed');
      const remaining = reminder.remaining - 1;
      await dialect.run(
        tx,
        sql`
        update notify_reminders set sent = sent + 1, remaining = ${remaining}, next_at = ${at + reminder.everyMs},
          stopped_at = ${remaining <= 0 ? at : null} where message_id = ${messageId}`,
      );
      this.#logger?.debug({ messageId, remaining }, 'notify reminder round');
      return true;
    });
  }
}
