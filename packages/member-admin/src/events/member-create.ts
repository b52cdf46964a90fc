/** A member was created (`id`: the member). Bubbles, composed. */
export class HeraldMemberCreateEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-member-create', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-member-create': HeraldMemberCreateEvent;
  }
}
