// The catalogues themselves (en.ts, zh-CN.ts here and in each package) are not exported: each loads as its own chunk,
// on demand (catalogues.ts).
export * from './catalogues.js';
export * from './localize-controller.js';
