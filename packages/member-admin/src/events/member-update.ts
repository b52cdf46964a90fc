/** A member was edited, disabled or enabled (`id`: the member). Bubbles, composed. */
export class HeraldMemberUpdateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-member-update', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-member-update': HeraldMemberUpdateEvent;
  }
}
