import { HeraldAdminContacts } from './contacts.js';
import { HeraldAdminContactNotes } from './contact-notes.js';

HeraldAdminContacts.define('herald-admin-contacts');
HeraldAdminContactNotes.define('herald-admin-contact-notes');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-contacts': HeraldAdminContacts;
    'herald-admin-contact-notes': HeraldAdminContactNotes;
  }
}
