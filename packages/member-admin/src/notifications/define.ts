import { HeraldAdminNotifications } from './notifications.js';

HeraldAdminNotifications.define('herald-admin-notifications');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-notifications': HeraldAdminNotifications;
  }
}
