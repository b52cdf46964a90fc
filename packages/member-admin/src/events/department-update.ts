/** A department was renamed, moved, reordered or given a head. Bubbles, composed. */
export class HeraldDepartmentUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-department-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-department-update': HeraldDepartmentUpdateEvent;
  }
}
