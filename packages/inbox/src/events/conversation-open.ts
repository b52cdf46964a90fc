/** Issue 19 #5: a customer opened a new conversation (it was delivered; its id is its thread's). Bubbles, composed. */
export class HeraldConversationOpenEvent extends Event {
  constructor(readonly detail: { conversationId: string }) {
    super('herald-conversation-open', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-conversation-open': HeraldConversationOpenEvent;
  }
}
