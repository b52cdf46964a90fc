// The inbox's keyboard shortcuts (not while typing); the list documents them in the inbox's JSDoc.
import type { InboxContext } from './context.js';
import { backToList, clearSelection, focusRow, openRow, toggleSelect } from './navigation.js';

const isTyping = (origin: EventTarget | undefined) =>
  origin instanceof HTMLElement &&
  (origin.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(origin.tagName));

const isNarrow = (ctx: InboxContext) => ctx.host.getBoundingClientRect().width < 760;

/** Handles a key press anywhere in the inbox (the inbox listens on itself). */
export function onKeydown(ctx: InboxContext, e: KeyboardEvent): void {
  const origin = e.composedPath()[0];
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(origin)) return;
  if (ctx.view === 'knowledge') return; // issue 19 #7: <herald-knowledge-view> has keys of its own
  if (ctx.view === 'drafts') return; // issue 20 #2: <herald-draft-list> has keys of its own
  const inList = origin instanceof HTMLElement && !!origin.closest('lit-virtualizer');
  const inReader = e.composedPath().some((n) => n instanceof HTMLElement && n.classList.contains('reader'));
  const handled = () => {
    e.preventDefault();
    e.stopPropagation();
  };
  switch (e.key) {
    case 'j':
    case 'k':
      handled();
      void focusRow(ctx, ctx.activeIndex + (e.key === 'j' ? 1 : -1));
      return;
    case 'ArrowDown':
    case 'ArrowUp':
      if (!inList) return;
      handled();
      void focusRow(ctx, ctx.activeIndex + (e.key === 'ArrowDown' ? 1 : -1));
      if (e.shiftKey) toggleSelect(ctx, ctx.activeIndex, true);
      return;
    case 'Home':
    case 'End':
      if (!inList) return;
      handled();
      void focusRow(ctx, e.key === 'Home' ? 0 : ctx.rows.length - 1);
      return;
    case 'Enter':
    case 'o':
      if (!inList && e.key === 'Enter') return;
      handled();
      openRow(ctx, ctx.rows[ctx.activeIndex]);
      return;
    case ' ':
      if (!inList) return;
      handled();
      toggleSelect(ctx, ctx.activeIndex, e.shiftKey);
      return;
    case 'x':
    case 'X':
      handled();
      toggleSelect(ctx, ctx.activeIndex, e.shiftKey || e.key === 'X');
      return;
    case 'e':
    case 's': // issue 20: star or unstar; in Sent too (issue 19 #9)
      if (ctx.view === 'trash') return;
      handled();
      void ctx
        .withActions()
        .then((part) =>
          e.key === 's'
            ? part?.toggleStar(ctx)
            : part?.runBatch(ctx, ctx.view === 'archived' || ctx.filter().archived ? 'unarchive' : 'archive'),
        );
      return;
    case '#':
    case 'Delete':
      if (ctx.view === 'sent' || ctx.view === 'trash') return;
      handled();
      void ctx.withActions().then((part) => part?.runBatch(ctx, 'delete'));
      return;
    case 'u':
      handled();
      if (ctx.openedId && (inReader || isNarrow(ctx))) void backToList(ctx);
      else if (ctx.view !== 'sent') void ctx.withActions().then((part) => part?.runBatch(ctx, 'unread'));
      return;
    case 'z':
      if (!ctx.batchUndo) return;
      handled();
      void ctx.withActions().then((part) => part?.undoBatch(ctx));
      return;
    case '/':
      handled();
      ctx.searchInput?.focus();
      return;
    case 'Escape':
      if (ctx.selection.size || ctx.selection.allMatching) {
        handled();
        clearSelection(ctx);
      } else if (ctx.openedId && isNarrow(ctx)) {
        handled();
        void backToList(ctx);
      }
      return;
  }
}
