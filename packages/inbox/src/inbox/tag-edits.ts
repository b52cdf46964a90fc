// Creating, renaming and deleting tags from the sidebar (part of the inbox's lazy actions chunk, issue 16).
import type { Tag } from '../api/types.js';
import type { InboxContext } from './context.js';

export async function saveTag(ctx: InboxContext, name: string): Promise<void> {
  const edit = ctx.tagEdit;
  const { api } = ctx;
  if (!edit || !api) return;
  const trimmed = name.trim();
  if (!trimmed) {
    ctx.tagEdit = { ...edit, name, error: ctx.i18n.t('field.required') };
    return;
  }
  try {
    if (edit.mode === 'create') {
      await api.createTag({ scope: edit.scope, parentId: edit.parentId, name: trimmed });
      if (edit.parentId) ctx.expanded = new Set([...ctx.expanded, edit.parentId]);
    } else await api.updateTag(edit.tagId!, { name: trimmed });
    ctx.tagEdit = null;
    await ctx.loadTags();
  } catch (error) {
    const p = error as { code?: string; errors?: Array<{ code?: string }> };
    const field = p.errors?.[0]?.code;
    ctx.tagEdit = {
      ...edit,
      name,
      error:
        field && ctx.i18n.has(`field.${field}`)
          ? ctx.i18n.t(`field.${field}` as 'field.required')
          : p.code === 'conflict'
            ? ctx.i18n.t('field.duplicate')
            : ctx.problemText(error),
    };
  }
}

/** Deletes a tag (the inbox has asked with a cancelable `herald-tag-delete-request` first). */
export async function deleteTag(ctx: InboxContext, tag: Tag): Promise<void> {
  const { api } = ctx;
  if (!api) return;
  try {
    await api.deleteTag(tag.id);
    if (ctx.tagId === tag.id) ctx.selectTag(null);
    await ctx.loadTags();
  } catch (error) {
    ctx.tagsError = ctx.problemText(error);
  }
}
