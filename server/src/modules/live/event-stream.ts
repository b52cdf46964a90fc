import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** An open `text/event-stream` answer: text written to it goes out as it is. */
export type EventStream = {
  readonly response: Response;
  /** Writes SSE text (whole frames); nothing once closed. */
  write(text: string): void;
  /** Ends the answer (the connection may then be reused). */
  end(): void;
};

const encoder = new TextEncoder();

/**
 * A server-sent event answer that costs one small object per stream (issue 15: opening a stream ≤ 3× hello-world).
 * Hono's `streamSSE` built a TransformStream per stream, encoded every write and passed each one through a writer,
 * the stream and @hono/node-server's reader (several promises per frame); its abort handling also made the request a
 * full fetch `Request`. Here the body is a plain ReadableStream that the Node adapter reads once: its first read comes
 * after the status and headers (middleware's included) went out, and from then on text is written straight to the
 * connection. Where there is no Node response (`app.request()` in tests) text is enqueued to the body instead.
 * `onClose` runs once, when the client goes away (the adapter cancels the body) or the stream is ended.
 */
export function eventStream(c: Context, onClose: () => void): EventStream {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let direct = false; // the headers are out and the adapter waits on its read: write to the connection
  let queued = '';
  let closed = false;
  const close = () => { if (!closed) { closed = true; onClose(); } };
  const body = new ReadableStream<Uint8Array>({
    start: (ctl) => { controller = ctl; },
    pull: () => {
      if (!outgoing || direct) return;
      direct = true;
      if (queued) outgoing.write(queued);
      queued = '';
    },
    cancel: close,
  }, { highWaterMark: 0 });
  const write = (text: string) => {
    if (closed || !text) return;
    if (direct) outgoing!.write(text);
    else if (outgoing) queued += text;
    else controller.enqueue(encoder.encode(text));
  };
  const end = () => {
    if (closed) return;
    if (queued) controller.enqueue(encoder.encode(queued)); // ended before the adapter's first read
    queued = '';
    close();
    controller.close();
  };
  const response = c.body(body, 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    // Chunked: the adapter then sends the head at once instead of waiting for the first chunks to measure them.
    'transfer-encoding': 'chunked',
    connection: 'keep-alive',
  });
  return { response, write, end };
}
