// A bare Hono hello-world on @hono/node-server, as its own process: the baseline the server benches compare with
// (bench/live.bench.ts, bench/start.bench.ts). Plain JavaScript, so that no loader is measured. Prints its port.
// `GET /sse` is the least a Hono app on Node does to open a server-sent event stream — the head and one `ready` frame
// in one write, the connection kept open, no middleware, no authentication, no hub — the floor under a Herald stream
// open (bench/live.bench.ts): written to the connection as Herald's `live/event-stream.ts` does.
import { serve } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';

const HEAD = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'close' };
const app = new Hono()
  .get('/', (c) => c.text('Hello'))
  .get('/sse', (c) => {
    const outgoing = c.env.outgoing;
    outgoing.useChunkedEncodingByDefault = false;
    outgoing.writeHead(200, HEAD);
    outgoing.write('id: 1\nevent: ready\ndata: {"resumed":false}\n\n');
    return RESPONSE_ALREADY_SENT;
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`hello-world listening on ${info.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
