import { HeraldMessageView } from './message-view.js';

HeraldMessageView.define('herald-message-view');

declare global {
  interface HTMLElementTagNameMap {
    'herald-message-view': HeraldMessageView;
  }
}
