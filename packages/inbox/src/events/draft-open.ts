/**
 * Issue 20 #2: the user chose a draft in the inbox's Drafts view to continue it. The host hands it to its composer:
 * `composer.openDraft(detail.draftId)`. Bubbles, composed.
 */
export class HeraldDraftOpenEvent extends Event {
  constructor(readonly detail: { draftId: string }) {
    super('herald-draft-open', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-draft-open': HeraldDraftOpenEvent;
  }
}
