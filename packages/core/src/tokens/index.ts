export * from './tokens.js';
export * from './palette.js';
export * from './shell.js';
