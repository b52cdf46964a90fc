import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { readRows, type Row } from '../../db/prepared.js';
import { pace } from '../../db/write-queue.js';
import type { Logger } from '../../lib/logger.js';
import { now } from '../../lib/clock.js';
import { ENGINE, forEngine } from '../../db/engine.js';
import { poolOf } from '../../db/pg/open.js';
import { events } from './schema.js';
import { PgWakeListener } from './pg-wake.js';
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
/** `extra`: what `LiveExtension`s add to this event for the streams open now (a JSON member list). */
type Subscriber = { push(e: LiveEvent, extra?: string): void; close(): void };

/**
 * What the streams open when an event is polled get besides its stored payload (issue 15): `extend` registers one per
 * event type. It is asked once per page of events a poll reads (up to 500) for that type's events that someone
 * listens to, and answers, by event `seq`, JSON members (`"name":value,…`) spliced into those events' data. What it
 * adds is never stored, kept with the recent events, or replayed: a stream that resumes gets the stored payload alone,
 * so nothing added outlives the moment it was true (a recall, an expiry). A failed extension costs only its additions.
 */
export type LiveExtension = (events: ReadonlyArray<Pick<LiveEvent, 'seq' | 'payload'>>) => Promise<Map<number, string>>;

/** Most events `since` answers at once, and a poll reads at once. */
export const SINCE_PAGE = 500;
/** Recent events kept in memory (all audiences together), so that streams resuming need no query. */
const RECENT_MAX = 20_000;
/** Rows `preload` reads per statement while it loads the recent events, yielding between them (no stalls). */
const LOAD_PAGE = 2_000;
const RETENTION_MS = 7 * 24 * 3_600_000;
/** An event dated further ahead than this is taken for a clock gone wrong by the prune (see `#poll`). */
const MAX_AHEAD_MS = 24 * 3_600_000;
/**
 * Extended events (an urgent message's alert) to `streams` open streams or more go before requests
 * (`parkDuringFanOut`), for at most `maxMs`, and not again for four times as long as they held them (at least
 * `minPauseMs`): requests are held at most a fifth of the time, whoever sends. The requests held are then let go
 * `RELEASE_SLICE` at a time, a turn of the event loop between slices. Changed by tests only.
 */
export const fanOutFirst = { streams: 200, maxMs: 2_000, minPauseMs: 1_000 };
const RELEASE_SLICE = 50;
const PRUNE_EVERY_MS = 10 * 60_000;
const key = (a: Audience) => `${a.kind}:${a.id}`;
type EventRow = Omit<typeof events.$inferSelect, 'payload'> & { payload: string };

// The hub's reads as prepared statements (issue 15): the poll runs every interval and after every local publish,
// the backlog read once per resume from further back than the hub remembers; drizzle built each one anew (and made
// an object per row, and parsed every payload, of the 20,000 recent events `preload` loads — for a restart's resumes).
const NEW_EVENTS_SQL = `select seq, at, audience_kind, audience_id, type, payload from events
  where seq > ? order by seq limit ?`;
const RECENT_SQL = `select seq, at, audience_kind, audience_id, type, payload from events
  where seq < ? order by seq desc limit ?`;
/** The database's clock in epoch ms (see the prune in `#poll`). */
const DB_NOW_MS = forEngine(
  `cast((julianday('now') - 2440587.5) * 86400000 as integer)`,
  `(extract(epoch from statement_timestamp()) * 1000)::bigint`,
);
/**
 * Where the prune stops (params: `upTo`, `upTo + 1`): before the first event up to `upTo` dated within the retention
 * and not more than a day ahead, else after `upTo`; and before the newest event (`#poll`). Then the oldest event.
 */
const PRUNE_BOUND_SQL = `select coalesce((select seq from events where seq <= ?
    and at >= ${DB_NOW_MS} - ${RETENTION_MS} and at <= ${DB_NOW_MS} + ${MAX_AHEAD_MS} order by seq limit 1), ?),
  (select max(seq) from events), (select min(seq) from events)`;
