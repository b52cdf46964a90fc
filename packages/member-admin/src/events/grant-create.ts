/** A role was granted (`id`: the member's). Bubbles, composed. */
export class HeraldGrantCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-grant-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-grant-create': HeraldGrantCreateEvent;
  }
}
