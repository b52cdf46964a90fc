// Test helpers shared by every element package: mount an element inside providers of a given client, poll, query
// the shadow root, type into inputs, and sign in on the real test server (proxied at /api/ by the root wtr config).
// Test-only: never exported from the package index.
import { fixture } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createHeraldClient, type HeraldClient } from '../client.js';
import { heraldClientContext, heraldStoresContext } from '../context.js';
import { createStores, type HeraldStores } from '../stores/index.js';

/** Renders `template` inside the client's and stores' context providers and waits for the first update. */
export async function mountWith<T extends HTMLElement>(
  template: TemplateResult,
  client: HeraldClient,
  stores?: HeraldStores,
) {
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

export { TEST_WAIT_MS, until } from './wait.js';

export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<E & Element>(selector) as E;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) =>
  [...el.shadowRoot!.querySelectorAll<E & Element>(selector)] as E[];

/** Sets an input's value as typing would. */
export function fill(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(
    new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }),
  );
}

export interface TestServerInfo {
  url: string | null;
  orgAdminLogin?: string;
  orgAdminPassword?: string;
  /** A member holding approval.admin (made by the super admin: an org admin cannot hand it out). */
  approver?: { id: string; login: string; name: string; password: string };
}

/** What the wtr config says about the real test server (`url` null when there is none). */
export const testServerInfo = async (): Promise<TestServerInfo> =>
  (await (await fetch('/__herald-test-server.json')).json()) as TestServerInfo;

/**
 * Signs in after ending the page's current session, if any (a cookie session refuses writes without its CSRF token).
 */
export async function signInFresh(client: HeraldClient, login: string, password: string): Promise<void> {
  try {
    await client.me();
    await client.signOut();
  } catch {
    // nobody was signed in
  }
  await client.signIn(login, password);
}

/** A client signed in on the real test server as `wtr-admin` (org admin + external sender), or null without one. */
export async function realClient(): Promise<HeraldClient | null> {
  const info = await testServerInfo();
  if (!info.url || !info.orgAdminLogin) return null;
  const client = createHeraldClient({ baseUrl: location.origin });
  await signInFresh(client, info.orgAdminLogin, info.orgAdminPassword!);
  return client;
}
