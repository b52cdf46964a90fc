/** A flow was changed, enabled or disabled. Bubbles, composed. */
export class HeraldFlowUpdateEvent extends Event {
  constructor(readonly detail: { ids: string[] }) {
    super('herald-flow-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-flow-update': HeraldFlowUpdateEvent;
  }
}
