/** A role was changed. Bubbles, composed. */
export class HeraldRoleUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-role-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-role-update': HeraldRoleUpdateEvent;
  }
}
