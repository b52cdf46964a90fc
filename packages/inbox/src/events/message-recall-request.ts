/**
 * Cancelable, before the sender's recall dialog opens: a host may call `preventDefault()` to stop it (and take
 * over). Bubbles, composed.
 */
export class HeraldMessageRecallRequestEvent extends Event {
  constructor(readonly detail: { messageId: string }) {
    super('herald-message-recall-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-recall-request': HeraldMessageRecallRequestEvent;
  }
}
