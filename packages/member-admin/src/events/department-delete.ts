/** A department was deleted. Bubbles, composed. */
export class HeraldDepartmentDeleteEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-department-delete', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-department-delete': HeraldDepartmentDeleteEvent;
  }
}
