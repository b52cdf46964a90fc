import { defineConfig } from 'vite';

// One ES module that defines every element: packages/herald/dist/herald.js (served at /widgets/herald.js).
export default defineConfig({
  // nanostores reads process.env.NODE_ENV; the bundle must not touch `process` in a browser.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'herald.js' },
  },
});
