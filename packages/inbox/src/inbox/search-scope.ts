// Where a search looked and where else it found something (issue 23): "Searching the inbox and Archived." with a
// button per other folder holding hits ("Also 1 in Trash"), which shows that folder with the same search. In the
// inbox's lazy actions chunk (issue 16): a search is typed, and focus in the inbox has asked for the chunk by then.
import { html, nothing } from 'lit';
import type { InboxView } from '../api/types.js';
import type { InboxContext } from './context.js';

type Folder = 'inbox' | 'archived' | 'trash' | 'sent';
const FOLDERS: readonly Folder[] = ['inbox', 'archived', 'trash', 'sent'];

/** The folders the list already shows for this view's search. */
const searched = (view: InboxView, filterView: string | undefined): Folder[] =>
  filterView === 'all' ? ['inbox', 'archived'] : [view as Folder];

export function renderSearchScope(ctx: InboxContext) {
  const folders = ctx.listState.folders;
  if (!ctx.q.trim() || !folders || ctx.view === 'sent' || !ctx.list) return nothing;
  const { i18n } = ctx;
  const shown = searched(ctx.view, ctx.list.filter.view);
  const others = FOLDERS.filter((f) => !shown.includes(f) && (folders[f] ?? 0) > 0);
  const scope =
    shown.length > 1
      ? i18n.t('inbox.search.scopeAll')
      : i18n.t('inbox.search.scopeView', { view: i18n.t(`inbox.view.${shown[0]!}`) });
  return html`<p class="search-scope" part="search-scope" role="status">
    <span>${scope}</span>
    ${others.map(
      (f) =>
        html`<button type="button" class="link" data-folder=${f} @click=${() => ctx.showView(f)}>${i18n.t(
          'inbox.search.also',
          {
            count: i18n.number(folders[f] ?? 0),
            view: i18n.t(`inbox.view.${f}`),
          },
        )}</button>`,
    )}
  </p>`;
}
