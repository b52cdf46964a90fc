/** Issue 19 #5: the user picked a customer conversation in the queue (its thread opens). Bubbles, composed. */
export class HeraldConversationSelectEvent extends Event {
  constructor(readonly detail: { conversationId: string }) {
    super('herald-conversation-select', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-conversation-select': HeraldConversationSelectEvent;
  }
}
