/** The sender resubmitted a rejected request. Bubbles, composed. */
export class HeraldApprovalResubmitEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-approval-resubmit', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-approval-resubmit': HeraldApprovalResubmitEvent;
  }
}
