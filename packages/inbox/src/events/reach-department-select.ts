/**
 * A bar of <herald-message-reach> was chosen (issue 24): list and remind only that department's recipients
 * (`department` an id, `none` or `external`; null: everyone again). `label` is the bar's name as shown. Bubbles,
 * composed.
 */
export class HeraldReachDepartmentSelectEvent extends Event {
  constructor(readonly detail: { department: string | null; label: string | null }) {
    super('herald-reach-department-select', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-reach-department-select': HeraldReachDepartmentSelectEvent;
  }
}
