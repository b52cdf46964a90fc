import { css } from 'lit';
import { providerTheme, tokens } from '@herald/core';

export const styles = [
  tokens,
  providerTheme,
  css`
    :host {
      display: block;
    }
    [part='loading'] {
      min-height: 32px;
    }
    [part='error'] {
      margin: 0 0 var(--_herald-space-3);
      padding: var(--_herald-space-2) var(--_herald-space-3);
      border-radius: var(--_herald-radius-m);
      color: var(--_herald-color-danger);
      font-family: var(--_herald-font-family);
      border: 1px solid currentColor;
    }
  `,
];
