import { css, type CSSResult } from 'lit';

/**
 * A form field, drawn the same in every widget (issue 16): its column, its label (a check's label in normal weight), a
 * muted hint, the error line under it and the invalid border. The member admin and the approval queue use only this;
 * `fieldStyles` adds what the composer's and the editor's forms need besides. Put it after `controls`.
 */
export const fieldBaseStyles: CSSResult = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_herald-space-1);
    min-width: 0;
  }
  label,
  legend,
  .label {
    font-weight: var(--_herald-font-weight-bold);
    font-size: var(--_herald-font-size-s);
  }
  /* A checkbox's or a radio's label reads as the option it is, not as a field's title. */
  label:has(> input:is([type='checkbox'], [type='radio'])) {
    font-weight: normal;
  }
  .muted {
    color: var(--_herald-color-text-muted);
    font-size: var(--_herald-font-size-s);
  }
  .field-error {
    color: var(--_herald-color-text);
    font-size: var(--_herald-font-size-s);
    border-left: 3px solid var(--_herald-color-danger);
    padding-left: var(--_herald-space-1);
  }
  [aria-invalid='true'],
  .invalid {
    border-color: var(--_herald-color-danger);
  }
`;

/**
 * Form fields as the composer and <herald-rich-text-editor> draw them (issue 16: written once): a field's column, its
 * label, muted notes, the error line under it, invalid borders (`fieldBaseStyles`), paragraphs without margins and a
 * listbox of options (suggestions). Put it after `controls` and `buttonStyles`.
 */
export const fieldStyles: CSSResult = css`
  ${fieldBaseStyles}
  p {
    margin: 0;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: var(--_herald-space-1) 0;
    background: var(--_herald-color-surface);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    max-height: 256px;
    overflow: auto;
    z-index: 10;
  }
  [role='option'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: baseline;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    cursor: pointer;
  }
  [role='option'].active {
    background: var(--_herald-color-surface-raised);
    outline: 2px solid var(--_herald-color-focus);
    outline-offset: -2px;
  }
`;
