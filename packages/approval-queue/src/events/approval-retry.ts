/** An admin retried a stuck request. Bubbles, composed. */
export class HeraldApprovalRetryEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-approval-retry', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-approval-retry': HeraldApprovalRetryEvent;
  }
}
