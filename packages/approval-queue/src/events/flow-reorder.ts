/** The flows were reordered (`ids`: every flow, in the new order). Bubbles, composed. */
export class HeraldFlowReorderEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-flow-reorder', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-flow-reorder': HeraldFlowReorderEvent;
  }
}
