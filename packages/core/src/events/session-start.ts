/** A subject, as carried by session events (a member or an external contact). */
export interface SessionSubject {
  kind: 'member' | 'contact';
  id: string;
  name: string;
  [key: string]: unknown;
}

/** Fired when a session begins: a user signed in, or the page's cookie/token was accepted. */
export class HeraldSessionStartEvent extends Event {
  constructor(readonly detail: { subject: SessionSubject }) {
    super('herald-session-start', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-session-start': HeraldSessionStartEvent;
  }
}
