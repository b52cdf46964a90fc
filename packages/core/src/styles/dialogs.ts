import { css, type CSSResult } from 'lit';

/** A modal `<dialog>` with a form (edit, recall reasons, …): surface, border, size, backdrop; one look everywhere. */
export const dialogStyles: CSSResult = css`
  dialog {
    background: var(--_herald-color-surface);
    color: var(--_herald-color-text);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m);
    width: min(640px, calc(100vw - 32px));
    max-height: calc(100vh - 64px);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog form {
    display: grid;
    gap: var(--_herald-space-3);
  }
`;
