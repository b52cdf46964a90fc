// Client + stores on the mock mailbox, and a provider wrapper: shared by tests, stories and the scroll bench (no test
// framework imports here).
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { createMockInbox, type MockInboxOptions } from './mock-backend.js';

/** Client + stores (started: session loaded, live stream open) on a mock mailbox. */
export async function mockHerald(options: MockInboxOptions = {}) {
  const backend = createMockInbox(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const stores = createStores(client);
  await stores.start();
  return { backend, client, stores };
}

/** A wrapper providing the client and stores; the template (or element) is rendered into it. */
export function provide(
  wrapper: HTMLElement,
  herald: Awaited<ReturnType<typeof mockHerald>>,
  content: TemplateResult | HTMLElement,
) {
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: herald.stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: herald.client });
  if (content instanceof HTMLElement) wrapper.append(content);
  else render(content, wrapper);
}
