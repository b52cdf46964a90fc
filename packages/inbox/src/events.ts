// The events of <herald-inbox>, <herald-message-view> and <herald-unread-badge>. Fired only for what the user did,
// never for property changes by the host. All bubble and are composed.

/** The user opened a message (the reading pane shows it). */
export class HeraldMessageOpenEvent extends Event {
  constructor(readonly detail: { messageId: string }) {
    super('herald-message-open', { bubbles: true, composed: true });
  }
}

/**
 * The user changed their copy of one or more messages (read, unread, confirmed, progress, archived, deleted,
 * restored, tagged, untagged). `state` is what the server answered for a single message, when there is one.
 */
export class HeraldMailboxChangeEvent extends Event {
  constructor(readonly detail: { messageIds: string[]; action: string; state?: Record<string, unknown> }) {
    super('herald-mailbox-change', { bubbles: true, composed: true });
  }
}

/** The sender edited, recalled or deleted a message, or reminded its recipients. */
export class HeraldMessageManageEvent extends Event {
  constructor(readonly detail: { messageId: string; action: 'edit' | 'recall' | 'delete' | 'remind' }) {
    super('herald-message-manage', { bubbles: true, composed: true });
  }
}

/** Cancelable, before a destructive action (delete from my mailbox, recall, delete a message, delete a tag). */
export class HeraldRequestDeleteEvent extends Event {
  constructor(readonly detail: { kind: 'mailbox' | 'recall' | 'message' | 'tag'; ids: string[] }) {
    super('herald-request-delete', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'herald-message-open': HeraldMessageOpenEvent;
    'herald-mailbox-change': HeraldMailboxChangeEvent;
    'herald-message-manage': HeraldMessageManageEvent;
    'herald-request-delete': HeraldRequestDeleteEvent;
  }
}
