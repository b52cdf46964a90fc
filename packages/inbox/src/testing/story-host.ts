// Stories only: <herald-inbox> (and the badge) inside providers whose client talks to the mock mailbox.
import { ContextProvider } from '@lit/context';
import { html, render } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { createMockInbox, type MockInboxOptions } from './mock-backend.js';

export interface StoryOptions extends MockInboxOptions {
  locale?: string;
  theme?: string;
  view?: string;
  /** Select the first rows once they are shown (the batch bar story). */
  select?: number;
}

export function inboxHost(options: StoryOptions = {}): HTMLElement {
  const host = document.createElement('div');
  const backend = createMockInbox({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const stores = createStores(client);
  new ContextProvider(host, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(host, { context: heraldClientContext, initialValue: client });
  void stores.start();
  render(
    html`<p lang=${options.locale ?? 'en'}>Nav bar: <herald-unread-badge locale=${options.locale ?? 'en'}
      theme=${options.theme ?? ''}></herald-unread-badge></p>
    <herald-inbox locale=${options.locale ?? 'en'} theme=${options.theme ?? ''} view=${options.view ?? 'inbox'}
      ></herald-inbox>`,
    host,
  );
  return host;
}

/** Waits for the inbox in a story's canvas to show rows (or a final state); returns it. */
export async function inboxReady(canvas: HTMLElement): Promise<HTMLElement> {
  const el = canvas.querySelector('herald-inbox')!;
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const root = el.shadowRoot;
    if (root?.querySelector('lit-virtualizer [role="option"], [part="empty-state"], [part="error"]')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return el;
}
