import { HeraldUrgentAlert } from './urgent-alert.js';

HeraldUrgentAlert.define('herald-urgent-alert');

declare global {
  interface HTMLElementTagNameMap {
    'herald-urgent-alert': HeraldUrgentAlert;
  }
}
