// Test and story helpers: <herald-message-view> inside providers whose client talks to the mock back end (or the
// real test server, proxied at /api/ by the root wtr config).
import { fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { html, render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldClient } from '@herald/client';
import { createMockMessageView, type MockOptions } from './mock-backend.js';
import type { HeraldMessageView } from '../message-view.js';

/** Providers around `template` (rendered into a div); resolves once the session is known. */
export function hostWith(template: TemplateResult, client: HeraldClient): { wrapper: HTMLElement; ready: Promise<void> } {
  const stores = createStores(client);
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  const ready = stores.session.load().then(() => void render(template, wrapper));
  return { wrapper, ready };
}

export async function mountWith(template: TemplateResult, client: HeraldClient) {
  const { wrapper, ready } = hostWith(template, client);
  await ready;
  await fixture(wrapper);
  const el = wrapper.firstElementChild as HeraldMessageView;
  await el.updateComplete;
  return { el, client, wrapper };
}

export async function mountMock(options: MockOptions, attrs: { id?: string; locale?: string } = {}) {
  const backend = createMockMessageView(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const id = attrs.id ?? options.messages[0]!.id;
  const mounted = await mountWith(html`<herald-message-view message-id=${id} locale=${attrs.locale ?? 'en'}></herald-message-view>`, client);
  return { ...mounted, backend };
}

/** A story's canvas: the mock back end with latency, the element in a locale and theme. */
export function storyHost(options: MockOptions, attrs: { id?: string; locale?: string; theme?: string } = {}): HTMLElement {
  const backend = createMockMessageView({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const id = attrs.id ?? options.messages[0]!.id;
  const { wrapper } = hostWith(html`<herald-message-view message-id=${id} locale=${attrs.locale ?? 'en'} theme=${attrs.theme ?? ''}></herald-message-view>`, client);
  client.live.start();
  return wrapper;
}

export const until = async (check: () => unknown, ms = 4000, what = 'condition'): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as E;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as E[];
