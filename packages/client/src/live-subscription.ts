import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HeraldClient } from './client.js';
import type { LiveEvent } from './live.js';

export type LiveHandlers = Readonly<Record<string, (event: LiveEvent) => void>>;

/**
 * An element's live event handlers, bound to one client while the element is connected: `follow(client)`
 * subscribes them (again, when the client changed), `stop()` and disconnecting unsubscribe them — so an element
 * never hears a signed-out or replaced client's events, nor leaks handlers when it leaves the page.
 */
export class LiveSubscription implements ReactiveController {
  private client: HeraldClient | undefined;
  private offs: Array<() => void> = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly handlers: LiveHandlers,
  ) {
    host.addController(this);
  }

  /** The client it follows now, if any. */
  get following(): HeraldClient | undefined {
    return this.client;
  }

  /** Subscribes to `client` (nothing when it is already followed); answers whether it (re)subscribed. */
  follow(client: HeraldClient): boolean {
    if (client === this.client) return false;
    this.stop();
    this.client = client;
    this.offs = Object.entries(this.handlers).map(([type, handler]) => client.live.on(type, handler));
    return true;
  }

  stop(): void {
    this.offs.forEach((off) => off());
    this.offs = [];
    this.client = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
