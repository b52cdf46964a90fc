/**
 * The sender edited, recalled or deleted a message, reminded its recipients, or revoked a contact's link (issue 19
 * item 4). Bubbles, composed.
 */
export class HeraldMessageManageEvent extends Event {
  constructor(readonly detail: { messageId: string; action: 'edit' | 'recall' | 'delete' | 'remind' | 'revoke-link' }) {
    super('herald-message-manage', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-manage': HeraldMessageManageEvent;
  }
}
