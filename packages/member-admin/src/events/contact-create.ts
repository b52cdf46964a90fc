/** An external contact was created. Bubbles, composed. */
export class HeraldContactCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-contact-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-contact-create': HeraldContactCreateEvent;
  }
}
