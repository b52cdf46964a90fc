/** A minimal reader of a text/event-stream response, for tests. */
export type SseEvent = { id?: string; event?: string; data?: string; comment?: string };

export function readSse(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queued: SseEvent[] = [];
  let done = false;
  const parse = (block: string): SseEvent => {
    const e: SseEvent = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) e.comment = line.slice(1).trim();
      const m = /^(id|event|data): ?(.*)$/s.exec(line); // `s`: data may hold U+2028/U+2029
      if (m) e[m[1] as 'id' | 'event' | 'data'] = m[2];
    }
    return e;
  };
  return {
    /** The next event (or comment block); null once the stream has ended. The wait is generous: slow CI days. */
    async next(timeoutMs = 20_000): Promise<SseEvent | null> {
      const deadline = Date.now() + timeoutMs;
      while (!queued.length && !done) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((r) => {
            timer = setTimeout(() => r('timeout'), left);
          }),
        ]).finally(() => clearTimeout(timer)); // a long guard must not keep the test process alive
        if (chunk === 'timeout') throw new Error('no event in time');
        if (chunk.done) {
          done = true;
          break;
        }
        buffer += chunk.value;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          queued.push(parse(buffer.slice(0, i)));
          buffer = buffer.slice(i + 2);
        }
      }
      return queued.shift() ?? null;
    },
    /** The next real event, skipping heartbeat comments. */
    async nextEvent(timeoutMs = 20_000): Promise<SseEvent | null> {
      for (;;) {
        const e = await this.next(timeoutMs);
        if (!e || e.event) return e;
      }
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}
