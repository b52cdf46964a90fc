import { html, nothing, type TemplateResult } from 'lit';

/** What a field's control carries so that its error and hint are read with it (screen readers, issue 16). */
export interface FieldWiring {
  invalid: 'true' | 'false';
  describedBy: string | typeof nothing;
}

/** A field's parts: the control's id, its label, and (when there are) a hint, an error and the field's `part`. */
export interface FieldParts {
  id: string;
  label: string;
  /** Muted text read with the control; a template when part of it changes with the value (a live consequence). */
  hint?: string | TemplateResult;
  error?: string;
  /** The field's `part` name, for a host's `::part()` rules. */
  part?: string;
}

/**
 * A labelled field as `fieldBaseStyles` draws it (issue 16: written once): label, the control `control` renders with
 * the wiring it is given (`aria-invalid`, `aria-describedby`), then the muted hint and the error line, whose ids are
 * `<id>-hint` and `<id>-error`.
 */
export function renderField(
  { id, label, hint, error, part }: FieldParts,
  control: (w: FieldWiring) => unknown,
): TemplateResult {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field" part=${part ?? nothing}>
    <label for=${id}>${label}</label>
    ${control({ invalid: error ? 'true' : 'false', describedBy: describedBy || nothing })}
    ${hint ? html`<span id="${id}-hint" class="muted">${hint}</span>` : nothing}
    ${error ? html`<span id="${id}-error" class="field-error">${error}</span>` : nothing}
  </div>`;
}
