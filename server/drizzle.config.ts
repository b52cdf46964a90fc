import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/modules/*/schema.sqlite.ts',
  out: './drizzle',
  casing: 'snake_case',
});
