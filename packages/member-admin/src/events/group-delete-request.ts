/**
 * Cancelable, just before a group the user confirmed is deleted: a host may call `preventDefault()` to stop it.
 * Bubbles, composed.
 */
export class HeraldGroupDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-group-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-group-delete-request': HeraldGroupDeleteRequestEvent;
  }
}
