import { fileURLToPath } from 'node:url';

// Folders Herald reads at run time. This file sits directly in server/src/, as the bundle does in server/dist/
// (`npm start` runs server/dist/main.js): one `..` reaches server/ from either, so the same URLs hold for both.
// Keep every path computed from import.meta.url here.

/** The server package folder (server/). */
export const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** Committed drizzle-kit migrations. */
export const MIGRATIONS_FOLDER = `${SERVER_DIR}drizzle`;
/** Committed drizzle-kit migrations of the PostgreSQL engine (issue 18; drizzle.pg.config.ts). */
export const PG_MIGRATIONS_FOLDER = `${SERVER_DIR}drizzle-pg`;
