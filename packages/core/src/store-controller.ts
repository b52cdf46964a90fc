import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit host to a nanostores store while it is connected; `value` is always current.
 * (Replaces @nanostores/lit, which ships CommonJS only.)
 */
export class StoreController<T> implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private store: ReadableAtom<T>,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  /** Switches to another store (e.g. when the context delivers a new one). */
  setStore(store: ReadableAtom<T>): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.store = store;
    if (this.unsubscribe) this.hostConnected();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.unsubscribe = this.store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
