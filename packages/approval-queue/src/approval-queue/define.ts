import { HeraldApprovalQueue } from './approval-queue.js';

HeraldApprovalQueue.define('herald-approval-queue');

declare global {
  interface HTMLElementTagNameMap {
    'herald-approval-queue': HeraldApprovalQueue;
  }
}
