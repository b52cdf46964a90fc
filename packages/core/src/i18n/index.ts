export * from './en.js';
export * from './zh-CN.js';
export * from './catalogues.js';
export * from './localize-controller.js';
