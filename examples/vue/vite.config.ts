import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { heraldToken } from './herald-token.js';

// VITE_HERALD_URL (Herald's origin, e.g. http://localhost:3000) is read at build time by src/App.vue.
export default defineConfig({
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('herald-') } } }),
    heraldToken(),
  ],
  build: { target: 'es2022' },
});
