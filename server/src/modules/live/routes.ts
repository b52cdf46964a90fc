import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, validationHook } from '../../http/router.js';
import { currentActor } from '../../http/auth.js';
import { BEARER, commonErrors } from '../../http/openapi.js';
import { Problem } from '../../http/problem.js';
import { SINCE_PAGE, type LiveEvent, type LiveHub } from './hub.js';
import { onHeartbeat } from './heartbeat.js';
import { eventStream } from './event-stream.js';
import { streamGuard } from './stream-guard.js';
import type { Audience } from './service.js';

/** A `Last-Event-ID` the route accepts: an event's sequence number. */
const EVENT_ID = /^\d{1,15}$/;
const LiveHeaders = z.object({ 'last-event-id': z.string().regex(EVENT_ID).optional() });
const liveRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['live'],
  security: BEARER,
  summary: 'Server-sent events for the caller; resumable with Last-Event-ID',
  description:
    'Each event has `id` (a sequence number), `event` (its type) and JSON `data`. The first event, `ready`, ' +
    'carries the current position. A `: heartbeat` comment keeps idle connections open.',
  request: { headers: LiveHeaders },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...commonErrors,
  },
});

/**
 * Most backlog text a resume writes (review of issue 15): a resume from further back is answered as a new stream
 * (`ready` with `resumed: false`: the client reloads what it shows), so an open holds at most this much before its
 * first write, and a made-up `Last-Event-ID: 0` cannot replay a week of someone's events.
 */
export const MAX_BACKLOG_BYTES = 512 * 1024;

/** One server-sent event (the data is JSON, so it holds no line break). */
const frame = (seq: number, type: string, data: string) => `id: ${seq}\nevent: ${type}\ndata: ${data}\n\n`;

/**
 * An event's data: its stored payload with `at` first, what `JSON.stringify({ at, ...payload })` gives (a payload's
 * own `at` wins there, as it does here when the client parses the repeated key). The stored text is spliced rather
 * than parsed and written again (issue 15: 5,000 frames per urgent message); a payload that is not a one-line
 * object (written by hand-made SQL) takes the long way, and one that is not JSON at all is sent as `{"at":…}` alone:
 * one bad row must not refuse every resume across it (review of issue 15).
 */
export function eventData(at: number, payload: string): string {
  if (payload[0] === '{' && !payload.includes('\n') && !payload.includes('\r')) {
    const rest = payload.slice(1).trimStart();
    return rest[0] === '}' ? `{"at":${at}}` : `{"at":${at},${rest}`;
  }
  try {
    return JSON.stringify({ at, ...(JSON.parse(payload) as object) });
  } catch {
    return `{"at":${at}}`;
  }
}

/**
 * The route is registered for the OpenAPI document, and its one header checked by the handler: the header validator
 * reads every header (`c.req.header()`), which makes @hono/node-server build a fetch `Headers` of them all — ~5 % of
 * an open in a profile (issue 15). The client reads the stream with `fetch`, not the typed client.
 */
