// Issue 18 item 6: on PostgreSQL, every transaction that inserts events sends `NOTIFY herald_events` at its COMMIT (the
// statement trigger `herald_events_in_commit_order`, drizzle-pg/0001). One dedicated connection per process LISTENs
// and wakes the hubs, so a node's streams get another node's events in milliseconds instead of at the next poll. The
// poll stays as the safety net: a lost notification or a dropped listener only delays events to the next interval.
import pg from 'pg';
import type { Logger } from '../../lib/logger.js';

export const EVENTS_CHANNEL = 'herald_events';
/** How the listener's connection shows in `pg_stat_activity` (tests end it by this name to check the reconnect). */
export const LISTENER_APPLICATION = 'herald-live';
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * How a half-dead connection is noticed (a server that vanished without closing it: a failover, a firewall dropping
 * the flow). TCP keepalive probes an idle socket, which the kernel then closes after its probes fail (minutes, by the
 * system's settings); a `select 1` every `pingMs` that must answer within `answerMs` notices it sooner; a connect must
 * finish within `connectMs`. Each failure is a drop: the listener reconnects and the hubs poll meanwhile.
 */
export type ListenerTimeouts = { connectMs: number; pingMs: number; answerMs: number; keepAliveMs: number };
export const LISTENER_TIMEOUTS: ListenerTimeouts = {
  connectMs: 10_000,
  pingMs: 30_000,
  answerMs: 10_000,
  keepAliveMs: 10_000,
};

/**
 * A `pg.Client` of its own, not a pooled one: a pool closes idle clients and hands a client to whoever asks, and
 * LISTEN lives on one session. When the connection drops (the server restarted, an admin ended it) it reconnects after
 * 1 s, doubling to 30 s, and wakes once when it is back, since notifications sent meanwhile were lost.
 */
export class PgWakeListener {
  #client: pg.Client | undefined;
  #closed = false;
  #retryMs = RETRY_FIRST_MS;
  #retryTimer: NodeJS.Timeout | undefined;
  #ready: Promise<void>;
  #markReady!: () => void;
  #pingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onWake: () => void,
    private readonly logger?: Logger,
    private readonly timeouts: ListenerTimeouts = LISTENER_TIMEOUTS,
  ) {
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
    void this.#connect();
  }

  /** Resolves once the listener is LISTENing (the first time); tests wait for it before they publish. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Whether the listener is connected and LISTENing now. */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LISTENER_APPLICATION,
      keepAlive: true,
      keepAliveInitialDelayMillis: this.timeouts.keepAliveMs,
      connectionTimeoutMillis: this.timeouts.connectMs,
    });
    let lost = false;
    const drop = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = undefined;
      clearInterval(this.#pingTimer);
      // A connection that stopped answering would not finish an orderly end: its socket goes at once.
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      void client.end().catch(() => {});
      if (this.#closed) return;
      this.logger?.warn(
        { err, retryMs: this.#retryMs },
        'live: the PostgreSQL wake listener dropped; polling meanwhile',
      );
      this.#retryTimer = setTimeout(() => void this.#connect(), this.#retryMs);
      this.#retryTimer.unref();
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (n) => {
      if (n.channel === EVENTS_CHANNEL) this.onWake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      drop(err as Error);
      return;
    }
    if (lost) return;
    if (this.#closed) {
      void client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = RETRY_FIRST_MS;
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => void this.#ping(client, drop), this.timeouts.pingMs);
    this.#pingTimer.unref();
    this.#markReady();
    this.onWake(); // anything committed while no one listened
  }

  /** One `select 1` on the listening connection; no answer within `answerMs` (or an error) drops it. */
  async #ping(client: pg.Client, drop: (err?: Error) => void): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the listening connection did not answer within ${this.timeouts.answerMs} ms`)),
        this.timeouts.answerMs,
      );
      timer.unref();
    });
    try {
      await Promise.race([client.query('select 1'), silent]);
    } catch (err) {
      drop(err as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the connection and stops reconnecting. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#markReady();
    await client?.end().catch(() => {});
  }
}
