// PostgreSQL migrations (issue 18): drizzle-kit reads the pg twins (`schema.pg.ts`) into `drizzle-pg/`, as
// drizzle.config.ts reads the SQLite tables into `drizzle/`. `npx drizzle-kit generate --config drizzle.pg.config.ts`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/schema.pg.ts',
  out: './drizzle-pg',
  casing: 'snake_case',
});
