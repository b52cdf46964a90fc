export * from './buttons.js';
export * from './dialogs.js';
