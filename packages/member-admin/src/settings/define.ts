import { HeraldAdminSettings } from './settings.js';

HeraldAdminSettings.define('herald-admin-settings');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-settings': HeraldAdminSettings;
  }
}
