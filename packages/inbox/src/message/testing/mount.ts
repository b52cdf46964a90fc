// Test helpers: <herald-message-view> inside providers whose client talks to the mock back end (or the
// real test server, proxied at /api/ by the root wtr config).
import { fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { createHeraldClient, type HeraldClient } from '@herald/client';
import { hostWith } from './story-host.js';
import { createMockMessageView, type MockOptions } from './mock-backend.js';
import type { HeraldMessageView } from '../message-view.js';

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
  const mounted = await mountWith(
    html`<herald-message-view message-id=${id} locale=${attrs.locale ?? 'en'}></herald-message-view>`,
    client,
  );
  return { ...mounted, backend };
}

export { $, $$, until } from '@herald/client/testing/mount';
