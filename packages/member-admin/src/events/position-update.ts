/** A position was changed. Bubbles, composed. */
export class HeraldPositionUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-position-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-position-update': HeraldPositionUpdateEvent;
  }
}
