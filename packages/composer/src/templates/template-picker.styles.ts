// The template dialogs (issue 19): core's dialog, button, field and listbox looks, and a scrolling list.
import { css } from 'lit';
import { buttonStyles, controls, dialogStyles, fieldStyles, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  buttonStyles,
  fieldStyles,
  dialogStyles,
  css`
    dialog > h3,
    form > h3 {
      margin: 0 0 var(--_herald-space-2);
    }
    #template-search,
    #template-name {
      width: 100%;
      box-sizing: border-box;
    }
    #templates {
      max-height: 50vh;
      overflow: auto;
      margin-block: var(--_herald-space-2);
    }
    [role='option'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: baseline;
      cursor: pointer;
    }
    .chip-kind {
      font-size: var(--_herald-font-size-s);
      color: var(--_herald-color-text-muted);
    }
    .template-name {
      font-weight: 600;
    }
    fieldset {
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-3);
    }
    .error {
      color: var(--_herald-color-danger);
    }
    .error:empty {
      display: none;
    }
    .actions {
      display: flex;
      gap: var(--_herald-space-2);
    }
  `,
];
