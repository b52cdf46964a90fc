import { HeraldAdminOrg } from './org.js';

HeraldAdminOrg.define('herald-admin-org');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-org': HeraldAdminOrg;
  }
}
