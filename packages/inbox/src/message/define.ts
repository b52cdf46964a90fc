// The reply box and the edit dialog hold <herald-rich-text-editor> (its Tiptap stays lazy).
import '@herald/rich-text-editor/define';
import { HeraldMessageView } from './message-view.js';
// Issue 19 #7: the inbox's Knowledge view travels in this chunk (see inbox.ts `renderKnowledge`).
import '../knowledge/define.js';

HeraldMessageView.define('herald-message-view');

declare global {
  interface HTMLElementTagNameMap {
    'herald-message-view': HeraldMessageView;
  }
}
