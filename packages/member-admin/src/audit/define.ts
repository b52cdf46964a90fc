import { HeraldAdminAudit } from './audit.js';

HeraldAdminAudit.define('herald-admin-audit');

declare global {
  interface HTMLElementTagNameMap {
    'herald-admin-audit': HeraldAdminAudit;
  }
}
