/** A flow was deleted. Bubbles, composed. */
export class HeraldFlowDeleteEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-flow-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-flow-delete': HeraldFlowDeleteEvent;
  }
}
