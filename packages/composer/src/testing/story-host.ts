// Stories only: <herald-composer> inside context providers whose client talks to the in-memory messaging back end.
import { ContextProvider } from '@lit/context';
import { html, render } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import type { ComposerState } from '../composer/state.js';
import { createMockMessaging, DIRECTORY, type MockMessagingOptions } from './mock-backend.js';

export function composerHost(options: MockMessagingOptions & { locale?: string; theme?: string } = {}): HTMLElement {
  const host = document.createElement('div');
  const backend = createMockMessaging({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const stores = createStores(client);
  new ContextProvider(host, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(host, { context: heraldClientContext, initialValue: client });
  void stores.session.load();
  render(html`<herald-composer locale=${options.locale ?? 'en'} theme=${options.theme ?? ''}></herald-composer>`, host);
  return host;
}

/** A filled-in compose state, as a saved draft (the composer restores it on start). */
export const FILLED: ComposerState = {
  v: 1,
  kind: 'internal',
  recipients: [
    { ...DIRECTORY[4]!, includeSubdepartments: true },
    { ...DIRECTORY[0]!, includeSubdepartments: true },
  ],
  subject: '台风演练 / Typhoon drill on Friday',
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Hello ' },
          { type: 'mention', attrs: { id: 'm-E1001', label: '张三' } },
          { type: 'text', text: ', the drill starts at ' },
          { type: 'text', text: '10:00', marks: [{ type: 'bold' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Meet in the lobby' }] }],
          },
          {
            type: 'listItem',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: 'Plan: ' },
                  {
                    type: 'text',
                    text: 'intranet',
                    marks: [{ type: 'link', attrs: { href: 'https://intranet.example/drill' } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  attachments: [
    {
      id: 'att-story',
      name: 'evacuation-plan.pdf',
      size: 1_234_567,
      contentType: 'application/pdf',
      createdAt: Date.UTC(2026, 10, 24),
    },
  ],
  priority: 'high',
  expiry: '7d',
  expiresAt: '',
  receiptRequired: true,
  dueAt: '',
  scheduledAt: '',
};

export const filledDraft = () => [{ id: 'dr-story', data: FILLED, createdAt: Date.now(), updatedAt: Date.now() }];
