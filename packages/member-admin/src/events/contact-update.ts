/** A contact was edited, disabled/enabled, or its portal access changed. Bubbles, composed. */
export class HeraldContactUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-contact-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-contact-update': HeraldContactUpdateEvent;
  }
}
