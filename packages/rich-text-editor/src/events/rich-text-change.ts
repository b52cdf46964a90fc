import type { RichDoc } from '@herald/rich-text';

/**
 * The user changed the text of a `<herald-rich-text-editor>` (typing, formatting, a link, an emoji, a mention);
 * `detail.value` is the document now, in the rich-text contract's shape. Never fired for a `value` set by the host.
 * Bubbles, composed.
 */
export class HeraldRichTextChangeEvent extends Event {
  constructor(readonly detail: { value: RichDoc }) {
    super('herald-rich-text-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'herald-rich-text-change': HeraldRichTextChangeEvent;
  }
}
