import { HeraldRichTextEditor } from './rich-text-editor.js';

HeraldRichTextEditor.define('herald-rich-text-editor');

declare global {
  interface HTMLElementTagNameMap {
    'herald-rich-text-editor': HeraldRichTextEditor;
  }
}
