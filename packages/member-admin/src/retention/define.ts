import { HeraldAdminRetention } from './retention.js';

HeraldAdminRetention.define('herald-admin-retention');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-retention': HeraldAdminRetention;
  }
}
