import { HeraldAdminMembers } from './members.js';

HeraldAdminMembers.define('herald-admin-members');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-members': HeraldAdminMembers;
  }
}
