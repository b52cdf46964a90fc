import { HeraldPanel } from '@herald/client';
import { styles } from './member-admin.styles.js';

/**
 * Administers departments, members and contacts. (Shell: header and empty state; the content arrives in later issues.)
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one.
 *
 * @tag herald-member-admin
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
export class HeraldMemberAdmin extends HeraldPanel {
  static override styles = styles;

  protected readonly titleKey = 'memberAdmin.title' as const;

  protected renderBody() {
    return this.renderEmpty('memberAdmin.empty');
  }
}
