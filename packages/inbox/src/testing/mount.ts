// Test and story helpers: mount inbox elements inside providers whose client talks to the mock mailbox.
import { fixture, fixtureCleanup } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { MockInboxOptions } from './mock-backend.js';
import { mockHerald, provide } from './herald.js';

export { mockHerald, provide };

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

export { $, $$, until } from '@herald/client/testing/mount';

/**
 * "ResizeObserver loop completed with undelivered notifications" is a benign report (the virtualizer resizes rows
 * inside its observer callback) that mocha would count as a failure.
 */
export function ignoreResizeObserverLoop(): void {
  const original = window.onerror;
  if ((original as { herald?: boolean } | null)?.herald) return;
  const handler = (message: string | Event, ...rest: unknown[]) =>
    String(message).includes('ResizeObserver loop')
      ? true
      : (original as ((...a: unknown[]) => unknown) | null)?.call(window, message, ...rest);
  window.onerror = Object.assign(handler, { herald: true }) as OnErrorEventHandler;
}
