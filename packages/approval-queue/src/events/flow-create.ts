/** A flow was created (`ids`: the new flow). Bubbles, composed. */
export class HeraldFlowCreateEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-flow-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-flow-create': HeraldFlowCreateEvent;
  }
}
