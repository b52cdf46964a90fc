/**
 * Issue 19 item 4. Cancelable, before the sender revokes a contact's conversation link: a host may call
 * `preventDefault()` to stop it (and confirm in its own way). Bubbles, composed.
 */
export class HeraldContactLinkRevokeRequestEvent extends Event {
  constructor(readonly detail: { messageId: string; contactId: string }) {
    super('herald-contact-link-revoke-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-contact-link-revoke-request': HeraldContactLinkRevokeRequestEvent;
  }
}
