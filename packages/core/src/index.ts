export * from './base/herald-element.js';
export * from './base/css-props.js';
export * from './events/index.js';
export * from './tokens/index.js';
export * from './i18n/index.js';
export * from './problem-message.js';
export * from './store-controller.js';
export * from './rich-text/index.js';
