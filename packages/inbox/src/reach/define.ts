import { HeraldMessageReach } from './message-reach.js';

HeraldMessageReach.define('herald-message-reach');

declare global {
  interface HTMLElementTagNameMap {
    'herald-message-reach': HeraldMessageReach;
  }
}
