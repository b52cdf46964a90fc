import type { ComposerState } from '../composer/state.js';
import type { MessageTemplate } from '../api/types.js';

/**
 * Issue 19: the user chose a template in the composer's "Use a template"; `detail.state` is the message with it
 * applied (the composer takes it). Bubbles, composed.
 */
export class HeraldTemplateApplyEvent extends Event {
  constructor(readonly detail: { template: MessageTemplate; state: ComposerState }) {
    super('herald-template-apply', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-template-apply': HeraldTemplateApplyEvent;
  }
}
