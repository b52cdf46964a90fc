import { HeraldUnreadBadge } from './badge.js';

HeraldUnreadBadge.define('herald-unread-badge');

declare global {
  interface HTMLElementTagNameMap {
    'herald-unread-badge': HeraldUnreadBadge;
  }
}
