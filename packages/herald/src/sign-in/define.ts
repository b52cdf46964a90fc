import { HeraldSignIn } from './sign-in.js';

HeraldSignIn.define('herald-sign-in');

declare global {
  interface HTMLElementTagNameMap {
    'herald-sign-in': HeraldSignIn;
  }
}
