/** The user opened a message (the reading pane shows it). Bubbles, composed. */
export class HeraldMessageOpenEvent extends Event {
  constructor(readonly detail: { messageId: string }) {
    super('herald-message-open', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-open': HeraldMessageOpenEvent;
  }
}
