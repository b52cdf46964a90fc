import { defineConfig } from 'vite';
import { heraldToken } from './herald-token.js';

// VITE_HERALD_URL (Herald's origin, e.g. http://localhost:3000) is read at build time by src/app.tsx.
export default defineConfig({
  plugins: [heraldToken()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: { target: 'es2022' },
});
