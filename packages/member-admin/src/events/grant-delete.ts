/** A grant was removed (`id`: the member's). Bubbles, composed. */
export class HeraldGrantDeleteEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-grant-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-grant-delete': HeraldGrantDeleteEvent;
  }
}
