import { css } from 'lit';
import { controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: inline-block;
      vertical-align: middle;
    }
    [part~='badge'] {
      display: inline-block;
      min-width: 1.25em;
      padding: 0 0.4em;
      border-radius: 999px;
      font-size: var(--herald-badge-font-size, 12px);
      font-weight: var(--_herald-font-weight-bold);
      line-height: 1.5;
      text-align: center;
      background: var(--herald-badge-background, var(--_herald-color-primary));
      color: var(--herald-badge-color, var(--_herald-color-on-primary));
    }
    [part~='problem'] {
      background: var(--_herald-color-danger-surface);
      color: var(--_herald-color-danger);
      border: 1px solid currentColor;
    }
    [part~='urgent'] {
      background: var(--herald-badge-urgent-background, var(--_herald-color-danger));
      color: var(--herald-badge-urgent-color, var(--_herald-color-surface));
    }
  `,
];
