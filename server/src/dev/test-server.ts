// Starts a real Herald server on a free loopback port with a throw-away database, for element and
// end-to-end tests. Prints one JSON line with its URL and the super admin's sign-in, then runs until killed.
import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import { testDeps, TEST_ADMIN_PASSWORD } from '../testing/deps.js';
import { seedDemo, SUPER_ADMIN_LOGIN } from '../seed.js';

const deps = await testDeps({ HERALD_LIVE_HEARTBEAT_MS: '2000' });
await seedDemo(deps.db);
const app = createApp(deps);
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  const ready = {
    url: `http://127.0.0.1:${info.port}`,
    adminLogin: SUPER_ADMIN_LOGIN,
    adminPassword: TEST_ADMIN_PASSWORD,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
});
const stop = () => {
  deps.live.close();
  server.close();
  deps.cleanup();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
