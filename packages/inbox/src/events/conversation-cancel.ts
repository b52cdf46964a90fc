/** Issue 19 #5: the customer left the new-conversation form without sending (the host closes it). Bubbles, composed. */
export class HeraldConversationCancelEvent extends Event {
  constructor() {
    super('herald-conversation-cancel', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-conversation-cancel': HeraldConversationCancelEvent;
  }
}
