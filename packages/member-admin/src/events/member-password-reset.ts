/** A temporary password was issued (`id`: the member). Bubbles, composed. */
export class HeraldMemberPasswordResetEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('herald-member-password-reset', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-member-password-reset': HeraldMemberPasswordResetEvent;
  }
}
