export * from './session-start.js';
export * from './session-end.js';
export * from './password-change.js';
export * from './error.js';
