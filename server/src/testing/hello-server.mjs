// A bare Hono hello-world on @hono/node-server, as its own process: the baseline the server benches compare with
// (bench/live.bench.ts, bench/start.bench.ts). Plain JavaScript, so that no loader is measured. Prints its port.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('Hello'));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`hello-world listening on ${info.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
