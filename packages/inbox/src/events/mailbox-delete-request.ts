/**
 * Cancelable, before the user's copies of these messages go to the trash (from the list or the reading pane): a
 * host may call `preventDefault()` to stop it. Bubbles, composed.
 */
export class HeraldMailboxDeleteRequestEvent extends Event {
  constructor(readonly detail: { messageIds: string[] }) {
    super('herald-mailbox-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-mailbox-delete-request': HeraldMailboxDeleteRequestEvent;
  }
}
