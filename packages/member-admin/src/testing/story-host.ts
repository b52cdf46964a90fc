// Stories only: render an element inside context providers whose client talks to the in-memory back office.
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { createMockBackend, type MockBackendOptions } from './mock-backend.js';

export function mockHost(content: TemplateResult, options: MockBackendOptions = {}): HTMLElement {
  const host = document.createElement('div');
  const backend = createMockBackend({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch() });
  const stores = createStores(client);
  new ContextProvider(host, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(host, { context: heraldClientContext, initialValue: client });
  void stores.session.load();
  render(content, host);
  return host;
}
