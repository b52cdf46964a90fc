import { css } from 'lit';
import { tabStyles } from '../shared/styles.js';

export const styles = [
  ...tabStyles,
  css`
    fieldset.radios {
      display: flex;
      gap: var(--_herald-space-3);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      margin: 0;
    }
    fieldset.radios label,
    .check {
      display: flex;
      align-items: center;
      gap: var(--_herald-space-1);
      font-weight: normal;
    }
    .dropzone {
      display: flex;
      flex-direction: column;
      gap: var(--_herald-space-2);
      padding: var(--_herald-space-4);
      border: 2px dashed var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
      margin-bottom: var(--_herald-space-3);
    }
    .dropzone.dragging {
      border-color: var(--_herald-color-primary);
      background: var(--_herald-color-surface-raised);
    }
    .scroll {
      overflow-x: auto;
    }
    td.bad {
      background: var(--_herald-color-danger-surface);
    }
    td .field-error {
      display: block;
      margin-top: var(--_herald-space-1);
    }
    td input {
      min-width: 128px;
    }
    .actions {
      align-items: center;
    }
  `,
];
