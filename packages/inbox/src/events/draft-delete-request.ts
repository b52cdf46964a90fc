/**
 * Issue 20 #2: cancelable, before a draft is deleted from the Drafts view (the view then offers Undo): a host may call
 * `preventDefault()` to stop it, or to confirm in its own way first. Bubbles, composed.
 */
export class HeraldDraftDeleteRequestEvent extends Event {
  constructor(readonly detail: { draftId: string }) {
    super('herald-draft-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-draft-delete-request': HeraldDraftDeleteRequestEvent;
  }
}
