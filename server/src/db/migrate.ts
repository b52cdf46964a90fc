import { migrate } from 'drizzle-orm/libsql/migrator';
import { MIGRATIONS_FOLDER } from '../paths.js';
import type { Db } from './client.js';

/** Applies the committed drizzle-kit migrations that this database has not seen yet. */
export const migrateDatabase = (db: Db) => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
