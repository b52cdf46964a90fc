import { css } from 'lit';
import { tokens } from '@herald/core';
import { chartStyles } from '@herald/core/charts';

export const styles = [
  tokens,
  chartStyles,
  css`
    :host {
      display: block;
      color: var(--_herald-color-text);
      font-family: var(--_herald-font-family);
    }
    [part='base'] {
      display: grid;
      gap: var(--_herald-space-2);
    }
    h4 {
      margin: 0;
      font-size: var(--_herald-font-size-m);
    }
    .hint {
      margin: 0 0 var(--_herald-space-2);
      font-size: var(--_herald-font-size-s);
      color: var(--_herald-color-text-muted);
    }
  `,
];