const OLDEST_SQL = 'select min(seq) from events';
const HEAD_SQL = 'select max(seq) from events';
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
 * While it runs it also keeps the newest events (up to `RECENT_MAX` of all audiences together, loaded in pages before
 * the server listens (`preload`), and then appended by each poll), so a stream that opens or resumes with
 * `Last-Event-ID` — 5,000 at once after a restart (issue 15) — costs no statement of its own: only one that resumes
 * from further back than the hub keeps (after a start without a preload, from before that start) reads the table.
 * They are kept when the last stream closes: the next start reads only what was written meanwhile (review of issue
 * 15: a lone client reconnecting on a quiet process reloaded all 20,000, ~56 ms of blocked event loop each time). A
 * start with nothing kept, or more than `RECENT_MAX` behind, starts at the newest event and keeps what comes after; a
 * resume from before that reads the table.
 *
 * Every `await` in a start or a poll is followed by a check of `#generation`, which a stop moves: a poll or a start
 * that outlived the hub's stop (the last stream left while it yielded) leaves what a newer start does alone.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #lastSeq = 0;
  #timer: NodeJS.Timeout | undefined;
  #starting: Promise<void> | undefined;
  /** A `preload` under way (a start waits for it). */
  #preloading: Promise<void> | undefined;
  #polling = false;
  #lastPrune = 0;
  /** `#lastSeq` at the previous prune: what the next prune may delete (see `#poll`). */
  #readAtLastPrune = 0;
  readonly #pruneEveryMs: number;
  #closed = false;
  /** Every event with `seq` in (#recentFrom, #lastSeq] is in #recent (per audience, oldest first). */
  #recent = new Map<string, LiveEvent[]>();
  /** The audience key of each kept event, oldest first: which list to trim when the oldest is dropped. */
  #recentOrder: string[] = [];
  #recentFrom = Infinity;
  readonly #pollHooks = new Set<() => void>();
  readonly #extensions = new Map<string, LiveExtension>();
  /** Whether requests wait for the fan-out being written (`parkDuringFanOut`), and those waiting. */
  #fanningOut = false;
  #fanOutPausedUntil = -Infinity;
  readonly #parked: Array<() => void> = [];
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeMs = 0;
  /** Moved by every stop: work begun before it stops at its next step. */
  #generation = 0;

  readonly #recentMax: number;
  readonly #listen: boolean;
  #listener: PgWakeListener | undefined;

  /**
   * `listen` (PostgreSQL only, `HERALD_LIVE_LISTEN`, on by default): wake on other nodes' commits through
   * LISTEN/NOTIFY (`pg-wake.ts`) rather than only at the next poll.
   */
  constructor(
    private readonly db: Db,
    private readonly pollMs: number,
    private readonly logger?: Logger,
    options: { recentMax?: number; listen?: boolean; pruneEveryMs?: number } = {},
  ) {
    this.#recentMax = options.recentMax ?? RECENT_MAX;
    this.#pruneEveryMs = options.pruneEveryMs ?? PRUNE_EVERY_MS;
    this.#listen = ENGINE === 'pg' && (options.listen ?? true);
  }

  /**
   * The PostgreSQL wake listener, started with the first stream and kept until `close` (one connection per process);
   * undefined on the embedded engine or with `listen: false`.
   */
  get listener(): PgWakeListener | undefined {
    return this.#listener;
  }

  /** Whether the hub was closed (the process is stopping). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The newest sequence number written so far. */
  async headSeq(): Promise<number> {
    const [row] = await readRows(this.db, HEAD_SQL, []);
    return Number(row?.[0] ?? 0);
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
    const unsubscribe = () => {
      set.delete(subscriber);
      if (set.size === 0 && this.#subscribers.get(k) === set) this.#subscribers.delete(k);
      if (this.#subscribers.size === 0) this.#stop();
    };
    this.#starting ??= this.#start();
    try {
      await this.#starting;
    } catch (err) {
      // A start that failed (a busy or faulty database) is not kept: the next subscriber tries again, and this one
      // does not stay behind (review of issue 15: one failed read refused every later stream until a restart).
      this.#starting = undefined;
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /**
   * Whether every event after `afterSeq` can still be replayed: kept in memory, or still in the table (the poll deletes
   * events older than 7 days, always a run of the oldest: a resume from before them would have a gap and must not say
   * it resumed).
   */
  async retains(afterSeq: number): Promise<boolean> {
    if (this.#timer && afterSeq >= this.#recentFrom) return true;
    const [row] = await readRows(this.db, OLDEST_SQL, []);
    const oldest = row?.[0] as number | null | undefined;
    return oldest == null || afterSeq >= oldest - 1;
  }

  /** Events for the audience after `afterSeq`, oldest first (for `Last-Event-ID`). */
  async since(audience: Audience, afterSeq: number, limit = SINCE_PAGE): Promise<LiveEvent[]> {
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

  /**
   * While a poll writes an urgent message's frames to many streams (`fanOutFirst`), a promise a request waits on
   * (`app.ts`) before it is handled; undefined otherwise. The fan-out yields every few ms (`pace()`), and the pages
   * that already had the message asked for their list meanwhile: answering those before writing on put the last
   * stream's frame seconds behind (issue 15). Bounded: see `fanOutFirst`.
   */
  parkDuringFanOut(): Promise<void> | undefined {
    if (!this.#fanningOut) return undefined;
    return new Promise<void>((resolve) => this.#parked.push(resolve));
  }

  /** Whether requests are held for a fan-out now (tests). */
  get fanningOut(): boolean {
    return this.#fanningOut;
  }

  /** Adds to the live frames of events of `type` (see `LiveExtension`); one per type, a second replaces the first. */
  extend(type: string, extension: LiveExtension): void {
    this.#extensions.set(type, extension);
  }

  /** The extensions' additions to `rows` that someone listens to, by seq (none when an extension failed). */
  async #extrasOf(rows: EventRow[]): Promise<Map<number, string> | undefined> {
    if (!this.#extensions.size) return undefined;
    const byType = new Map<string, EventRow[]>();
    for (const row of rows) {
      if (!this.#extensions.has(row.type) || !this.#subscribers.has(`${row.audienceKind}:${row.audienceId}`)) continue;
      const list = byType.get(row.type);
      if (list) list.push(row);
      else byType.set(row.type, [row]);
    }
    if (!byType.size) return undefined;
    const extras = new Map<number, string>();
    for (const [type, list] of byType) {
      try {
        for (const [seq, extra] of await this.#extensions.get(type)!(list)) extras.set(seq, extra);
      } catch (err) {
        this.logger?.warn({ err, type }, 'live: an extension of events failed; they go out as stored');
      }
    }
    return extras;
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
    this.#fanningOut = false;
    this.#release(this.#parked.splice(0));
    void this.#listener?.close();
    this.#listener = undefined;
    this.#stop();
    this.#forget();
    for (const set of this.#subscribers.values()) for (const s of set) s.close();
    this.#subscribers.clear();
  }

  /**
   * Loads the newest events before anyone subscribes (`main.ts`, before the server listens), so that the first streams
   * — thousands at once after a restart — find them kept: the first subscriber reads only what came after (`#catchUp`;
   * if more than `recentMax` came, it starts at the newest) instead of every stream of the burst waiting, request
   * and all, while it loads them (issue 15: ≈ 45 µs an open in `bench/live.bench.ts`, the load's own CPU and what the
   * waiting requests cost the garbage collector). After a failure nothing is kept: the first subscriber starts at the
   * newest event, and resumes from before it read the table. A second call while one runs answers when that one is
   * done.
   */
  async preload(): Promise<void> {
    if (this.#preloading) return this.#preloading;
    if (this.#closed || this.#starting || this.#recentFrom !== Infinity) return;
    const generation = this.#generation;
    // All or nothing: `#load` keeps what it read only once it has read it all, and nothing if stopped meanwhile.
    this.#preloading = this.#load(generation).then(() => {});
    try {
      await this.#preloading;
    } finally {
      this.#preloading = undefined;
    }
  }

  async #start(): Promise<void> {
    const generation = this.#generation;
    await this.#preloading?.catch(() => {}); // a subscriber during a preload: what it kept decides how to start
    if (generation !== this.#generation) return;
    const head = await this.headSeq();
    if (generation !== this.#generation) return;
    if (this.#recentFrom === Infinity || head - this.#lastSeq > this.#recentMax || head < this.#lastSeq) {
      // Nothing kept, so far behind that reading what came meanwhile would cost more than it saves, or behind what it
      // kept (a restore rewound `seq`: what it kept is not this database's): the hub starts at the newest event with
      // nothing older kept. A stream opened now needs none of them, and one that resumes from before reads the table
      // (`retains`, `since` and `retains` again: three statements; an idle node that takes over a failed one's clients
      // pays them for each resume). Loading the newest 20,000 here made every open of a burst wait for them (issue
      // 15: ≈ 45 µs an open in `bench/live.bench.ts`); only `preload`, before the server listens, loads them, for a
      // restart's resumes.
      // A rewound `seq`: what the previous prune recorded as read is not this database's either.
      if (head < this.#lastSeq) this.#readAtLastPrune = 0;
      this.#forget();
      this.#recentFrom = this.#lastSeq = head;
    } else if (!(await this.#catchUp(generation))) return;
    if (this.#closed) return;
    this.#timer = setInterval(() => void this.#poll(), this.pollMs);
    this.#timer.unref();
    running.add(this);
    if (this.#listen && !this.#listener) {
      const url = poolOf(this.db).options.connectionString;
      if (url) this.#listener = new PgWakeListener(url, () => this.wake(), this.logger);
    }
  }

  /** The newest events, for resumes (`preload`): read once in pages, not per stream. False if stopped meanwhile. */
  async #load(generation: number): Promise<boolean> {
    const rows: EventRow[] = [];
    let before = Number.MAX_SAFE_INTEGER;
    while (rows.length < this.#recentMax) {
      const want = Math.min(LOAD_PAGE, this.#recentMax - rows.length);
      const page = (await readRows(this.db, RECENT_SQL, [before, want])).map(eventRow);
      if (generation !== this.#generation) return false;
      for (const row of page) rows.push(row);
      if (page.length < want) break;
      before = page.at(-1)!.seq;
      await pace();
      if (generation !== this.#generation) return false;
    }
    rows.reverse();
    // Every event after the oldest one read is kept; a resume from before it reads the table (`since`, `retains`).
    this.#recentFrom = rows.length ? rows[0]!.seq - 1 : 0;
    for (const row of rows) this.#keep(row);
    this.#lastSeq = rows.at(-1)?.seq ?? 0;
    return true;
  }

  /** Keeps what was written while nobody listened, without dispatching it. False if stopped meanwhile. */
  async #catchUp(generation: number): Promise<boolean> {
    for (;;) {
      const rows = (await readRows(this.db, NEW_EVENTS_SQL, [this.#lastSeq, SINCE_PAGE])).map(eventRow);
      if (generation !== this.#generation) return false;
      for (const row of rows) {
        this.#lastSeq = row.seq;
        this.#keep(row);
      }
      if (rows.length < SINCE_PAGE) return true;
      await pace();
      if (generation !== this.#generation) return false;
    }
  }

  #stop() {
    this.#generation++;
    running.delete(this);
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#starting = undefined;
  }

  #forget() {
    this.#recent.clear();
    this.#recentOrder = [];
    this.#recentFrom = Infinity;
    this.#lastSeq = 0;
  }

  /** Adds a polled event to the recent ones, dropping the oldest past `RECENT_MAX`. */
  #keep(row: EventRow): LiveEvent {
    const e = { seq: row.seq, at: row.at, type: row.type, payload: row.payload };
    const k = `${row.audienceKind}:${row.audienceId}`;
    let list = this.#recent.get(k);
    if (!list) this.#recent.set(k, (list = []));
    list.push(e);
    this.#recentOrder.push(k);
    if (this.#recentOrder.length > this.#recentMax * 1.5) {
      // Trim in one go (an array's shift is O(n)): keep the newest `recentMax`.
      const drop = this.#recentOrder.length - this.#recentMax;
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
    if (this.#polling || !this.#timer) return false;
    this.#polling = true;
    const generation = this.#generation;
    const from = this.#lastSeq;
    let endFanOut: (() => void) | undefined;
    const counted = { streams: 0 }; // open streams of this poll's extended events so far, over its pages
    try {
      for (;;) {
        const rows = (await readRows(this.db, NEW_EVENTS_SQL, [this.#lastSeq, SINCE_PAGE])).map(eventRow);
        const extras = await this.#extrasOf(rows);
        if (generation !== this.#generation) return false;
        endFanOut ??= this.#fanOutFirst(rows, extras, counted); // until the poll has written every page
        await this.#dispatch(rows, extras, generation);
        if (generation !== this.#generation) return false;
        if (rows.length < SINCE_PAGE) break;
      }
      endFanOut?.(); // before the hooks and the prune

      for (const hook of this.#pollHooks) hook();
      if (now() - this.#lastPrune > this.#pruneEveryMs) {
        this.#lastPrune = now();
        // Only what this hub had read by its previous prune, one period ago: a row dated past the retention (a
        // hand-made row, a writer's clock far behind) that committed between a poll's read and the delete would
        // otherwise go unseen by every stream — it hung live tests on PostgreSQL (their rows were dated 1970), where
        // the two are separate round trips. A period back, so that the hubs of other nodes, which poll every few
        // seconds, have read it too (review).
        // And only a run of the oldest, up to the first event still within the retention: writers' clocks differ, so
        // a later event may be dated before an earlier one, and deleting the later one alone let a resume from before
        // both say it resumed over a gap (`retains` goes by the oldest event held). An old-dated event behind a
        // younger one waits until that one is old too — but one dated more than a day ahead (a clock far off) does
        // not count as younger, or it would hold every prune back until its date. Never the newest event either: an
        // empty table would be taken for one that never held any, and a resume from before the deleted events
        // would say it resumed (the numbering goes on after them; review).
        // Dates are weighed by the database's clock, which every node shares: a node whose own clock is days off
        // would otherwise take every event for old, or for dated ahead (review). The bound is read first, so that the
        // delete is one range of the key (a delete bounded by the subqueries scanned every event up to `upTo`).
        const upTo = this.#readAtLastPrune;
        this.#readAtLastPrune = this.#lastSeq;
        const [bound] = await readRows(this.db, PRUNE_BOUND_SQL, [upTo, upTo + 1]);
        const end = Math.min(Number(bound?.[0] ?? 0), Number(bound?.[1] ?? 0));
        if (end > Number(bound?.[2] ?? end)) await this.db.delete(events).where(lt(events.seq, end));
      }
    } catch (err) {
      this.logger?.error({ err }, 'live: polling events failed');
    } finally {
      endFanOut?.();
      this.#polling = false;
    }
    return this.#lastSeq !== from;
  }

  /** Writes `rows` to their streams, in order; stops early when the hub stopped meanwhile. */
  async #dispatch(rows: EventRow[], extras: Map<number, string> | undefined, generation: number): Promise<void> {
    for (const row of rows) {
      // Thousands of streams' writes in one go held the event loop up to 1.4 s under load (issue 15: no stalls):
      // let it turn every 20 ms, so sockets flush as the fan-out goes and nothing else waits for all of it.
      await pace();
      if (generation !== this.#generation) return;
      this.#lastSeq = row.seq;
      const e = this.#keep(row);
      const set = this.#subscribers.get(`${row.audienceKind}:${row.audienceId}`);
      if (set) for (const s of set) this.#push(s, e, extras?.get(row.seq));
    }
  }

  /** Holds requests when the extended ones of `rows` go to many open streams; answers what lets them go. */
  #fanOutFirst(
    rows: EventRow[],
    extras: Map<number, string> | undefined,
    counted: { streams: number },
  ): (() => void) | undefined {
    if (this.#fanningOut || !extras?.size || performance.now() < this.#fanOutPausedUntil) return undefined;
    for (const row of rows) {
      if (extras.has(row.seq)) {
        counted.streams += this.#subscribers.get(`${row.audienceKind}:${row.audienceId}`)?.size ?? 0;
      }
    }
    if (counted.streams < fanOutFirst.streams) return undefined;
    this.#fanningOut = true;
    const started = performance.now();
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.#fanningOut = false;
      const t = performance.now();
      this.#fanOutPausedUntil = t + Math.max(fanOutFirst.minPauseMs, 4 * (t - started));
      this.#release(this.#parked.splice(0));
    };
    const timer = setTimeout(end, fanOutFirst.maxMs);
    timer.unref();
    return end;
  }

  /**
   * Lets one hold's requests go a slice at a time: all at once held the event loop for seconds. Each hold's own list,
   * so that a release still going on never lets a later hold's requests go.
   */
  #release(held: Array<() => void>): void {
    for (const go of held.splice(0, RELEASE_SLICE)) go();
    if (held.length) setImmediate(() => this.#release(held));
  }

  /** One stream's failure (a payload it cannot frame) neither stops the fan-out nor skips the poll's hooks. */
  #push(s: Subscriber, e: LiveEvent, extra?: string) {
    try {
      s.push(e, extra);
    } catch (err) {
      this.logger?.error({ err, seq: e.seq }, 'live: writing an event to a stream failed');
    }
  }
}
