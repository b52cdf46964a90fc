/**
 * Cancelable, just before a department the user confirmed is deleted: a host may call `preventDefault()` to stop it.
 * Bubbles, composed.
 */
export class HeraldDepartmentDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-department-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-department-delete-request': HeraldDepartmentDeleteRequestEvent;
  }
}
