// Test helpers: mount <herald-composer> inside providers whose client talks to the mock messaging back end or the
// real test server (proxied at /api/ by the root wtr config).
import { fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext, type HeraldClient, type HeraldStores } from '@herald/client';
import { createMockMessaging, type MockMessagingOptions } from './mock-backend.js';

export async function mountWith<T extends HTMLElement>(template: TemplateResult, client: HeraldClient, stores?: HeraldStores) {
  stores ??= createStores(client);
  if (stores.$session.get().status === 'unknown') await stores.session.load();
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  render(template, wrapper);
  await fixture(wrapper);
  const el = wrapper.firstElementChild as T & { updateComplete?: Promise<boolean> };
  await el.updateComplete;
  return { el, client, stores, wrapper };
}

export async function mountMock<T extends HTMLElement>(template: TemplateResult, options: MockMessagingOptions = {}) {
  const backend = createMockMessaging(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  return { ...(await mountWith<T>(template, client)), backend };
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

export function fill(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

interface TestServerInfo {
  url: string | null;
  orgAdminLogin?: string;
  orgAdminPassword?: string;
}

/** A client signed in on the real test server as `wtr-admin` (org admin + external sender), or null without one. */
export async function realClient(): Promise<HeraldClient | null> {
  const info = (await (await fetch('/__herald-test-server.json')).json()) as TestServerInfo;
  if (!info.url || !info.orgAdminLogin) return null;
  const client = createHeraldClient({ baseUrl: location.origin });
  try {
    await client.me();
    await client.signOut();
  } catch {
    // nobody was signed in
  }
  await client.signIn(info.orgAdminLogin, info.orgAdminPassword!);
  return client;
}
