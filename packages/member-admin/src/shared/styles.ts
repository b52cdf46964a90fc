import { css } from 'lit';
import { buttonStyles, controls, fieldBaseStyles, tokens, visuallyHidden } from '@herald/core';

/** What every tab shares: toolbar, table, forms, alerts; buttons and fields look as in every widget (core). */
export const tabStyles = [
  tokens,
  controls,
  buttonStyles,
  fieldBaseStyles,
  css`
    :host {
      display: block;
      /* The tables below fold into one card per row when the tab is phone-narrow (issue 23). */
      container-type: inline-size;
      color: var(--_herald-color-text);
      background: var(--_herald-color-surface);
    }
    /* A phone (360–430 px): a list table never pushes the page sideways — each row is a card of its cells (table
       semantics kept: the header row is only visually hidden), long words and addresses wrap. */
    @container (max-width: 576px) {
      table[part='table'],
      table[part='table'] > tbody,
      table[part='table'] > tbody > tr,
      table[part='table'] > tbody > tr > td,
      table[part='table'] > tbody > tr > th {
        display: block;
      }
      table[part='table'] > thead {
        ${visuallyHidden}
      }
      table[part='table'] > tbody > tr {
        padding: var(--_herald-space-2) 0;
        border-bottom: 1px solid var(--_herald-color-border);
      }
      table[part='table'] > tbody > tr > td,
      table[part='table'] > tbody > tr > th {
        padding: var(--_herald-space-1) 0;
        border: 0;
        overflow-wrap: anywhere;
      }
    }
    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: end;
      margin-bottom: var(--_herald-space-3);
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: var(--_herald-space-2);
      border-bottom: 1px solid var(--_herald-color-border);
      vertical-align: top;
    }
    thead th {
      font-size: var(--_herald-font-size-s);
      color: var(--_herald-color-text-muted);
    }
    tbody th {
      font-weight: var(--_herald-font-weight-bold);
    }
    td ul {
      margin: 0;
      padding-inline-start: var(--_herald-space-4);
    }
    tr[aria-selected='true'] td {
      background: var(--_herald-color-surface-raised);
    }
    [role='alert']:not(:empty) {
      color: var(--_herald-color-text);
      padding: var(--_herald-space-2) var(--_herald-space-3);
      border-radius: var(--_herald-radius-s);
      background: var(--_herald-color-danger-surface);
      border-left: 4px solid var(--_herald-color-danger);
      margin-bottom: var(--_herald-space-3);
    }
    [role='status']:not(:empty) {
      padding: var(--_herald-space-2) var(--_herald-space-3);
      border-left: 4px solid var(--_herald-color-success);
      margin-bottom: var(--_herald-space-3);
    }
    [part~='form'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(224px, 1fr));
      gap: var(--_herald-space-3);
      padding: var(--_herald-space-3);
      margin-bottom: var(--_herald-space-3);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
      background: var(--_herald-color-surface-raised);
    }
    [part~='form'] h3,
    [part~='form'] .actions {
      grid-column: 1 / -1;
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
    }
    h3 {
      font-size: var(--_herald-font-size-m);
    }
    code,
    .secret {
      font-family: ui-monospace, monospace;
    }
  `,
];

/** Small additions for the list-and-form tabs (contacts, groups). */
export const listStyles = css`
  .check {
    display: flex;
    align-items: center;
    gap: var(--_herald-space-1);
    font-weight: normal;
  }
  .check.inline {
    display: inline-flex;
  }
  fieldset.wide {
    grid-column: 1 / -1;
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
  }
  ul {
    padding-inline-start: var(--_herald-space-4);
  }
  [part='more'] {
    margin-top: var(--_herald-space-3);
  }
`;

/** Settings-like forms (Settings, Notifications): full-width bordered sections in the tab's grid. */
export const sectionStyles = css`
  .wide {
    grid-column: 1 / -1;
    margin: 0;
  }
  fieldset.wide {
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    display: flex;
    flex-direction: column;
    gap: var(--_herald-space-2);
    min-width: 0;
  }
  fieldset p {
    margin: 0;
  }
`;
