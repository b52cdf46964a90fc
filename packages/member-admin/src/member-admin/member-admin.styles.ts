import { css } from 'lit';
import { controls, shellStyles, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  shellStyles,
  css`
    [part='tablist'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
      border-bottom: 1px solid var(--_herald-color-border);
      margin-bottom: var(--_herald-space-4);
    }
    [part='tab'] {
      background: none;
      color: var(--_herald-color-text);
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: 0;
      font-weight: normal;
    }
    [part='tab'][aria-selected='true'] {
      border-bottom-color: var(--_herald-color-primary);
      font-weight: var(--_herald-font-weight-bold);
    }
  `,
];
