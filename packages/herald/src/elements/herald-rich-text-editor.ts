// /widgets/herald-rich-text-editor.js: <herald-rich-text-editor> on its own, in a host's own form (the composer, the
// reply box and the approval dialog have it already); Tiptap loads when the page is idle or the user reaches it.
import '@herald/rich-text-editor/herald-rich-text-editor';
export { HeraldRichTextEditor, HeraldRichTextChangeEvent } from '@herald/rich-text-editor';
export type { MentionCandidate, MentionSearch } from '@herald/rich-text-editor';
