// The Knowledge view's look: search bar, list and read-only reader side by side (stacked when narrow). Tokens only.
import { css } from 'lit';
import { controls, richTextStyles, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  richTextStyles,
  css`
    :host {
      display: block;
      background: var(--_herald-color-surface);
      container-type: inline-size;
      /* As a grid item of the inbox: it may shrink and scrolls inside. */
      min-width: 0;
      overflow: auto;
    }
    .knowledge {
      display: grid;
      gap: var(--_herald-space-3);
      padding: var(--_herald-space-3);
    }
    h2 {
      font-size: var(--_herald-font-size-l);
      margin: 0;
    }
    h3 {
      font-size: var(--_herald-font-size-m);
      margin: 0;
    }
    h4 {
      font-size: var(--_herald-font-size-s);
      margin: 0 0 var(--_herald-space-1);
    }
    header p,
    .note {
      margin: var(--_herald-space-1) 0 0;
    }
    .muted {
      color: var(--_herald-color-text-muted);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
    }
    .bar input {
      flex: 1 1 16em;
    }
    .status:empty {
      display: none;
    }
    .panes {
      display: grid;
      grid-template-columns: minmax(14em, 2fr) 3fr;
      gap: var(--_herald-space-3);
      align-items: start;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-1);
    }
    .item {
      display: grid;
      gap: var(--_herald-space-1);
      width: 100%;
      text-align: start;
      background: var(--_herald-color-surface-raised);
      color: inherit;
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
      padding: var(--_herald-space-2) var(--_herald-space-3);
      cursor: pointer;
    }
    .item[aria-current='true'] {
      border-color: var(--_herald-color-primary);
    }
    .item:focus-visible,
    h3:focus-visible {
      outline: 2px solid var(--_herald-color-focus);
    }
    h3:focus {
      outline: none;
    }
    .subject {
      font-weight: 600;
    }
    .meta,
    .preview {
      font-size: var(--_herald-font-size-s);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
      margin: 0;
    }
    .tag {
      font-size: var(--_herald-font-size-s);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      padding: 0 var(--_herald-space-1);
    }
    .reader {
      display: grid;
      gap: var(--_herald-space-2);
    }
    .reader p {
      margin: 0;
    }
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .back {
      justify-self: start;
      display: none;
    }
    .error {
      color: var(--_herald-color-danger);
    }
    @container (max-width: 40em) {
      .panes {
        grid-template-columns: 1fr;
      }
      .opened .list-col {
        display: none;
      }
      .back {
        display: inline-block;
      }
    }
  `,
];
