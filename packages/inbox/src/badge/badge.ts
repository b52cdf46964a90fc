import { html, nothing } from 'lit';
import { HeraldContextController, type HeraldStores, type UnreadState } from '@herald/client';
import { HeraldElement, LocalizeController, problemMessage, StoreController } from '@herald/core';
import { styles } from './badge.styles.js';
import { inboxStrings } from '../i18n/index.js';

const ZERO = { get: () => ({ unread: 0, urgent: 0 }), subscribe: () => () => undefined } as never;

/**
 * The signed-in person's unread count (R6), for a host's navigation bar: `99+` above 99, urgent styling while any
 * unread message is urgent, nothing at zero. Shares the `$unread` store with `<herald-inbox>`, so the two never
 * disagree; the client comes from the nearest <herald-provider> or the page's shared one.
 *
 * @tag herald-unread-badge
 * @csspart badge - The count (also `urgent` while an unread message is urgent; `problem`, a "!" whose title and
 *   screen-reader text say why, while Herald cannot work on this page — issue 21).
 * @csspart problem - Also on `badge` when Herald cannot work on the page: a "!" whose title says why.
 * @cssproperty --herald-badge-background - Background of the count.
 * @cssproperty --herald-badge-color - Text colour of the count.
 * @cssproperty --herald-badge-urgent-background - Background while an unread message is urgent.
 * @cssproperty --herald-badge-urgent-color - Text colour while an unread message is urgent.
 */
export class HeraldUnreadBadge extends HeraldElement {
  static override catalogues = [inboxStrings];
  static override styles = styles;

  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);
  private readonly unread = new StoreController<UnreadState>(this, ZERO);
  private stores?: HeraldStores;
  private stop?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
    this.stores = undefined;
  }

  override willUpdate(): void {
    const stores = this.herald.stores;
    if (stores && stores !== this.stores) {
      this.stop?.();
      this.stores = stores;
      this.unread.setStore(stores.$unread);
      this.stop = stores.unread.start(stores.$session);
    }
  }

  override render() {
    const { status, problem } = this.herald.session;
    if (status === 'signed-out' && problem && problem.code !== 'unauthenticated') {
      const why = problemMessage(problem, this.i18n);
      return html`<span role="status"><span part="badge problem" title=${why} aria-hidden="true">!</span><span
        class="visually-hidden">${this.i18n.t('common.unavailable')}: ${why}</span></span>`;
    }
    const { unread, urgent } = this.unread.value;
    const label = urgent
      ? this.i18n.t('inbox.badge.urgent', { count: unread, urgent })
      : this.i18n.t('inbox.badge.label', { count: unread });
    // The live region stays in the tree (empty at zero), so a new count is announced.
    return html`<span role="status" aria-live="polite">${
      unread > 0
        ? html`<span part="badge${urgent ? ' urgent' : ''}" aria-hidden="true"
          >${unread > 99 ? '99+' : this.i18n.number(unread)}</span><span class="visually-hidden">${label}</span>`
        : nothing
    }</span>`;
  }
}
