/**
 * The user changed their copy of one or more messages (read, unread, confirmed, progress, archived, deleted,
 * restored, tagged, untagged). `state` is what the server answered for a single message, when there is one.
 * Bubbles, composed.
 */
export class HeraldMailboxChangeEvent extends Event {
  constructor(readonly detail: { messageIds: string[]; action: string; state?: Record<string, unknown> }) {
    super('herald-mailbox-change', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-mailbox-change': HeraldMailboxChangeEvent;
  }
}
