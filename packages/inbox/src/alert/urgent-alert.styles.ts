// The alert's first load: only the "Enable desktop notifications" button; the dialog's own styles come with it
// (alert-dialog.styles.ts, issue 16).
import { css } from 'lit';
import { controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: contents;
    }
    button.link {
      background: none;
      border: none;
      color: var(--_herald-color-primary);
      padding: var(--_herald-space-1) var(--_herald-space-2);
      font-weight: normal;
      text-decoration: underline;
    }
  `,
];
