// The sidebar's inline tag form (part of the inbox's lazy actions chunk, issue 16).
import { html } from 'lit';
import type { LocalizeController } from '@herald/core';
import type { TagEdit } from './sidebar.js';

export interface TagFormModel {
  i18n: LocalizeController;
  edit: TagEdit;
  onEdit(edit: TagEdit | null): void;
  onSaveEdit(name: string): void;
}

/** The inline tag form: a new tag's name, or a new name for one (Enter saves, Escape cancels). */
export function renderTagForm(m: TagFormModel, label: string) {
  const { edit } = m;
  return html`<form class="tag-form" @submit=${(e: Event) => {
    e.preventDefault();
    m.onSaveEdit(((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value);
  }}>
    <input name="name" .value=${edit.name} maxlength="50" required aria-label=${label}
      aria-invalid=${edit.error ? 'true' : 'false'} aria-describedby="tag-form-error"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), m.onEdit(null))} />
    <button type="submit" class="small">${m.i18n.t('inbox.tags.save')}</button>
    <button type="button" class="small secondary" @click=${() => m.onEdit(null)}
      >${m.i18n.t('inbox.tags.cancel')}</button>
    <span id="tag-form-error" class="error" role="alert">${edit.error ?? ''}</span>
  </form>`;
}
