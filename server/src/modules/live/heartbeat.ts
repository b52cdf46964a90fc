/**
 * One timer per interval for every open stream of the process, instead of one per stream (issue 15: 5,000 streams
 * held 5,000 timers). Answers the function that stops this stream's beats.
 */
const tickers = new Map<number, { timer: NodeJS.Timeout; beats: Set<() => void> }>();

export function onHeartbeat(everyMs: number, beat: () => void): () => void {
  let ticker = tickers.get(everyMs);
  if (!ticker) {
    const beats = new Set<() => void>();
    const timer = setInterval(() => {
      for (const b of beats) b();
    }, everyMs);
    timer.unref();
    tickers.set(everyMs, (ticker = { timer, beats }));
  }
  const { beats, timer } = ticker;
  beats.add(beat);
  return () => {
    beats.delete(beat);
    if (beats.size === 0) {
      clearInterval(timer);
      tickers.delete(everyMs);
    }
  };
}
