/** The sender withdrew a request. Bubbles, composed. */
export class HeraldApprovalWithdrawEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-approval-withdraw', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-approval-withdraw': HeraldApprovalWithdrawEvent;
  }
}
