export * from './client.js';
export * from './problem.js';
export * from './types.js';
export * from './jwt.js';
export * from './live.js';
export * from './stores/index.js';
export * from './context.js';
export type { HeraldApp } from './app-type.js';
export * from './panel.js';
