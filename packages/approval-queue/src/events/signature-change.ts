/** The signature on a `<herald-signature-pad>` changed: a stroke ended, or it was cleared. Bubbles, composed. */
export class HeraldSignatureChangeEvent extends Event {
  constructor(readonly detail: { empty: boolean }) {
    super('herald-signature-change', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-signature-change': HeraldSignatureChangeEvent;
  }
}
