export * from './buttons.js';
export * from './dialogs.js';
export * from './field.js';
