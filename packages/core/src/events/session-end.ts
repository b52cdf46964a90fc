/** Fired when the session ends (the user signed out, or the server no longer accepts it). */
export class HeraldSessionEndEvent extends Event {
  constructor() {
    super('herald-session-end', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-session-end': HeraldSessionEndEvent;
  }
}
