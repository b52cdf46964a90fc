/** A role was created. Bubbles, composed. */
export class HeraldRoleCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-role-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-role-create': HeraldRoleCreateEvent;
  }
}
