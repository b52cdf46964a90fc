// Charts as SVG from Lit templates (issue 24): no chart library. A subpath of its own (`@herald/core/charts`), not
// re-exported by the package's index: `@herald/elements` re-exports the index, so /widgets/herald.js would carry them.
// Imported only by lazy chunks (the reading pane's reach charts, the back office's Reach tab).
export * from './tones.js';
export * from './styles.js';
export * from './bars.js';
export * from './timeline.js';
export * from './duration.js';
