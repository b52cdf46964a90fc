import { HeraldMessageView } from './message-view.js';
import { HeraldMessageRichInput } from './parts/rich-input.js';

HeraldMessageRichInput.define('herald-message-rich-input');
HeraldMessageView.define('herald-message-view');

declare global {
  interface HTMLElementTagNameMap {
    'herald-message-view': HeraldMessageView;
    'herald-message-rich-input': HeraldMessageRichInput;
  }
}
