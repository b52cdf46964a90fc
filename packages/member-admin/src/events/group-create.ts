/** A group was created. Bubbles, composed. */
export class HeraldGroupCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-group-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-group-create': HeraldGroupCreateEvent;
  }
}
