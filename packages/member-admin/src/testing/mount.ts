// Test helpers: mount an element inside providers whose client talks to the mock back office or the real test server.
import { fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldClient, type HeraldStores } from '@herald/client';
import { createMockBackend, type MockBackendOptions } from './mock-backend.js';

export async function mountWith<T extends HTMLElement>(template: TemplateResult, client: HeraldClient): Promise<{ el: T; client: HeraldClient; stores: HeraldStores }> {
  const stores = createStores(client);
  await stores.session.load();
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  render(template, wrapper);
  await fixture(wrapper);
  const el = wrapper.firstElementChild as T & { updateComplete?: Promise<boolean> };
  await el.updateComplete;
  return { el, client, stores };
}

/** Mounts against the in-memory back office (the contract's shapes). */
export async function mountMock<T extends HTMLElement>(template: TemplateResult, options: MockBackendOptions = {}) {
  const backend = createMockBackend(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch() });
  return { ...(await mountWith<T>(template, client)), backend };
}

/** Polls until `check` is truthy. */
export const until = async (check: () => unknown, ms = 4000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E & Element>(selector) as E;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E & Element>(selector)] as E[];

/** Sets an input's value as typing would. */
export function fill(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

interface TestServerInfo {
  url: string | null;
  orgAdminLogin?: string;
  orgAdminPassword?: string;
}

/**
 * Mounts against the real Herald test server (proxied at /api/ by the wtr config), signed in as its organisation
 * admin `wtr-admin`. Resolves to null when there is no such server (the caller skips).
 */
export async function mountReal<T extends HTMLElement>(template: TemplateResult) {
  const info = (await (await fetch('/__herald-test-server.json')).json()) as TestServerInfo;
  if (!info.url || !info.orgAdminLogin) return null;
  const client = createHeraldClient({ baseUrl: location.origin });
  await client.signIn(info.orgAdminLogin, info.orgAdminPassword!);
  return mountWith<T>(template, client);
}
