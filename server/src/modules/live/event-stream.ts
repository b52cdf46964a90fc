import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';

/** What `eventStream` answers: the route's answer, and the stream to write to. */
export type Opened = { stream: EventStream; response: Response };

/** An open `text/event-stream` answer: text written to it goes out as it is. */
export type EventStream = {
  /** Writes SSE text (whole frames); nothing once closed. */
  write(text: string): void;
  /** Ends the answer (the connection may then be reused). */
  end(): void;
  /** The client went away or the stream ended: subscribe nothing more (also true if it left before the route ran). */
  readonly closed: boolean;
};

/**
 * What a client that stops reading may leave buffered before its connection is destroyed (review of issue 15): it
 * reconnects with Last-Event-ID and misses nothing, and a reader that never reads cannot grow the server's memory
 * without bound. Destroyed, not ended: an end waits for the peer to read what is buffered, which a paused reader
 * never does, so the buffer and the socket stayed (20 paused streams held ~460 MB of RSS in the review's test).
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** @hono/node-server leaves a response with this header (and no body) to the route that wrote it itself. */
const ALREADY_SENT = 'x-hono-already-sent';
/**
 * No `connection` header here: on Node the stream is its connection's last answer (`connection: close`, set in
 * `direct` below, where the reason is); elsewhere (`app.request()`) it is the runtime's to choose. `x-accel-buffering`
 * asks nginx not to buffer the stream (docs/api.md, "Behind a reverse proxy"); other proxies need their own setting.
 */
const HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};
const ALREADY_SENT_HEADERS = { [ALREADY_SENT]: 'true' };
const encoder = new TextEncoder();

/**
 * A server-sent event answer that costs one small object per stream (issue 15: opening a stream ≤ 3× hello-world).
 * Hono's `streamSSE` built a TransformStream per stream, encoded every write and passed each one through a writer,
 * the stream and @hono/node-server's reader (several promises per frame), and its head went out in a write of its
 * own. On Node the answer is written to the connection here instead: the head (with what every middleware added)
 * together with the first text in one write, then each frame as it comes. Where there is no Node response
 * (`app.request()` in tests) the text goes into a ReadableStream body. `onClose` runs once: when the client goes away,
 * the stream is ended, or the request fails before its answer. The answer comes apart from the stream: the route
 * returns it once, while the stream is kept by its closures for as long as it is open (issue 15: the marker answer, a
 * fetch `Response` with its `Headers`, was ≈ 1 KB of every open stream's memory for the garbage collector to copy), so
 * a caller must keep `response` out of the closures that outlive its request.
 */
export function eventStream(c: Context<AppEnv>, onClose: () => void): Opened {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      onClose();
    }
  };
  return outgoing ? direct(c, outgoing, close, () => closed) : enqueued(c, close, () => closed);
}

function direct(c: Context<AppEnv>, outgoing: ServerResponse, close: () => void, isClosed: () => boolean): Opened {
  let queued = ''; // until the head is out
  let started = false;
  let ended = false;
  outgoing.once('close', close);
  // A client that left during authentication: its 'close' has already fired and will not fire again.
  if (outgoing.destroyed || !outgoing.socket || outgoing.socket.destroyed) close();
  const send = (text: string) => {
    outgoing.write(text);
    if (outgoing.writableLength > MAX_BUFFERED_BYTES) {
      ended = true;
      close();
      outgoing.destroy();
    }
  };
  // Given the context when called rather than keeping it: an open stream holds no request's context (its request,
  // variables and headers), only what it writes with.
  c.set('respondDirectly', (c) => {
    const res = c.res;
    if (res.headers.get(ALREADY_SENT) !== 'true') return close(); // a middleware answered something else
    // The adapter gets node-server's own marker response: Hono's (a cached one) would have it write a head again.
    c.res = undefined;
    c.res = RESPONSE_ALREADY_SENT;
    if (isClosed() && !ended) return; // the client went away first
    const headers: Record<string, string> = { ...HEADERS };
    res.headers.forEach((value, name) => {
      if (name !== ALREADY_SENT) headers[name] = value;
    });
    // The stream is the connection's last answer, its end the connection's close (HTTP/1.1 close-delimited body):
    // chunked encoding made every frame four writes (size, CRLF, text, CRLF) gathered into a writev (issue 15: 5,000
    // streams per message). A stream ends only when one side is done with it; the client reconnects on a new
    // connection anyway, and a stopping server no longer has to wait for a kept-alive one to fall idle.
    headers.connection = 'close';
    outgoing.useChunkedEncodingByDefault = false;
    outgoing.writeHead(res.status, headers);
    started = true;
    // The head and the backlog + `ready`: one write to the socket, not counted against the reader (a resume's backlog
    // is bounded by MAX_BACKLOG_BYTES in routes.ts; a fast reader must not be cut off for it).
    if (ended) outgoing.end(queued);
    else outgoing.write(queued);
    queued = '';
  });
  return {
    // The constant headers are added to the head above, not set one by one on the marker's fetch `Headers` here.
    response: c.body(null, 200, ALREADY_SENT_HEADERS),
    stream: {
      get closed() {
        return isClosed();
      },
      write: (text) => {
        if (isClosed() || !text) return;
        if (started) send(text);
        else queued += text;
      },
      end: () => {
        if (isClosed()) return;
        ended = true;
        close();
        if (started) outgoing.end();
      },
    },
  };
}

function enqueued(c: Context<AppEnv>, close: () => void, isClosed: () => boolean): Opened {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>(
    {
      start: (ctl) => {
        controller = ctl;
      },
      cancel: close,
    },
    // The same bound as on Node: what is enqueued and not yet read, in bytes.
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_BUFFERED_BYTES }),
  );
  return {
    response: c.body(body, 200, HEADERS),
    stream: {
      get closed() {
        return isClosed();
      },
      write: (text) => {
        if (isClosed() || !text) return;
        controller.enqueue(encoder.encode(text));
        if ((controller.desiredSize ?? 0) < 0) {
          close();
          controller.error(new Error('The reader fell too far behind; reconnect with Last-Event-ID.'));
        }
      },
      end: () => {
        if (!isClosed()) {
          close();
          controller.close();
        }
      },
    },
  };
}
