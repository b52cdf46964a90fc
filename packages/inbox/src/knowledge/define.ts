import { HeraldKnowledgeView } from './knowledge-view.js';

HeraldKnowledgeView.define('herald-knowledge-view');

declare global {
  interface HTMLElementTagNameMap {
    'herald-knowledge-view': HeraldKnowledgeView;
  }
}
