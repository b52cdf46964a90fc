import type { Message } from '../api/types.js';

/** The user sent a message (it may be waiting for approval: see `detail.status`). Bubbles, composed. */
export class HeraldMessageSentEvent extends Event {
  constructor(readonly detail: Message) {
    super('herald-message-sent', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-sent': HeraldMessageSentEvent;
  }
}
