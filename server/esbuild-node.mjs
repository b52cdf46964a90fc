// What both of the server's esbuild builds share (build.mjs: the production bundle; test-bundled.mjs: the tests):
// ES modules for this Node, with shared chunks and source maps. The maps hold no copy of the sources (stack traces need
// only the mappings): Node reads and parses every map at start-up under --enable-source-maps, and the copies made them
// several times larger (issue 15, the compiled start's CPU).
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  sourcesContent: false,
};
