import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { HeraldClient } from './client.js';
import { LiveSubscription } from './live-subscription.js';
import type { LiveEvent } from './live.js';

/** A client whose live stream the test drives: `emit` calls the handlers subscribed to a type. */
function fakeClient() {
  const handlers = new Map<string, Set<(e: LiveEvent) => void>>();
  const live = {
    on(type: string, handler: (e: LiveEvent) => void) {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set.add(handler));
      return () => set.delete(handler);
    },
  };
  const emit = (type: string, data: unknown = {}) => handlers.get(type)?.forEach((h) => h({ type, data } as LiveEvent));
  const count = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { client: { live } as unknown as HeraldClient, emit, count };
}

class Host extends LitElement {}
customElements.define('live-subscription-host', Host);

describe('LiveSubscription', () => {
  it('follows one client at a time and unsubscribes when the element leaves the page', async () => {
    const host = document.body.appendChild(new Host());
    await host.updateComplete;
    const heard: string[] = [];
    const sub = new LiveSubscription(host, {
      'message.read': () => heard.push('read'),
      'message.confirmed': () => heard.push('confirmed'),
    });
    const a = fakeClient();
    const b = fakeClient();

    expect(sub.follow(a.client)).to.equal(true);
    expect(sub.follow(a.client)).to.equal(false, 'the same client: nothing to do');
    expect(a.count()).to.equal(2);
    a.emit('message.read');
    expect(heard).to.deep.equal(['read']);

    expect(sub.follow(b.client)).to.equal(true);
    expect(a.count()).to.equal(0, 'the old client is left');
    a.emit('message.read');
    b.emit('message.confirmed');
    expect(heard).to.deep.equal(['read', 'confirmed']);
    expect(sub.following).to.equal(b.client);

    host.remove();
    expect(b.count()).to.equal(0, 'disconnecting unsubscribes');
    expect(sub.following).to.equal(undefined);
    b.emit('message.read');
    expect(heard).to.deep.equal(['read', 'confirmed']);
  });
});
