/**
 * Issue 20 #4: the user chose Forward on a message they received (button or the `f` key in the reading pane). The
 * host opens its composer prefilled: `composer.forward(detail.messageId)`. Bubbles, composed.
 */
export class HeraldMessageForwardEvent extends Event {
  constructor(readonly detail: { messageId: string }) {
    super('herald-message-forward', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-forward': HeraldMessageForwardEvent;
  }
}