export const liveRoutes = () => {
  const router = createRouter();
  router.openAPIRegistry.registerPath(liveRoute);
  return router.get('/', async (c): Promise<Response> => {
    const actor = currentActor(c);
    if (actor.kind === 'api-key') throw new Problem('forbidden', 'API keys have no live stream.');
    // HEAD (which Hono routes here too) gets the head only: a stream written to the connection cannot answer it.
    if (c.req.method !== 'GET')
      return c.body(null, 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const { live, config, db, logger } = c.get('deps');
    // A reconnect that reaches a stopping process on a kept-alive connection: 503, and the client tries again.
    if (live.closed) throw new Problem('unavailable', 'This server is stopping; reconnect to continue.');
    const audience: Audience = { kind: actor.kind, id: actor.subject.id };
    const lastEventId = c.req.header('last-event-id');
    // A new stream sends no id: nothing to check. An id the pattern accepts is what the schema accepts; only one it
    // refuses goes through zod, for the same problem as every other route's (issue 15: the parse was ≈ 7 µs a resume).
    if (lastEventId !== undefined && !EVENT_ID.test(lastEventId)) {
      const headers = { 'last-event-id': lastEventId };
      const checked = LiveHeaders.safeParse(headers);
      return validationHook({ ...checked, data: headers, target: 'header' } as never, c as never) as Response;
    }

    // Until the backlog and `ready` are written, live events wait here; after that they are written as they come,
    // each one frame, straight from the hub's poll (no per-stream loop or timer: issue 15).
    let pending: LiveEvent[] | undefined = [];
    let sent = 0;
    const frames = (list: LiveEvent[]) => {
      let text = '';
      for (const e of list) {
        if (e.seq <= sent) continue; // subscribed before reading the backlog: drop the overlap, no gap, no repeat
        sent = e.seq;
        text += e.frame ??= frame(e.seq, e.type, eventData(e.at, e.payload));
      }
      return text;
    };
    /** An event as polled, with what the hub's extensions added for open streams (never kept: see `LiveExtension`). */
    const extended = (e: LiveEvent, extra: string) => {
      if (e.seq <= sent) return '';
      sent = e.seq;
      const data = eventData(e.at, e.payload); // always one JSON object (a stored one may end in white space)
      const end = data.lastIndexOf('}');
      return frame(e.seq, e.type, `${data.slice(0, end)},${extra}${data.slice(end)}`);
    };
    /** The frames after `id`, or undefined when the stream must start afresh (see below). */
    const backlog = async (id: number): Promise<string | undefined> => {
      if (!(await known(live, id)) || !(await live.retains(id))) return undefined;
      sent = id;
      let text = '';
      for (;;) {
        const page = await live.since(audience, sent);
        text += frames(page);
        if (Buffer.byteLength(text) > MAX_BACKLOG_BYTES) return undefined;
        if (stream.closed) return text; // gone: nothing is written
        if (page.length < SINCE_PAGE) break;
      }
      // Asked again once read: a prune that committed meanwhile (another process's, or this one's while a write held
      // the connection) may have deleted events after `id` before they were read — a silent gap. As the first ask, it
      // tells by the oldest event the table holds (`retains`). Free when the hub keeps them (it answers from memory);
      // one statement when they came from the table.
      return (await live.retains(id)) ? text : undefined;
    };
    let stopBeats = () => {};
    let unsubscribe = () => {};
    let unwatch = () => {};
    // `response` only in returns, never in a closure: an open stream does not keep it (event-stream.ts).
    const { stream, response } = eventStream(c, () => {
      stopBeats();
      unsubscribe();
      unwatch();
    });
    if (stream.closed) return response; // the client left before its stream opened
    // Ended once its owner may no longer have it: signed out, disabled, a right revoked, the token expired (issue 15).
    unwatch = streamGuard(live, db, logger).watch(actor, c.get('authenticated')!, stream.end);
    unsubscribe = await live.subscribe(audience, {
      push: (e, extra) => {
        if (pending)
          pending.push(e); // written with the backlog, as stored
        else stream.write(extra === undefined ? frames([e]) : extended(e, extra));
      },
      close: stream.end,
    });
    // It may also leave while the hub starts: its close found nothing to undo yet.
    if (stream.closed) {
      unsubscribe();
      return response;
    }
    stopBeats = onHeartbeat(config.liveHeartbeatMs, () => stream.write(': heartbeat\n\n'));
    try {
      // A resume replays the caller's events after its id. It starts afresh instead (the newest event, `ready` with
      // `resumed: false`, as for a stream opened without an id: the client reloads what it shows) when the id is past
      // the newest event (a restore rewound `seq`, or a made-up id: every event until `seq` caught up would be
      // dropped), when events after it were already deleted (older than 7 days: a gap), or when the backlog passes
      // MAX_BACKLOG_BYTES.
      let text = lastEventId === undefined ? undefined : await backlog(Number(lastEventId));
      if (stream.closed) return response;
      if (text === undefined) {
        sent = await live.position();
        text = frame(sent, 'ready', '{"resumed":false}');
      } else text += frame(sent, 'ready', '{"resumed":true}');
      text += frames(pending);
      pending = undefined;
      stream.write(text); // the backlog, `ready` and whatever arrived meanwhile: one write
    } catch (err) {
      stream.end();
      throw err;
    }
    return response;
  });
};

/** Whether `id` is an event id this database has reached (the tailer's position, else the newest row). */
const known = async (live: LiveHub, id: number) => id <= (await live.position()) || id <= (await live.headSeq());
