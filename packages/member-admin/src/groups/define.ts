import { HeraldAdminGroups } from './groups.js';

HeraldAdminGroups.define('herald-admin-groups');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-groups': HeraldAdminGroups;
  }
}
