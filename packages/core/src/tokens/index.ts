export * from './tokens.js';
export * from './palette.js';
export * from './shell.js';
export * from './host-text.js';
export * from './fields.js';
