/** Fired after the user changed their password successfully. */
export class HeraldPasswordChangeEvent extends Event {
  constructor() {
    super('herald-password-change', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-password-change': HeraldPasswordChangeEvent;
  }
}
