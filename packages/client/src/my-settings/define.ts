import { HeraldMySettings } from './my-settings.js';

HeraldMySettings.define('herald-my-settings');

declare global {
  interface HTMLElementTagNameMap {
    'herald-my-settings': HeraldMySettings;
  }
}
