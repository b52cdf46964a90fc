import type { MessageTemplate } from '../api/types.js';

/** Issue 19: the user saved the message as a template ("Save as template"); `detail` is the saved template. */
export class HeraldTemplateSaveEvent extends Event {
  constructor(readonly detail: MessageTemplate) {
    super('herald-template-save', { bubbles: true, composed: true });
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'herald-template-save': HeraldTemplateSaveEvent;
  }
}
