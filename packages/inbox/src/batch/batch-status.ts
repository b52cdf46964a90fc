import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';

/**
 * Status and error lines of the last batch (live regions stay in the DOM so they are announced), with "Undo" while
 * offered.
 */
export function renderBatchStatus(m: { status: string; error: string; i18n: LocalizeController; onUndo?: () => void }) {
  return html`<p class="batch-status" part="batch-status" role="status">${m.status}${
    m.onUndo
      ? html` <button type="button" class="link" id="batch-undo" aria-keyshortcuts="z" @click=${m.onUndo}
        >${m.i18n.t('inbox.batch.undo')}</button>`
      : nothing
  }</p>
    <p class="batch-error error" part="batch-error" role="alert">${m.error}</p>`;
}
