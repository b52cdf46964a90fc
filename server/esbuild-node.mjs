// What both of the server's esbuild builds share (build.mjs: the production bundle; test-bundled.mjs: the tests):
// ES modules for this Node, with shared chunks and source maps.
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
};
