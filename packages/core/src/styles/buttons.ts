import { css, type CSSResult } from 'lit';

/**
 * The button variants over the base in `controls` (every `<button>` starts with the primary look), one look in every
 * widget (issue 16): `secondary` (outlined in the primary colour), `danger` (filled with the danger colour: a
 * destructive action), `secondary danger` (outlined in the danger colour: a quieter destructive action), `small`,
 * `link` (reads as a link, e.g. a name that opens a record), `quiet` (a neutral tool button: a toolbar's, a chip's ×)
 * and `aria-disabled="true"` while busy. Themed by the
 * `--herald-color-primary`, `--herald-color-danger` and `--herald-color-surface` tokens.
 */
export const buttonStyles: CSSResult = css`
  button.secondary {
    background: var(--_herald-color-surface);
    color: var(--_herald-color-primary);
    border-color: var(--_herald-color-primary);
  }
  button.danger {
    background: var(--_herald-color-danger);
    border-color: var(--_herald-color-danger);
    color: var(--_herald-color-surface);
  }
  button.secondary.danger {
    background: var(--_herald-color-surface);
    color: var(--_herald-color-danger);
  }
  button.small {
    padding: var(--_herald-space-1) var(--_herald-space-2);
    font-weight: normal;
  }
  button.quiet {
    padding: var(--_herald-space-1) var(--_herald-space-2);
    font-weight: normal;
    background: var(--_herald-color-surface);
    color: var(--_herald-color-text);
    border-color: var(--_herald-color-border);
    min-width: 32px;
  }
  button.link {
    background: none;
    border-color: transparent;
    padding: 0;
    color: var(--_herald-color-primary);
    text-decoration: underline;
    font-weight: normal;
    text-align: start;
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
`;
