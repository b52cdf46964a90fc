// The events of <herald-approval-queue>: one typed class, one list of names. Fired only for user actions.

export const APPROVAL_EVENTS = [
  'herald-approval-decide', 'herald-approval-withdraw', 'herald-approval-resubmit', 'herald-approval-retry',
  'herald-flow-create', 'herald-flow-update', 'herald-flow-delete', 'herald-flow-reorder',
] as const;
export type ApprovalEventName = (typeof APPROVAL_EVENTS)[number];

/** What the user did: the approval (or flow) ids it touched and, for a decision, which one. */
export interface ApprovalEventDetail {
  ids: string[];
  decision?: 'approve' | 'reject';
}

/** An approval or flow change the user made (bubbles, composed). */
export class HeraldApprovalEvent extends Event {
  constructor(type: ApprovalEventName, readonly detail: ApprovalEventDetail) {
    super(type, { bubbles: true, composed: true });
  }
}

/** Fired (cancelable) before a flow is deleted: a host may call `preventDefault()` to stop it. */
export class HeraldRequestDeleteFlowEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-request-delete', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'herald-approval-decide': HeraldApprovalEvent;
    'herald-approval-withdraw': HeraldApprovalEvent;
    'herald-approval-resubmit': HeraldApprovalEvent;
    'herald-approval-retry': HeraldApprovalEvent;
    'herald-flow-create': HeraldApprovalEvent;
    'herald-flow-update': HeraldApprovalEvent;
    'herald-flow-delete': HeraldApprovalEvent;
    'herald-flow-reorder': HeraldApprovalEvent;
  }
}
