import { createApp } from '../app.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { LiveHub } from '../modules/live/hub.js';
import type { testDeps } from './deps.js';

/**
 * What another server process on the same database would be: its own client, pool, prepared statements, identity
 * cache and live hub, so a change made through one app must reach the other through the database alone (issue 15).
 */
export function secondProcess(deps: Awaited<ReturnType<typeof testDeps>>) {
  const db = openDatabase(deps.config.databaseUrl);
  const live = new LiveHub(db, deps.config.livePollMs, undefined, { listen: deps.config.liveListen });
  const app = createApp({ ...deps, db, live });
  return {
    app,
    db,
    live,
    close: () => {
      live.close();
      void closeDatabase(db);
    },
  };
}
