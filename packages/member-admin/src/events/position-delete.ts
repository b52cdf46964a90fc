/** A position was deleted. Bubbles, composed. */
export class HeraldPositionDeleteEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-position-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-position-delete': HeraldPositionDeleteEvent;
  }
}
