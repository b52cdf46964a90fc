/** A member import was confirmed (`id`: the batch; `result`: what it did). Bubbles, composed. */
export class HeraldImportCommitEvent extends Event {
  constructor(readonly detail: { id: string; result: { added: number; updated: number; skipped: number } }) {
    super('herald-import-commit', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-import-commit': HeraldImportCommitEvent;
  }
}
