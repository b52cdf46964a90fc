import { HeraldComposer } from './composer.js';

HeraldComposer.define('herald-composer');

declare global {
  interface HTMLElementTagNameMap {
    'herald-composer': HeraldComposer;
  }
}
