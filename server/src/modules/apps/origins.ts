import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { embedApps } from './schema.js';

const CACHE_MS = 5_000;
/** An origin not in the cache re-reads the registry, at most this often (changes made by other processes). */
const MISS_REFRESH_MS = 1_000;

/**
 * The origins of enabled embed apps, cached per database. Changes made in this process clear it at once;
 * other processes see a new origin within a second (a miss re-reads) and a removed one within seconds.
 */
class EmbedOrigins {
  #cached: { at: number; origins: Set<string> } | undefined;
  constructor(private readonly db: Db) {}

  async allows(origin: string): Promise<boolean> {
    let c = !this.#cached || Date.now() - this.#cached.at > CACHE_MS ? await this.#load() : this.#cached;
    if (!c.origins.has(origin) && Date.now() - c.at > MISS_REFRESH_MS) c = await this.#load();
    return c.origins.has(origin);
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  async #load() {
    const rows = await this.db.select({ origins: embedApps.origins }).from(embedApps).where(eq(embedApps.disabled, false));
    this.#cached = { at: Date.now(), origins: new Set(rows.flatMap((r) => r.origins)) };
    return this.#cached;
  }
}

const registries = new WeakMap<object, EmbedOrigins>();

export function embedOrigins(db: Db): EmbedOrigins {
  let r = registries.get(db);
  if (!r) registries.set(db, (r = new EmbedOrigins(db)));
  return r;
}
