import { and, asc, eq, gt, lt, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import { now } from '../../lib/clock.js';
import { events } from './schema.js';
import type { Audience } from './service.js';

export type LiveEvent = { seq: number; at: number; type: string; payload: unknown };
type Subscriber = { push(e: LiveEvent): void; close(): void };

const PAGE = 500;
const RETENTION_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const key = (a: Audience) => `${a.kind}:${a.id}`;

/**
 * One tailer of the `events` table per process, fanning rows out to the open streams in memory. Because
 * it reads the table rather than an in-process bus, events written by any server process on the same
 * database reach every stream. It polls only while someone is listening.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #lastSeq = 0;
  #timer: NodeJS.Timeout | undefined;
  #starting: Promise<void> | undefined;
  #polling = false;
  #lastPrune = 0;
  #closed = false;

  constructor(private readonly db: Db, private readonly pollMs: number, private readonly logger?: Logger) {}

  /** The newest sequence number written so far. */
  async headSeq(): Promise<number> {
    const [row] = await this.db.select({ seq: max(events.seq) }).from(events);
    return row?.seq ?? 0;
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
    return this.db.select({ seq: events.seq, at: events.at, type: events.type, payload: events.payload }).from(events)
      .where(and(eq(events.audienceKind, audience.kind), eq(events.audienceId, audience.id), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq)).limit(limit);
  }

  /** Ends every open stream (graceful shutdown) and stops polling. */
  close(): void {
    this.#closed = true;
    this.#stop();
    for (const set of this.#subscribers.values()) for (const s of set) s.close();
    this.#subscribers.clear();
  }

  async #start() {
    this.#lastSeq = await this.headSeq();
    this.#timer = setInterval(() => void this.#poll(), this.pollMs);
    this.#timer.unref();
  }

  #stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#starting = undefined;
  }

  async #poll() {
    if (this.#polling) return;
    this.#polling = true;
    try {
      for (;;) {
        const rows = await this.db.select().from(events).where(gt(events.seq, this.#lastSeq)).orderBy(asc(events.seq)).limit(PAGE);
        for (const row of rows) {
          this.#lastSeq = row.seq;
          const set = this.#subscribers.get(`${row.audienceKind}:${row.audienceId}`);
          if (set) for (const s of set) s.push({ seq: row.seq, at: row.at, type: row.type, payload: row.payload });
        }
        if (rows.length < PAGE) break;
      }
      if (now() - this.#lastPrune > PRUNE_EVERY_MS) {
        this.#lastPrune = now();
        await this.db.delete(events).where(lt(events.at, now() - RETENTION_MS));
      }
    } catch (err) {
      this.logger?.error({ err }, 'live: polling events failed');
    } finally {
      this.#polling = false;
    }
  }
}
