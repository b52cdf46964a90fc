// Signing a decision on a sign-off step (签批, issue 19 item 2): the "Signature" group of the approval's actions — draw
// on the pad (a lazy chunk, loaded only when such a step is open) or type one's name (for keyboard users) — and what is
// sent with the decision. The opinion is the decision's comment, which the element requires on such a step.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { once, renderField, type LocalizeController } from '@herald/core';
import type { SignatureInput } from '../api/types.js';
import type { HeraldSignaturePad } from '../signature-pad/signature-pad.js';

export const loadSignaturePad = once(() => import('../signature-pad/define.js'));

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
type Options = {
  i18n: LocalizeController;
  /** Loads the pad's chunk through the element (so `updateComplete` waits for it). */
  loadPad: () => void;
  locale: () => string | undefined;
};

export class SignOffController implements ReactiveController {
  mode: 'draw' | 'type' = 'draw';
  typed = '';
  error = '';

  constructor(
    private readonly host: Host,
    private readonly options: Options,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A new request was opened: nothing signed yet. */
  reset(): void {
    this.mode = 'draw';
    this.typed = '';
    this.error = '';
  }

  private get pad(): HeraldSignaturePad | null {
    return this.host.renderRoot.querySelector('herald-signature-pad');
  }

  /** The signature to send, or null (the error shown and the signature's control focused) when there is none. */
  collect(): SignatureInput | null {
    const typed = this.typed.trim();
    const pad = this.pad;
    const signature: SignatureInput | null =
      this.mode === 'type'
        ? typed
          ? { kind: 'typed', name: typed }
          : null
        : pad && !pad.empty
          ? { kind: 'drawn', png: pad.toPngBase64() }
          : null;
    this.error = signature ? '' : this.options.i18n.t('approvals.signOff.signatureRequired');
    this.host.requestUpdate();
    if (!signature) {
      const target = this.mode === 'type' ? '#typed-signature' : '#sign-draw';
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(target)?.focus());
    }
    return signature;
  }

  private choose(mode: 'draw' | 'type'): void {
    this.mode = mode;
    this.error = '';
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const t = this.options.i18n.t.bind(this.options.i18n);
    // Once: loading again on every render would render again on every load.
    if (this.mode === 'draw' && !customElements.get('herald-signature-pad')) this.options.loadPad();
    const radio = (mode: 'draw' | 'type', label: string) =>
      html`<label class="choice"><input type="radio" name="sign-mode" id="sign-${mode}" value=${mode}
        .checked=${this.mode === mode} @change=${() => this.choose(mode)} />${label}</label>`;
    return html`<fieldset part="sign-off" class="sign-off"
      aria-describedby=${this.error ? 'signature-error' : nothing}>
      <legend>${t('approvals.signOff.signature')}</legend>
      <div class="choices">
        ${radio('draw', t('approvals.signOff.draw'))}${radio('type', t('approvals.signOff.type'))}
      </div>
      ${
        this.mode === 'draw'
          ? html`<herald-signature-pad locale=${this.options.locale() ?? nothing}
              @herald-signature-change=${() => this.choose('draw')}></herald-signature-pad>`
          : renderField(
              {
                id: 'typed-signature',
                label: t('approvals.signOff.typedLabel'),
                hint: t('approvals.signOff.typedHint'),
              },
              (w) => html`<input id="typed-signature" class="typed-signature" autocomplete="name" maxlength="100"
                .value=${this.typed} aria-describedby=${w.describedBy} aria-invalid=${this.error ? 'true' : 'false'}
                @input=${(e: Event) => {
                  this.typed = (e.target as HTMLInputElement).value;
                  if (this.error) this.choose('type');
                }} />`,
            )
      }
      ${this.error ? html`<p id="signature-error" class="field-error" role="alert">${this.error}</p>` : nothing}
    </fieldset>`;
  }
}
