import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed drizzle-kit migrations that this database has not seen yet. */
export const migrateDatabase = (db: Db) => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
