/**
 * Cancelable, just before a role the user confirmed is deleted: a host may call `preventDefault()` to stop it.
 * Bubbles, composed.
 */
export class HeraldRoleDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-role-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-role-delete-request': HeraldRoleDeleteRequestEvent;
  }
}
