// Message properties: priority (the one control for urgency, issue 23), expiry, due date and read receipt.
import { html, nothing, type TemplateResult } from 'lit';
import type { Priority } from '../api/types.js';
import type { ComposerContext } from '../composer/context.js';
import type { ExpiryChoice } from '../composer/state.js';

/** Now as a `datetime-local` value (the earliest expiry or due date offered). */
const localNow = () => {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function renderProperties(ctx: ComposerContext): TemplateResult {
  const { t } = ctx;
  const s = ctx.state();
  const priority: Priority = s.priority;
  return html`<fieldset part="properties" class="wide properties">
    <legend>${t('composer.properties')}</legend>
    <div class="field">
      <label for="priority">${t('composer.priority')}</label>
      <select id="priority" aria-describedby="priority-error"
        @change=${(e: Event) => ctx.update({ priority: (e.target as HTMLSelectElement).value as Priority }, 'priority')}
          >
        ${(['normal', 'high', 'urgent'] as const).map(
          (p) => html`<option value=${p} ?selected=${priority === p}
          >${t(`composer.priority.${p}`)}</option>`,
        )}
      </select>
      ${ctx.renderError('priority')}
    </div>
    <div class="field">
      <label for="expiry">${t('composer.expiry')}</label>
      <select id="expiry" aria-describedby="expiry-error"
        @change=${(e: Event) => ctx.update({ expiry: (e.target as HTMLSelectElement).value as ExpiryChoice }, 'expiry')}
        >
        ${(['never', '1h', '24h', '7d', 'at'] as const).map(
          (x) => html`<option value=${x} ?selected=${s.expiry === x}
          >${t(`composer.expiry.${x}`)}</option>`,
        )}
      </select>
      ${
        s.expiry === 'at'
          ? html`<label for="expires-at" class="visually-hidden">${t('composer.expiry.atLabel')}</label>
            <input id="expires-at" type="datetime-local" min=${localNow()} .value=${s.expiresAt}
              aria-describedby="expiry-error" aria-invalid=${ctx.error('expiry') ? 'true' : 'false'}
              @change=${(e: Event) => ctx.update({ expiresAt: (e.target as HTMLInputElement).value }, 'expiry')} />`
          : nothing
      }
      ${ctx.renderError('expiry')}
    </div>
    <div class="field">
      <label for="due">${t('composer.due')}</label>
      <input id="due" type="datetime-local" min=${localNow()} .value=${s.dueAt} aria-describedby="due-error"
        aria-invalid=${ctx.error('due') ? 'true' : 'false'}
        @change=${(e: Event) => ctx.update({ dueAt: (e.target as HTMLInputElement).value }, 'due')} />
      ${ctx.renderError('due')}
    </div>
    <label class="check">
      <input id="receipt" type="checkbox" .checked=${s.receiptRequired}
        @change=${(e: Event) => ctx.update({ receiptRequired: (e.target as HTMLInputElement).checked })} />
      ${t('composer.receipt')}
    </label>
  </fieldset>`;
}
