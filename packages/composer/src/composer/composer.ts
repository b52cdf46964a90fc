import { html } from 'lit';
import { HeraldElement, LocalizeController } from '@herald/core';
import { HeraldContextController } from '@herald/client';
import { styles } from './composer.styles.js';

/**
 * Writes and sends a message. (Shell: header and empty state; the content arrives in later issues.)
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one.
 *
 * @tag herald-composer
 * @slot empty - Replaces the default empty-state text.
 * @slot actions - Custom actions shown in the header.
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart body - The content area.
 * @csspart empty - The default empty-state text.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldComposer extends HeraldElement {
  static override styles = styles;

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);

  override render() {
    const { me } = this.herald.session;
    return html`<section part="base" aria-labelledby="title">
      <header part="header">
        <h2 part="title" id="title">${this.i18n.t('composer.title')}</h2>
        ${me?.subject ? html`<span part="identity">${this.i18n.t('common.signedInAs', { name: me.subject.name })}</span>` : ''}
        <slot name="actions"></slot>
      </header>
      <div part="body">
        <slot name="empty"><p part="empty">${this.i18n.t('composer.empty')}</p></slot>
      </div>
    </section>`;
  }
}
