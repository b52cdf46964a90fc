// The tag trees in the sidebar: loading them and folding a branch (creating, renaming and deleting tags: tag-edits.ts,
// in the lazy actions chunk).
import { problemMessage } from '@herald/core';
import type { InboxContext } from './context.js';

export async function loadTags(ctx: InboxContext): Promise<void> {
  const { api } = ctx;
  if (!api) return;
  try {
    ctx.tags = await api.tags();
    ctx.tagsError = '';
  } catch (error) {
    ctx.tagsError = problemMessage(error, ctx.i18n);
  }
}

/** Folds or unfolds a branch of a tag tree. */
export function toggleExpanded(ctx: InboxContext, id: string): void {
  const next = new Set(ctx.expanded);
  if (!next.delete(id)) next.add(id);
  ctx.expanded = next;
}
