// Story helpers (no test framework: Storybook bundles this): <herald-message-view> inside providers whose client
// talks to the mock back end.
import { ContextProvider } from '@lit/context';
import { html, render, type TemplateResult } from 'lit';
import {
  createHeraldClient,
  createStores,
  heraldClientContext,
  heraldStoresContext,
  type HeraldClient,
} from '@herald/client';
import { createMockMessageView, type MockOptions } from './mock-backend.js';

/** Providers around `template` (rendered into a div); resolves once the session is known. */
export function hostWith(
  template: TemplateResult,
  client: HeraldClient,
): { wrapper: HTMLElement; ready: Promise<void> } {
  const stores = createStores(client);
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  const ready = stores.session.load().then(() => void render(template, wrapper));
  return { wrapper, ready };
}

/** A story's canvas: the mock back end with latency, the element in a locale and theme. */
export function storyHost(
  options: MockOptions,
  attrs: { id?: string; locale?: string; theme?: string } = {},
): HTMLElement {
  const backend = createMockMessageView({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const id = attrs.id ?? options.messages[0]!.id;
  const { wrapper } = hostWith(
    html`<herald-message-view message-id=${id} locale=${attrs.locale ?? 'en'} theme=${attrs.theme ?? ''}
      ></herald-message-view>`,
    client,
  );
  client.live.start();
  return wrapper;
}
