import { HeraldAdminRoles } from './roles.js';

HeraldAdminRoles.define('herald-admin-roles');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-roles': HeraldAdminRoles;
  }
}
