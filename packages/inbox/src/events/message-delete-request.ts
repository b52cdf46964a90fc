/**
 * Cancelable, before the sender's dialog to delete a message (for everyone) opens: a host may call
 * `preventDefault()` to stop it (and take over). Bubbles, composed.
 */
export class HeraldMessageDeleteRequestEvent extends Event {
  constructor(readonly detail: { messageId: string }) {
    super('herald-message-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-delete-request': HeraldMessageDeleteRequestEvent;
  }
}
