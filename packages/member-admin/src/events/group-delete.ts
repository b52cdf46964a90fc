/** A group was deleted. Bubbles, composed. */
export class HeraldGroupDeleteEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-group-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-group-delete': HeraldGroupDeleteEvent;
  }
}
