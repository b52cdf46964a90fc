// @herald/rich-text-editor: <herald-rich-text-editor>, the one editor of Herald's message bodies (the composer, the
// reply box, the edit dialogs of the message view and the approval queue). Tiptap is a lazy chunk of it.
export { HeraldRichTextEditor, type MentionCandidate, type MentionSearch } from './rich-text-editor.js';
export { HeraldRichTextChangeEvent } from './events/rich-text-change.js';
export { richTextEditorStrings } from './i18n/index.js';
