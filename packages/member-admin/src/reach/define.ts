import { HeraldAdminReach } from './reach.js';

HeraldAdminReach.define('herald-admin-reach');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-reach': HeraldAdminReach;
  }
}
