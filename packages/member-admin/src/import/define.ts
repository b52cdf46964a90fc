import { HeraldAdminImport } from './import.js';

HeraldAdminImport.define('herald-admin-import');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-import': HeraldAdminImport;
  }
}
