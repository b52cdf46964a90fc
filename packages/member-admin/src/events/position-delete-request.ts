/**
 * Cancelable, just before a position the user confirmed is deleted: a host may call `preventDefault()` to stop it.
 * Bubbles, composed.
 */
export class HeraldPositionDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-position-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-position-delete-request': HeraldPositionDeleteRequestEvent;
  }
}
