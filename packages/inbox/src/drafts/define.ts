import { HeraldDraftList } from './draft-list.js';

HeraldDraftList.define('herald-draft-list');

declare global {
  interface HTMLElementTagNameMap {
    'herald-draft-list': HeraldDraftList;
  }
}
