import { HeraldProvider } from './provider.js';

HeraldProvider.define('herald-provider');

declare global {
  interface HTMLElementTagNameMap {
    'herald-provider': HeraldProvider;
  }
}
