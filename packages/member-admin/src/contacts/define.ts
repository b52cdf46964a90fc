import { HeraldAdminContacts } from './contacts.js';

HeraldAdminContacts.define('herald-admin-contacts');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-contacts': HeraldAdminContacts;
  }
}
