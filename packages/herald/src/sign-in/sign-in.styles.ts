import { css } from 'lit';
import { controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      max-width: 384px;
      color: var(--_herald-color-text);
    }
    form,
    [part='done'] {
      display: flex;
      flex-direction: column;
      gap: var(--_herald-space-3);
      padding: var(--_herald-space-6);
      background: var(--_herald-color-surface);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
    }
    h2 {
      margin: 0;
      font-size: var(--_herald-font-size-l);
    }
    p {
      margin: 0;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_herald-space-1);
    }
    label {
      font-weight: var(--_herald-font-weight-bold);
    }
    .hint {
      color: var(--_herald-color-text-muted);
      font-size: var(--_herald-font-size-s);
    }
    .field-error {
      color: var(--_herald-color-danger);
      font-size: var(--_herald-font-size-s);
    }
    [part='alert']:not(:empty) {
      padding: var(--_herald-space-2) var(--_herald-space-3);
      border-radius: var(--_herald-radius-s);
      background: var(--_herald-color-danger-surface);
      color: var(--_herald-color-text);
      border-left: 4px solid var(--_herald-color-danger);
    }
  `,
];
