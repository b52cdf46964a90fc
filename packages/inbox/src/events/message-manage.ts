/** The sender edited, recalled or deleted a message, or reminded its recipients. Bubbles, composed. */
export class HeraldMessageManageEvent extends Event {
  constructor(readonly detail: { messageId: string; action: 'edit' | 'recall' | 'delete' | 'remind' }) {
    super('herald-message-manage', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-manage': HeraldMessageManageEvent;
  }
}
