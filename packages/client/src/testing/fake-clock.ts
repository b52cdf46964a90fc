/**
 * A fake clock for the timers that code under test sets (issue 14: tests must not depend on the machine's speed).
 * `setTimeout`/`clearTimeout` are replaced until `restore()`: timers only record their delay and run when the test
 * moves time on with `tick()`. Promises, fetch and streams still run on the real event loop; `settle()` waits for
 * that with the real timers (mocha kept its own references, so test time-outs still work).
 */
export interface FakeClock {
  /** Delays (ms) of the timers now pending, in the order they were set. */
  readonly pending: number[];
  /** How many timers have been set so far (a re-armed watchdog counts again). */
  readonly setCount: number;
  /** Moves time on by `ms`, running each timer that falls due, in due order. */
  tick(ms: number): void;
  /** Runs the next pending timer (moving time to it); throws if there is none. */
  next(): number;
  /** Waits on the real event loop until `check()` holds (for promises and streams to run). */
  settle(check: () => boolean, what?: string): Promise<void>;
  restore(): void;
}

export function installFakeClock(): FakeClock {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const timers = new Map<number, { at: number; ms: number; run: () => void }>();
  let now = 0;
  let ids = 0;
  globalThis.setTimeout = ((run: () => void, ms = 0) => {
    const id = ++ids;
    timers.set(id, { at: now + ms, ms, run });
    return id;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
  }) as typeof clearTimeout;
  const due = () => [...timers.entries()].sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
  const fire = ([id, timer]: [number, { at: number; run: () => void }]) => {
    timers.delete(id);
    now = Math.max(now, timer.at);
    timer.run();
  };
  return {
    get pending() {
      return [...timers.values()].map((t) => t.ms);
    },
    get setCount() {
      return ids;
    },
    tick(ms) {
      const end = now + ms;
      for (let t = due(); t && t[1].at <= end; t = due()) fire(t);
      now = end;
    },
    next() {
      const t = due();
      if (!t) throw new Error('no timer is pending');
      fire(t);
      return t[1].ms;
    },
    async settle(check, what = 'condition') {
      for (let i = 0; !check(); i++) {
        if (i > 2000) throw new Error(`fake clock: ${what} did not happen`);
        await new Promise((r) => realSetTimeout(r, 5));
      }
    },
    restore() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}
