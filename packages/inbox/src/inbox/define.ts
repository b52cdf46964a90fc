import { HeraldInbox } from './inbox.js';

HeraldInbox.define('herald-inbox');

declare global {
  interface HTMLElementTagNameMap {
    'herald-inbox': HeraldInbox;
  }
}
