import { HeraldSignaturePad } from './signature-pad.js';

HeraldSignaturePad.define('herald-signature-pad');

declare global {
  interface HTMLElementTagNameMap {
    'herald-signature-pad': HeraldSignaturePad;
  }
}
