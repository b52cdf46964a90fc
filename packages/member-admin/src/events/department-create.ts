/** A department was created. Bubbles, composed. */
export class HeraldDepartmentCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-department-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-department-create': HeraldDepartmentCreateEvent;
  }
}
