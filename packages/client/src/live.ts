/** Connection state of the live stream. */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** One server-sent event; `data` is parsed JSON when it is JSON, else the raw text. */
export interface LiveEvent<T = unknown> {
  id?: string;
  type: string;
  data: T;
}

export interface LiveOptions {
  /** First reconnect delay in ms (doubles per failed attempt). Default 1000; a server `retry:` overrides it. */
  minDelay?: number;
  /** Upper bound of the reconnect delay in ms. Default 30000. */
  maxDelay?: number;
  /** Source of jitter, 0 ≤ x < 1 (tests pass a fixed one). */
  random?: () => number;
  /**
   * Reconnect when nothing (not even a heartbeat) arrives for this long, in ms: a connection that died
   * silently (a sleeping laptop, a proxy that dropped it) otherwise looks open forever. Default 45000,
   * three of the server's 15 s heartbeats.
   */
  stallTimeout?: number;
}

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML §9.2): handles chunks split
 * anywhere, CRLF/CR/LF, comments, multi-line `data:`, `id:` and `retry:`.
 */
export class SseParser {
  lastEventId?: string;
  retry?: number;
  private buffer = '';
  private data: string[] = [];
  private type = '';
  private hasData = false;

  /** Feeds a decoded chunk; returns the events it completed. */
  push(chunk: string): LiveEvent[] {
    this.buffer += chunk;
    const events: LiveEvent[] = [];
    let match: RegExpExecArray | null;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    while ((match = lineEnd.exec(this.buffer))) {
      // A lone CR at the end of the buffer may be the first half of CRLF: wait for more.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, match.index);
      start = match.index + match[0].length;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): LiveEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined; // comment, e.g. `: heartbeat`
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return undefined;
  }

  private dispatch(): LiveEvent | undefined {
    const type = this.type || 'message';
    const text = this.data.join('\n');
    const hasData = this.hasData;
    this.data = [];
    this.type = '';
    this.hasData = false;
    if (!hasData) return undefined;
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { id: this.lastEventId, type, data };
  }
}

type Handler = (event: LiveEvent) => void;

/**
 * The client's one live stream (`GET /api/v1/live`), shared by every subscriber. Read with `fetch` so the
 * credentials travel in a header or cookie — never in the URL. Resumes with `Last-Event-ID` and reconnects
 * with exponential backoff and jitter until `close()`.
 */
export class LiveStream {
  status: LiveStatus = 'idle';
  /** Id of the last event received; sent as `Last-Event-ID` when reconnecting. */
  lastEventId?: string;
  /** The problem that stopped the stream for good (e.g. 401), if any. */
  lastError?: unknown;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private abort?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private attempt = 0;
  private serverRetry?: number;

  constructor(
    private readonly connectFetch: (init: RequestInit) => Promise<Response>,
    private readonly options: LiveOptions = {},
  ) {}

  /** Subscribes to one event type (`'*'` for all); returns the unsubscribe function. */
  on<T = unknown>(type: string, handler: (event: LiveEvent<T>) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Opens the stream (no-op if already running). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.lastError = undefined;
    void this.connect();
  }

  /** Closes the stream and stops reconnecting. */
  close(): void {
    const wasActive = this.running || this.status !== 'idle';
    this.running = false;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (wasActive) this.setStatus('closed');
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }

  private async connect(): Promise<void> {
    this.setStatus(this.status === 'reconnecting' ? 'reconnecting' : 'connecting');
    const abort = (this.abort = new AbortController());
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (this.lastEventId !== undefined) headers['Last-Event-ID'] = this.lastEventId;
    try {
      const response = await this.connectFetch({ headers, signal: abort.signal, cache: 'no-store' });
      if (!response.ok) {
        // 4xx (other than 408/429) will not fix itself by retrying: stop and let the session decide.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          this.lastError = response;
          this.running = false;
          this.setStatus('closed');
          return;
        }
        throw new Error(`live: HTTP ${response.status}`);
      }
      if (!response.body) throw new Error('live: no body');
      this.setStatus('open');
      this.attempt = 0;
      await this.read(response.body, abort.signal);
    } catch {
      /* network error or abort: handled below */
    }
    if (!this.running || abort.signal.aborted) return;
    this.setStatus('reconnecting');
    this.timer = setTimeout(() => void this.connect(), this.delay());
  }

  private delay(): number {
    const min = this.serverRetry ?? this.options.minDelay ?? 1000;
    const max = this.options.maxDelay ?? 30_000;
    const base = Math.min(max, min * 2 ** this.attempt++);
    // "Equal jitter": half fixed, half random, so many clients do not reconnect in lockstep.
    return base / 2 + (base / 2) * (this.options.random ?? Math.random)();
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const parser = new SseParser();
    parser.lastEventId = this.lastEventId;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    // Cancelling the reader (not the signal) ends this read as if the server had closed: connect() reconnects.
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => void reader.cancel().catch(() => {}), this.options.stallTimeout ?? 45_000);
    };
    arm();
    for (;;) {
      const { value, done } = await reader.read().finally(() => clearTimeout(watchdog));
      if (done || signal.aborted) break;
      arm();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        this.lastEventId = event.id;
        this.deliver(event);
      }
      if (parser.retry !== undefined) this.serverRetry = parser.retry;
    }
    if (parser.lastEventId !== undefined) this.lastEventId = parser.lastEventId;
  }

  private deliver(event: LiveEvent): void {
    for (const key of [event.type, '*']) {
      this.handlers.get(key)?.forEach((handler) => {
        try {
          handler(event);
        } catch (error) {
          // One faulty subscriber must not break the stream for the others.
          queueMicrotask(() => {
            throw error;
          });
        }
      });
    }
  }
}
