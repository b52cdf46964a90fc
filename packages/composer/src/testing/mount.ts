// Test helpers: mount <herald-composer> inside providers whose client talks to the mock messaging back end or the
// real test server (proxied at /api/ by the root wtr config).
import type { TemplateResult } from 'lit';
import { createHeraldClient } from '@herald/client';
import { mountWith } from '@herald/client/testing/mount';
import { createMockMessaging, type MockMessagingOptions } from './mock-backend.js';

export async function mountMock<T extends HTMLElement>(template: TemplateResult, options: MockMessagingOptions = {}) {
  const backend = createMockMessaging(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  return { ...(await mountWith<T>(template, client)), backend };
}

export { $, $$, fill, mountWith, realClient, until } from '@herald/client/testing/mount';
