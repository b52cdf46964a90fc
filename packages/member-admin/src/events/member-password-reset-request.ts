/**
 * Cancelable, just before a member's password the user confirmed is reset: a host may call `preventDefault()` to
 * stop it. Bubbles, composed.
 */
export class HeraldMemberPasswordResetRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-member-password-reset-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-member-password-reset-request': HeraldMemberPasswordResetRequestEvent;
  }
}
