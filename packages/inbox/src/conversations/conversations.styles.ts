// The look of the customer queue and the new-conversation form (issue 19 #5): tokens only, light and dark.
import { css } from 'lit';
import { buttonStyles, controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  buttonStyles,
  css`
    :host {
      display: block;
      background: var(--_herald-color-surface);
      padding: var(--_herald-space-3);
    }
    h3 {
      font-size: var(--_herald-font-size-m);
      margin: 0 0 var(--_herald-space-2);
    }
    .filters,
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-3);
      align-items: end;
      margin-block-end: var(--_herald-space-3);
    }
    label {
      display: grid;
      gap: var(--_herald-space-1);
    }
    .form {
      display: grid;
      gap: var(--_herald-space-3);
    }
    .list,
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-2);
    }
    .row {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: var(--_herald-space-2);
      align-items: center;
      border-block-end: 1px solid var(--_herald-color-border);
      padding-block: var(--_herald-space-2);
    }
    .open {
      display: grid;
      text-align: start;
      background: none;
      border: 0;
      color: inherit;
      padding: 0;
      cursor: pointer;
    }
    .subject {
      font-weight: var(--_herald-font-weight-bold);
    }
    .actions {
      grid-column: 1 / -1;
      display: flex;
      gap: var(--_herald-space-2);
    }
    .status {
      border-radius: var(--_herald-radius-s);
      padding: 0 var(--_herald-space-2);
      font-size: var(--_herald-font-size-s);
      border: 1px solid currentColor;
    }
    .status-open {
      color: var(--_herald-color-primary);
    }
    .status-waiting {
      color: var(--_herald-color-text-muted);
    }
    .status-resolved {
      color: var(--_herald-color-success);
    }
    .muted {
      color: var(--_herald-color-text-muted);
    }
    .small {
      font-size: var(--_herald-font-size-s);
    }
    .error {
      color: var(--_herald-color-danger);
    }
    .error:empty {
      display: none;
    }
    .file-button {
      border: 1px solid var(--_herald-color-primary);
      color: var(--_herald-color-primary);
      border-radius: var(--_herald-radius-s);
      padding: var(--_herald-space-2) var(--_herald-space-4);
      cursor: pointer;
    }
    .file-button:focus-within {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: 2px;
    }
    /* While a conversation is being sent: no file can be attached. */
    .file-button:has(input:disabled) {
      opacity: 0.6;
      cursor: not-allowed;
    }
  `,
];
