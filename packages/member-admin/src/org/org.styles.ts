import { css } from 'lit';
import { tabStyles } from '../shared/styles.js';

export const styles = [
  ...tabStyles,
  css`
    .columns {
      display: grid;
      grid-template-columns: minmax(224px, 1fr) 2fr;
      gap: var(--_herald-space-4);
    }
    @media (max-width: 640px) {
      .columns {
        grid-template-columns: 1fr;
      }
    }
    h3 {
      margin: 0 0 var(--_herald-space-2);
    }
    [role='tree'],
    [role='group'] {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    [role='group'] {
      padding-inline-start: var(--_herald-space-4);
    }
    [role='treeitem'] {
      outline: none;
      padding-inline-start: calc(var(--level, 0) * var(--_herald-space-4));
    }
    [role='treeitem'] > .row {
      display: flex;
      gap: var(--_herald-space-1);
      padding: var(--_herald-space-1) var(--_herald-space-2);
      border-radius: var(--_herald-radius-s);
      cursor: pointer;
    }
    [role='treeitem']:focus-visible > .row {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: -2px;
    }
    [role='treeitem'][aria-selected='true'] > .row {
      background: var(--_herald-color-primary);
      color: var(--_herald-color-on-primary);
    }
    [role='treeitem'][aria-selected='true'] > .row .count {
      color: inherit;
    }
    .twisty {
      display: inline-block;
      width: 1em;
    }
    .count {
      color: var(--_herald-color-text-muted);
      font-size: var(--_herald-font-size-s);
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: center;
      margin: var(--_herald-space-2) 0;
    }
    .delete {
      margin-top: var(--_herald-space-3);
      padding-top: var(--_herald-space-2);
      border-top: 1px solid var(--_herald-color-border);
    }
    .delete h4 {
      margin: 0;
    }
    [part='positions'] {
      margin-top: var(--_herald-space-2);
    }
    section[aria-labelledby='positions-title'] {
      margin-top: var(--_herald-space-4);
    }
  `,
];
