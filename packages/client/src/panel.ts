import { html, nothing, type TemplateResult } from 'lit';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { HeraldContextController } from './context.js';

/**
 * The frame every Herald panel shares (inbox, composer, approval queue, member admin): a titled region whose
 * header says who is signed in and takes the host's custom actions, and a body. Subclasses name their title
 * and draw the body; the client and session come from the nearest <herald-provider> (or the page's shared one).
 *
 * @slot actions - Custom actions shown in the header.
 * @slot empty - Replaces the default empty-state text (where the panel shows one).
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart my-settings - The "My settings" button, in panels that offer it (opens `<herald-my-settings>`; issue 20).
 * @csspart body - The content area.
 * @csspart empty - The default empty-state text.
 * @csspart problem - Why Herald cannot work here (`role="alert"`), shown in place of the body (issue 21).
 * @csspart retry - Its "Try again now" button.
 */
export abstract class HeraldPanel extends HeraldElement {
  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);

  /** The heading's catalogue key. */
  protected abstract readonly titleKey: MessageKey;

  /**
   * What a panel says while nobody is signed in and nothing went wrong (a page without sign-in, outside a provider):
   * a catalogue key, or undefined to draw the body as usual (its own empty state).
   */
  protected readonly signedOutKey?: MessageKey;

  /** The panel's content; by default an empty state with this catalogue key. */
  protected abstract renderBody(): TemplateResult;

  protected renderEmpty(key: MessageKey): TemplateResult {
    return html`<slot name="empty"><p part="empty">${this.i18n.t(key)}</p></slot>`;
  }

  /**
   * Why Herald cannot work here, in the panel's own place (issue 21): the cause by name, that it retries by itself,
   * and a button to try at once. Never a spinner or a sign-in prompt.
   */
  private renderProblem(): TemplateResult {
    const { problem, retrying } = this.herald.session;
    return html`<div part="problem" role="alert">
      <p>${problemMessage(problem, this.i18n)}</p>
      ${retrying ? html`<p class="retrying">${this.i18n.t('common.retrying')}</p>` : nothing}
      <button type="button" part="retry" @click=${() => void this.herald.stores?.session.load()}
        >${this.i18n.t('common.retryNow')}</button>
    </div>`;
  }

  /**
   * Opens "My settings" (issue 20); a panel that sets it gets the header button. The panel's own module holds the
   * `import('@herald/client/my-settings')`, so only that panel's bundle has the lazy chunk (bench/widget-size: in every
   * panel it split each first load's shared code into more chunks, +0.9 KB gz on the composer's).
   */
  protected readonly openMySettings?: () => void;

  override render() {
    const { me, status, problem } = this.herald.session;
    // During the forced password change nothing is drawn, so nothing is loaded: the server refuses every other request
    // then (issue 23: four 403s in the console behind the change form). The body comes with the changed password.
    const body =
      status === 'password-change-required'
        ? nothing
        : status === 'signed-out' && problem && problem.code !== 'unauthenticated'
          ? this.renderProblem()
          : status === 'signed-out' && this.signedOutKey
            ? html`<p part="empty">${this.i18n.t(this.signedOutKey)}</p>`
            : this.renderBody();
    return html`<section part="base" aria-labelledby="title">
      <header part="header">
        <h2 part="title" id="title">${this.i18n.t(this.titleKey)}</h2>
        ${
          me?.subject
            ? html`<span part="identity">${this.i18n.t('common.signedInAs', { name: me.subject.name })}</span>${
                this.openMySettings &&
                html`<button part="my-settings" @click=${this.openMySettings}>${this.i18n.t(
                  'common.mySettings',
                )}</button>`
              }`
            : ''
        }
        <slot name="actions"></slot>
      </header>
      <div part="body">${body}</div>
    </section>`;
  }
}
