import { lt, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { readRows, type Row } from '../../db/prepared.js';
import { pace } from '../../db/write-queue.js';
import type { Logger } from '../../lib/logger.js';
import { now } from '../../lib/clock.js';
import { events } from './schema.js';
import type { Audience } from './service.js';

export type LiveEvent = {
  seq: number;
  at: number;
  type: string;
  /** The payload as the JSON text stored in the row: a stream sends it on as it is (`routes.ts`), never parsed. */
  payload: string;
  /** Its SSE frame, made once by the first stream that writes it (`routes.ts`): tabs of one person share it. */
  frame?: string;
};
type Subscriber = { push(e: LiveEvent): void; close(): void };

/** Most events `since` answers at once. */
export const SINCE_PAGE = 500;
const PAGE = SINCE_PAGE;
/** Recent events kept in memory, so that streams resuming after a restart or a dropped connection need no query. */
const RECENT_MAX = 20_000;
const RETENTION_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const key = (a: Audience) => `${a.kind}:${a.id}`;
type EventRow = Omit<typeof events.$inferSelect, 'payload'> & { payload: string };

// The hub's reads as prepared statements (issue 15): the poll runs every interval and after every local publish,
// the backlog read once per resume from further back than the hub remembers; drizzle built each one anew (and made
// an object per row, and parsed every payload, of the 20,000 recent events a start loads — a restart's first resume).
const NEW_EVENTS_SQL = `select seq, at, audience_kind, audience_id, type, payload from events
  where seq > ? order by seq limit ?`;
const RECENT_SQL = `select seq, at, audience_kind, audience_id, type, payload from events
  order by seq desc limit ?`;
const SINCE_SQL = `select seq, at, type, payload from events
  where audience_kind = ? and audience_id = ? and seq > ? order by seq limit ?`;
const eventRow = (r: Row): EventRow => ({
  seq: r[0] as number,
  at: r[1] as number,
  audienceKind: r[2] as EventRow['audienceKind'],
  audienceId: r[3] as string,
  type: r[4] as string,
  payload: r[5] as string,
});
/** The first poll after a local publish; each poll that finds nothing new doubles it, up to the poll interval. */
const WAKE_FIRST_MS = 5;
/** The hubs of this process that are running: a publish here wakes them (`wakeLocalHubs`). */
const running = new Set<LiveHub>();

/**
 * A transaction of this process is publishing events: poll soon rather than at the next interval (issue 15: an urgent
 * message reached 5,000 streams ~250 ms later on average, waiting for the 500 ms poll). The events are visible only
 * once that transaction commits, so the hub polls at 5, 10, 20 … ms until it finds new events or reaches its
 * interval.
 * Other processes still see them at their next poll.
 */
export function wakeLocalHubs(): void {
  for (const hub of running) hub.wake();
}

/**
 * One tailer of the `events` table per process, fanning rows out to the open streams in memory. Because
 * it reads the table rather than an in-process bus, events written by any server process on the same
 * database reach every stream. It polls only while someone is listening.
 *
 * While it runs it also keeps the newest events (up to `RECENT_MAX`, per audience, loaded once when it starts and
 * then appended by each poll), so a stream that opens or resumes with `Last-Event-ID` — 5,000 at once after a
 * restart (issue 15) — costs no statement of its own: only one that resumes from further back reads the table.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #lastSeq = 0;
  #timer: NodeJS.Timeout | undefined;
  #starting: Promise<void> | undefined;
  #polling = false;
  #lastPrune = 0;
  #closed = false;
  /** Every event with `seq` in (#recentFrom, #lastSeq] is in #recent (per audience, oldest first). */
  #recent = new Map<string, LiveEvent[]>();
  /** The audience key of each kept event, oldest first: which list to trim when the oldest is dropped. */
  #recentOrder: string[] = [];
  #recentFrom = Infinity;
  readonly #pollHooks = new Set<() => void>();
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeMs = 0;

  constructor(
    private readonly db: Db,
    private readonly pollMs: number,
    private readonly logger?: Logger,
    private readonly recentMax = RECENT_MAX,
  ) {}

  /** Whether the hub was closed (the process is stopping). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The newest sequence number written so far. */
  async headSeq(): Promise<number> {
    const [row] = await this.db.select({ seq: max(events.seq) }).from(events);
    return row?.seq ?? 0;
  }

  /**
   * Where a new stream starts: every later event will be pushed to subscribers. Call after `subscribe` (the
   * tailer is then running and knows its position without a query).
   */
  async position(): Promise<number> {
    return this.#timer ? this.#lastSeq : this.headSeq();
  }

  /** Starts delivering this audience's new events to `subscriber`; resolves once the tailer is running. */
  async subscribe(audience: Audience, subscriber: Subscriber): Promise<() => void> {
    if (this.#closed) throw new Error('live hub closed');
    const k = key(audience);
    let set = this.#subscribers.get(k);
    if (!set) this.#subscribers.set(k, (set = new Set()));
    set.add(subscriber);
    this.#starting ??= this.#start();
    await this.#starting;
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(k);
      if (this.#subscribers.size === 0) this.#stop();
    };
  }

  /** Events for the audience after `afterSeq`, oldest first (for `Last-Event-ID`). */
  async since(audience: Audience, afterSeq: number, limit = PAGE): Promise<LiveEvent[]> {
    if (this.#timer && afterSeq >= this.#recentFrom) {
      const kept = this.#recent.get(key(audience)) ?? [];
      let i = kept.length;
      while (i > 0 && kept[i - 1]!.seq > afterSeq) i--;
      return kept.slice(i, i + limit);
    }
    const rows = await readRows(this.db, SINCE_SQL, [audience.kind, audience.id, afterSeq, limit]);
    return rows.map((r) => ({
      seq: r[0] as number,
      at: r[1] as number,
      type: r[2] as string,
      payload: r[3] as string,
    }));
  }

  /** Polls soon (a local publish), then again at doubling delays until something new is found. */
  wake(): void {
    if (!this.#timer) return;
    this.#wakeMs = WAKE_FIRST_MS;
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = setTimeout(() => void this.#wakePoll(), this.#wakeMs);
  }

  async #wakePoll() {
    this.#wakeTimer = undefined;
    const found = await this.#poll();
    this.#wakeMs *= 2;
    if (!found && this.#timer && this.#wakeMs < this.pollMs) {
      this.#wakeTimer = setTimeout(() => void this.#wakePoll(), this.#wakeMs);
    }
  }

  /** Runs `hook` after every poll (while someone listens): the streams' guard (`stream-guard.ts`). */
  onPoll(hook: () => void): () => void {
    this.#pollHooks.add(hook);
    return () => {
      this.#pollHooks.delete(hook);
    };
  }

  /** Ends every open stream (graceful shutdown) and stops polling. */
  close(): void {
    this.#closed = true;
    this.#stop();
    for (const set of this.#subscribers.values()) for (const s of set) s.close();
    this.#subscribers.clear();
  }

  async #start() {
    // The newest events, for resumes (one statement per start, not one per stream).
    const rows = (await readRows(this.db, RECENT_SQL, [this.recentMax])).map(eventRow);
    rows.reverse();
    this.#recentFrom = rows.length < this.recentMax ? 0 : rows[0]!.seq - 1;
    for (const row of rows) this.#keep(row);
    this.#lastSeq = rows.at(-1)?.seq ?? 0;
    this.#timer = setInterval(() => void this.#poll(), this.pollMs);
    this.#timer.unref();
    running.add(this);
  }

  #stop() {
    running.delete(this);
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#starting = undefined;
    this.#recent.clear();
    this.#recentOrder = [];
    this.#recentFrom = Infinity;
  }

  /** Adds a polled event to the recent ones, dropping the oldest past `RECENT_MAX`. */
  #keep(row: EventRow): LiveEvent {
    const e = { seq: row.seq, at: row.at, type: row.type, payload: row.payload };
    const k = `${row.audienceKind}:${row.audienceId}`;
    let list = this.#recent.get(k);
    if (!list) this.#recent.set(k, (list = []));
    list.push(e);
    this.#recentOrder.push(k);
    if (this.#recentOrder.length > this.recentMax * 1.5) {
      // Trim in one go (an array's shift is O(n)): keep the newest `recentMax`.
      const drop = this.#recentOrder.length - this.recentMax;
      for (const old of this.#recentOrder.slice(0, drop)) {
        const l = this.#recent.get(old)!;
        this.#recentFrom = Math.max(this.#recentFrom, l.shift()!.seq);
        if (l.length === 0) this.#recent.delete(old);
      }
      this.#recentOrder = this.#recentOrder.slice(drop);
    }
    return e;
  }

  /** Reads and dispatches new events; answers whether there were any. */
  async #poll(): Promise<boolean> {
    if (this.#polling) return false;
    this.#polling = true;
    const from = this.#lastSeq;
    try {
      for (;;) {
        const rows = (await readRows(this.db, NEW_EVENTS_SQL, [this.#lastSeq, PAGE])).map(eventRow);
        for (const row of rows) {
          // Thousands of streams' writes in one go held the event loop up to 1.4 s under load (issue 15: no stalls):
          // let it turn every 20 ms, so sockets flush as the fan-out goes and nothing else waits for all of it.
          await pace();
          this.#lastSeq = row.seq;
          const e = this.#keep(row);
          const set = this.#subscribers.get(`${row.audienceKind}:${row.audienceId}`);
          if (set) for (const s of set) s.push(e);
        }
        if (rows.length < PAGE) break;
      }
      for (const hook of this.#pollHooks) hook();
      if (now() - this.#lastPrune > PRUNE_EVERY_MS) {
        this.#lastPrune = now();
        await this.db.delete(events).where(lt(events.at, now() - RETENTION_MS));
      }
    } catch (err) {
      this.logger?.error({ err }, 'live: polling events failed');
    } finally {
      this.#polling = false;
    }
    return this.#lastSeq !== from;
  }
}
