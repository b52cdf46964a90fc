// The inbox's actions chunk (issue 16): what the list's first paint does not need — the batch bar and the actions on a
// selection (also behind the keyboard's e, #, u and z), the inline tag form with creating, renaming and deleting
// tags, the filter controls with the chips of the active filters, the search suggestions and where a search looked,
// and what a Sent row says of its message. The inbox loads it when the pointer or focus comes to the list or the tags,
// when a selection starts or a shortcut is pressed, or the Sent view shows; until it is here, the batch bar shows what
// is selected and that it is loading, and the Sent view says it is loading.
export { renderBatchBar } from '../batch/batch-bar.js';
export { exportSelection, runBatch, toggleStar, undoBatch } from '../inbox/batch-actions.js';
export { deleteTag, saveTag } from '../inbox/tag-edits.js';
export { renderTagForm } from '../sidebar/tag-form.js';
export { renderChips, renderFilterPanel } from '../toolbar/filter-panel.js';
export { actionStyles } from './actions.styles.js';
export { actionStrings } from './i18n/index.js';
export { renderSuggest } from '../search/suggest.js';
export { renderSentMeta } from '../list/sent-meta.js';
export { renderSearchScope } from '../inbox/search-scope.js';
