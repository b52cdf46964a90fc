import { HeraldMemberAdmin } from './member-admin.js';

HeraldMemberAdmin.define('herald-member-admin');

declare global {
  interface HTMLElementTagNameMap {
    'herald-member-admin': HeraldMemberAdmin;
  }
}
