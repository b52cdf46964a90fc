/** Cancelable, before a tag is deleted: a host may call `preventDefault()` to stop it. Bubbles, composed. */
export class HeraldTagDeleteRequestEvent extends Event {
  constructor(readonly detail: { id: string; name: string }) {
    super('herald-tag-delete-request', { bubbles: true, composed: true, cancelable: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-tag-delete-request': HeraldTagDeleteRequestEvent;
  }
}
