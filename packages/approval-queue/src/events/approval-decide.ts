/** The user approved or rejected requests (`ids`: one, or those a batch approval approved). Bubbles, composed. */
export class HeraldApprovalDecideEvent extends Event {
  constructor(readonly detail: { ids: string[]; decision: 'approve' | 'reject' }) {
    super('herald-approval-decide', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-approval-decide': HeraldApprovalDecideEvent;
  }
}
