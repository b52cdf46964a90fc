// Charts as SVG from Lit templates (issue 24): no chart library; imported only by lazy chunks (the sender's reach
// charts, the back office's reach tab), so nothing of it is in an element's first load.
export * from './tones.js';
export * from './styles.js';
export * from './bars.js';
export * from './timeline.js';
export * from './duration.js';
