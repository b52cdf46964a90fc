/** A position was created. Bubbles, composed. */
export class HeraldPositionCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-position-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-position-create': HeraldPositionCreateEvent;
  }
}
