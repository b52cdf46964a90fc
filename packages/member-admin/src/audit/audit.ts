import { html } from 'lit';
import { AdminTab } from '../shared/admin-tab.js';
import { tabStyles } from '../shared/styles.js';

/** @tag herald-admin-audit */
export class HeraldAdminAudit extends AdminTab {
  static override styles = tabStyles;
  protected async load(): Promise<void> {}
  override render() {
    return html`<p class="muted">${this.t('common.loading')}</p>`;
  }
}
