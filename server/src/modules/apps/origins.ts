import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { identityCache } from '../auth/identity-cache.js';
import { embedApps } from './schema.js';

const CACHE_MS = 5_000;
/** An origin not in the cache re-reads the registry, at most this often (changes made by other processes). */
const MISS_REFRESH_MS = 1_000;

/**
 * The origins of enabled embed apps, cached per database. Any change to an app, in any process, moves the identity
 * epoch (migration 0008), which this request's authentication has read before CORS looks here: the cache is then
 * re-read. Without a fresh epoch (a request refused before authentication) the old rule holds: a miss re-reads
 * at most once a second and the whole list every few seconds.
 */
class EmbedOrigins {
  #cached: { at: number; epoch: number | undefined; origins: Set<string> } | undefined;
  constructor(private readonly db: Db) {}

  async allows(origin: string): Promise<boolean> {
    const c0 = this.#cached;
    const stale = !c0 || Date.now() - c0.at > CACHE_MS || c0.epoch !== identityCache(this.db).epoch;
    let c = stale || !c0 ? await this.#load() : c0;
    if (!c.origins.has(origin) && Date.now() - c.at > MISS_REFRESH_MS) c = await this.#load();
    return c.origins.has(origin);
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  async #load() {
    const epoch = identityCache(this.db).epoch; // read before the registry: a change after it moves the epoch again
    const rows = await this.db
      .select({ origins: embedApps.origins })
      .from(embedApps)
      .where(eq(embedApps.disabled, false));
    this.#cached = { at: Date.now(), epoch, origins: new Set(rows.flatMap((r) => r.origins)) };
    return this.#cached;
  }
}

const registries = new WeakMap<object, EmbedOrigins>();

export function embedOrigins(db: Db): EmbedOrigins {
  let r = registries.get(db);
  if (!r) registries.set(db, (r = new EmbedOrigins(db)));
  return r;
}
