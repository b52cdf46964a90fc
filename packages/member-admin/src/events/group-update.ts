/** A group was changed. Bubbles, composed. */
export class HeraldGroupUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-group-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-group-update': HeraldGroupUpdateEvent;
  }
}
