/**
 * Failed notification deliveries were queued again (`ids`: those sent again; empty when all dead ones were).
 * Bubbles, composed.
 */
export class HeraldDeliveryRetryEvent extends Event {
  constructor(readonly detail: { id: 'deliveries'; ids: string[] }) {
    super('herald-delivery-retry', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-delivery-retry': HeraldDeliveryRetryEvent;
  }
}
