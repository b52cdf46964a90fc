import type { Context } from 'hono';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import type { LiveHub } from '../modules/live/hub.js';
import type { BlobStore } from '../blob-store/store.js';
import type { Actor } from '../modules/auth/actor.js';
import type { Authenticated } from './auth.js';

/** What `createApp` is built from. */
export type Deps = {
  config: Config;
  db: Db;
  logger: Logger;
  live: LiveHub;
  /** Attachment bytes (a folder under the data directory by default). */
  blobs: BlobStore;
  /** Where the built widget bundle and the example pages are; defaults to this checkout's. */
  widgetsDir?: string;
  examplesDir?: string;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    deps: Deps;
    /** Set by the authentication middleware when the request carries valid credentials. */
    actor: Actor | undefined;
    /** What the actor was established from (set with `actor`): for a live stream's later re-check. */
    authenticated: Authenticated | undefined;
    /**
     * Set by a route that writes its answer to the connection itself (`live/event-stream.ts`): called once every
     * middleware has finished the response (`c.res`: its final status and headers).
     */
    respondDirectly?: (c: Context<AppEnv>) => void;
  };
};
