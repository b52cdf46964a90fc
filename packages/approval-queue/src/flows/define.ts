import { HeraldApprovalFlows } from './flow-editor.js';

HeraldApprovalFlows.define('herald-approval-flows');

declare global {
  interface HTMLElementTagNameMap {
    'herald-approval-flows': HeraldApprovalFlows;
  }
}
