// The catalogues themselves (en.ts, zh-CN.ts) are not exported: each loads as its own chunk, on demand (catalogues.ts).
export type { Catalogue, MessageKey } from './en.js';
export * from './catalogues.js';
export * from './localize-controller.js';
