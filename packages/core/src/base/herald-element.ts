import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * Base class of every Herald element: one way to register, one way to emit.
 */
export class HeraldElement extends LitElement {
  /** Locale override (BCP 47, e.g. `zh-CN`); otherwise the nearest `lang`, provider `locale` or the document's. */
  @property({ reflect: true }) locale?: string;

  /**
   * Registers the element under `tag`. Idempotent: if the tag is already defined (by this or another
   * copy of the bundle) it does nothing, so loading Herald twice never throws.
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Dispatches a (typed, bubbling, composed) event; returns false if a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
