// `@herald/composer/editor`: the composer's rich-text editor for other elements' shadow roots (the message view's reply
// and edit, the approval edit dialog), without the composer itself. Tiptap stays a lazy chunk, loaded on first use.
export { BodyEditorController } from './body-editor.js';
export { editorStrings } from './i18n/index.js';
export { bodyEditorStyles } from './body-editor.styles.js';
export { emptyDoc, isEmptyDoc } from '@herald/rich-text/document';
export { ComposerApi } from '../api/composer-api.js';
export type { RichDoc } from '../api/types.js';
export type { ComposerContext, ComposerHost } from '../composer/context.js';
export type { ComposerState } from '../composer/state.js';
