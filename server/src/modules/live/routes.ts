import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { createRouter } from '../../http/router.js';
import { currentActor } from '../../http/auth.js';
import { BEARER, commonErrors } from '../../http/openapi.js';
import { Problem } from '../../http/problem.js';
import type { LiveEvent } from './hub.js';
import type { Audience } from './service.js';

const liveRoute = createRoute({
  method: 'get', path: '/live', tags: ['live'], security: BEARER,
  summary: 'Server-sent events for the caller; resumable with Last-Event-ID',
  description: 'Each event has `id` (a sequence number), `event` (its type) and JSON `data`. The first event, `ready`, carries the current position. A `: heartbeat` comment keeps idle connections open.',
  request: { headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/).optional() }) },
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...commonErrors },
});

export const liveRoutes = () =>
  createRouter().openapi(liveRoute, async (c) => {
    const actor = currentActor(c);
    if (actor.kind === 'api-key') throw new Problem('forbidden', 'API keys have no live stream.');
    const { live, config } = c.get('deps');
    const audience: Audience = { kind: actor.kind, id: actor.subject.id };
    const lastEventId = c.req.valid('header')['last-event-id'];

    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const signal = () => { wake?.(); wake = undefined; };
      const end = () => { closed = true; signal(); };
      // Subscribe before reading the backlog, then drop duplicates by sequence: no gap, no repeat.
      const unsubscribe = await live.subscribe(audience, { push: (e) => { queue.push(e); signal(); }, close: end });
      stream.onAbort(end);
      let sent = 0;
      const send = async (e: LiveEvent) => {
        if (e.seq <= sent) return;
        sent = e.seq;
        await stream.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify({ at: e.at, ...(e.payload as object) }) });
      };
      try {
        if (lastEventId !== undefined) {
          sent = Number(lastEventId);
          for (let page = await live.since(audience, sent); page.length; page = await live.since(audience, sent)) {
            for (const e of page) await send(e);
          }
          await stream.writeSSE({ id: String(sent), event: 'ready', data: JSON.stringify({ resumed: true }) });
        } else {
          sent = await live.headSeq();
          await stream.writeSSE({ id: String(sent), event: 'ready', data: JSON.stringify({ resumed: false }) });
        }
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), config.liveHeartbeatMs);
        try {
          while (!closed) {
            while (queue.length) await send(queue.shift()!);
            if (!closed) await new Promise<void>((r) => { wake = r; });
          }
        } finally {
          clearInterval(heartbeat);
        }
      } finally {
        unsubscribe();
      }
    });
  });
