// The options of a tag picker (batch bar, reading pane): organisation tags, then "My tags", each in tree order with its
// path, so 项目 › 项目A › 需求沟通 sits under 项目 (issue 23).
import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';
import type { Tag } from '../api/types.js';
import { tagChoices } from '../state/tags.js';

/** `<optgroup>`s of `<option value="{prefix}{id}">`; a scope without tags is left out. */
export function renderTagOptions(i18n: LocalizeController, tags: readonly Tag[], prefix = '', groupPrefix = '') {
  return (['organisation', 'personal'] as const).map((scope) => {
    const choices = tagChoices(tags, scope);
    return choices.length
      ? html`<optgroup label=${groupPrefix + i18n.t(`inbox.tags.${scope}`)}>${choices.map(
          (c) => html`<option
        value=${prefix + c.id}>${c.label}</option>`,
        )}</optgroup>`
      : nothing;
  });
}
