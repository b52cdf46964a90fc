// Stories only: <herald-approval-queue> (or the flow editor alone) inside providers whose client answers from memory.
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { TEST_WAIT_MS } from '@herald/client/testing/wait';
import { mockApprovals, type MockOptions } from './mock.js';

export function approvalsHost(options: MockOptions, template: TemplateResult): HTMLElement {
  const host = document.createElement('div');
  const { client } = mockApprovals(options);
  const stores = createStores(client);
  new ContextProvider(host, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(host, { context: heraldClientContext, initialValue: client });
  void stores.session.load();
  render(template, host);
  return host;
}

/** Waits until `check` finds something in the canvas (a story's play step). */
export async function waitFor<T>(check: () => T | null | undefined, ms = TEST_WAIT_MS): Promise<T> {
  const end = Date.now() + Math.max(ms, TEST_WAIT_MS);
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > end) throw new Error('story: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
