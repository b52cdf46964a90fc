// The composer's own look (form, fieldsets, actions; buttons from core's buttonStyles; fields, errors and listboxes
// from core's fieldStyles), then each part's, in this order.
import { css } from 'lit';
import { buttonStyles, controls, fieldStyles, richTextStyles, shellStyles, tokens } from '@herald/core';
import { attachmentsStyles } from '../attachments/attachments.styles.js';
import { previewStyles } from '../preview/preview.styles.js';
import { propertiesStyles } from '../properties/properties.styles.js';
import { recipientsStyles } from '../recipients/recipients.styles.js';

export const styles = [
  tokens,
  controls,
  buttonStyles,
  shellStyles,
  richTextStyles,
  fieldStyles,
  css`
    [part='form'] {
      display: grid;
      gap: var(--_herald-space-3);
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
  attachmentsStyles,
  propertiesStyles,
  previewStyles,
];
