// Test and story helpers: mount inbox elements inside providers whose client talks to the mock mailbox.
import { fixture, fixtureCleanup } from '@open-wc/testing';
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

/** A wrapper providing the client and stores; the template is rendered into it. */
export function provide(wrapper: HTMLElement, herald: Awaited<ReturnType<typeof mockHerald>>, template: TemplateResult) {
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: herald.stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: herald.client });
  render(template, wrapper);
}

/**
 * Mounts on a fresh mock mailbox. Earlier fixtures of the same test are removed first: a virtualised list pushed
 * below the viewport renders no rows.
 */
export async function mountInbox<T extends HTMLElement>(template: TemplateResult, options: MockInboxOptions = {}) {
  fixtureCleanup();
  const herald = await mockHerald(options);
  const wrapper = document.createElement('div');
  provide(wrapper, herald, template);
  await fixture(wrapper);
  const el = wrapper.firstElementChild as T & { updateComplete?: Promise<boolean> };
  await el.updateComplete;
  return { el, wrapper, ...herald };
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

/**
 * "ResizeObserver loop completed with undelivered notifications" is a benign report (the virtualizer resizes rows
 * inside its observer callback) that mocha would count as a failure.
 */
export function ignoreResizeObserverLoop(): void {
  const original = window.onerror;
  if ((original as { herald?: boolean } | null)?.herald) return;
  const handler = (message: string | Event, ...rest: unknown[]) =>
    String(message).includes('ResizeObserver loop') ? true : (original as ((...a: unknown[]) => unknown) | null)?.call(window, message, ...rest);
  window.onerror = Object.assign(handler, { herald: true }) as OnErrorEventHandler;
}
