// The composer's own look (form, fields, buttons, errors, listboxes, actions), then each part's, in this order.
import { css } from 'lit';
import { controls, richTextStyles, shellStyles, tokens } from '@herald/core';
import { attachmentsStyles } from '../attachments/attachments.styles.js';
import { bodyEditorStyles } from '../editor/body-editor.styles.js';
import { previewStyles } from '../preview/preview.styles.js';
import { propertiesStyles } from '../properties/properties.styles.js';
import { recipientsStyles } from '../recipients/recipients.styles.js';

export const styles = [
  tokens,
  controls,
  shellStyles,
  richTextStyles,
  css`
    [part='form'] {
      display: grid;
      gap: var(--_herald-space-3);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_herald-space-1);
      min-width: 0;
    }
    label,
    legend,
    .label {
      font-weight: var(--_herald-font-weight-bold);
      font-size: var(--_herald-font-size-s);
    }
    fieldset {
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-3);
      align-items: start;
    }
    fieldset > legend {
      padding: 0 var(--_herald-space-1);
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: var(--_herald-space-1);
      font-weight: normal;
    }
    .check.small {
      font-size: var(--_herald-font-size-s);
    }
    .muted {
      color: var(--_herald-color-text-muted);
      font-size: var(--_herald-font-size-s);
    }
    p {
      margin: 0;
    }
    button.secondary {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-primary);
    }
    button.danger {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-danger);
      border-color: var(--_herald-color-danger);
    }
    button.small,
    button.icon {
      padding: var(--_herald-space-1) var(--_herald-space-2);
      font-weight: normal;
    }
    button.icon {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-text);
      border-color: var(--_herald-color-border);
      min-width: 32px;
    }
    .field-error {
      color: var(--_herald-color-text);
      font-size: var(--_herald-font-size-s);
      border-left: 3px solid var(--_herald-color-danger);
      padding-left: var(--_herald-space-1);
    }
    [aria-invalid='true'],
    .invalid {
      border-color: var(--_herald-color-danger);
    }
    [role='listbox'] {
      list-style: none;
      margin: 0;
      padding: var(--_herald-space-1) 0;
      background: var(--_herald-color-surface);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
      max-height: 256px;
      overflow: auto;
      z-index: 10;
    }
    [role='option'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: baseline;
      padding: var(--_herald-space-1) var(--_herald-space-2);
      cursor: pointer;
    }
    [role='option'].active {
      background: var(--_herald-color-surface-raised);
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: -2px;
    }
    .counter {
      align-self: flex-end;
    }
    [part='subject'] {
      width: 100%;
      box-sizing: border-box;
    }
    [part='actions'],
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: center;
    }
    [part='status']:not(:empty) {
      padding: var(--_herald-space-2) var(--_herald-space-3);
      border-left: 4px solid var(--_herald-color-success);
    }
    [part='status'].error {
      border-left-color: var(--_herald-color-danger);
    }
  `,
  recipientsStyles,
  bodyEditorStyles,
  attachmentsStyles,
  propertiesStyles,
  previewStyles,
];
