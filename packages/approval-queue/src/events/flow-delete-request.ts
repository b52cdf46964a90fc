/**
 * Cancelable, just before a flow the user confirmed is deleted: a host may call `preventDefault()` to stop it.
 * Bubbles, composed.
 */
export class HeraldFlowDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-flow-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-flow-delete-request': HeraldFlowDeleteRequestEvent;
  }
}
