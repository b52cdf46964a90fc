/** A role was deleted. Bubbles, composed. */
export class HeraldRoleDeleteEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-role-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-role-delete': HeraldRoleDeleteEvent;
  }
}
