import { css } from 'lit';
import { controls, shellStyles, tokens } from '@herald/core';

/** Tag colours are token names (docs/api.md); each maps to a swatch that reads on both themes. */
const tagColors = css`
  .color-gray { --_tag: #6e7781; }
  .color-red { --_tag: #cf222e; }
  .color-orange { --_tag: #bc4c00; }
  .color-yellow { --_tag: #9a6700; }
  .color-green { --_tag: #1a7f37; }
  .color-teal { --_tag: #0f766e; }
  .color-blue { --_tag: #0b57d0; }
  .color-purple { --_tag: #8250df; }
  .color-pink { --_tag: #bf3989; }
`;

const layout = css`
  [part='body'] {
    container-type: inline-size;
    padding: 0;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(176px, 240px) minmax(288px, 448px) 1fr;
    height: var(--herald-inbox-height, 576px);
    min-height: 0;
  }
  .sidebar,
  .list-col,
  .reader {
    min-width: 0;
    min-height: 0;
    overflow: auto;
  }
  .sidebar {
    border-inline-end: 1px solid var(--_herald-color-border);
    padding: var(--_herald-space-2);
    background: var(--_herald-color-surface-raised);
  }
  .list-col {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    border-inline-end: 1px solid var(--_herald-color-border);
  }
  .reader {
    padding: var(--_herald-space-4);
  }
  /* Issue 19 #7: the Knowledge view takes the list's and the reader's place. */
  .knowledge {
    grid-column: 2 / 4;
  }
  .back {
    display: none;
  }
  /* Narrow hosts: the sidebar on top, then either the list or the reader. */
  @container (max-width: 760px) {
    .layout {
      grid-template-columns: 1fr;
      grid-template-rows: auto 1fr;
    }
    .sidebar {
      border-inline-end: none;
      border-block-end: 1px solid var(--_herald-color-border);
      max-height: 144px;
    }
    .layout.opened .list-col,
    .layout.opened .sidebar,
    .layout:not(.opened) .reader {
      display: none;
    }
    .layout.opened {
      grid-template-rows: 1fr;
    }
    .back {
      display: inline-block;
      margin-block-end: var(--_herald-space-2);
    }
    .knowledge {
      grid-column: 1;
    }
  }
`;

const parts = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  h3 {
    font-size: var(--_herald-font-size-s);
    margin: 0;
    color: var(--_herald-color-text-muted);
  }
  .muted {
    color: var(--_herald-color-text-muted);
  }
  .small,
  button.small {
    font-size: var(--_herald-font-size-s);
  }
  button.small {
    padding: var(--_herald-space-1) var(--_herald-space-2);
  }
  button.secondary,
  button.toggle,
  button.nav,
  button.icon,
  button.link,
  .pinned-row {
    background: transparent;
    color: var(--_herald-color-text);
    border-color: var(--_herald-color-border);
    font-weight: normal;
  }
  button.danger {
    background: var(--_herald-color-danger);
    border-color: var(--_herald-color-danger);
    color: var(--_herald-color-surface);
  }
  button.link {
    border: none;
    text-decoration: underline;
    color: var(--_herald-color-primary);
    padding: 0 var(--_herald-space-1);
  }
  button.icon {
    border: none;
    padding: 0 var(--_herald-space-1);
    min-width: 24px;
    min-height: 24px;
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  .error {
    color: var(--_herald-color-danger);
  }
  .error:empty,
  .batch-status:empty {
    display: none;
  }
  button.nav {
    display: flex;
    align-items: center;
    gap: var(--_herald-space-2);
    width: 100%;
    border: none;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    text-align: start;
  }
  button.nav[aria-current='page'],
  button.nav[aria-current='true'] {
    background: var(--_herald-color-surface);
    font-weight: var(--_herald-font-weight-bold);
    box-shadow: inset 3px 0 0 var(--_herald-color-primary);
  }
  .nav .name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .count {
    font-size: var(--_herald-font-size-s);
    color: var(--_herald-color-text-muted);
  }
  .views .count {
    color: var(--_herald-color-text);
    font-weight: var(--_herald-font-weight-bold);
  }
  .views .count.urgent {
    color: var(--_herald-color-danger);
  }
  .tags {
    margin-block-start: var(--_herald-space-4);
  }
  .tags-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }
  .tag-item {
    padding-inline-start: calc(var(--depth, 0) * 12px);
  }
  .child-form {
    padding-inline-start: calc(var(--depth, 0) * 12px);
  }
  .tag-line {
    display: flex;
    align-items: center;
  }
  .tag-line .nav {
    flex: 1;
    min-width: 0;
  }
  .disclosure-space {
    display: inline-block;
    min-width: 24px;
  }
  .tag-actions {
    display: flex;
    opacity: 0;
  }
  .tag-line:hover .tag-actions,
  .tag-line:focus-within .tag-actions {
    opacity: 1;
  }
  .swatch {
    width: 9.6px;
    height: 9.6px;
    border-radius: 50%;
    background: var(--_tag);
    flex: none;
  }
  .toolbar {
    padding: var(--_herald-space-2);
    border-block-end: 1px solid var(--_herald-color-border);
    display: grid;
    gap: var(--_herald-space-2);
  }
  .search-row {
    display: flex;
    gap: var(--_herald-space-2);
  }
  .search {
    flex: 1;
    min-width: 0;
  }
  .pill {
    font-size: var(--_herald-font-size-s);
    background: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
    border-radius: 999px;
    padding: 0 0.4em;
  }
  .search-scope {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1) var(--_herald-space-3);
    align-items: baseline;
    margin: 0;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    font-size: var(--_herald-font-size-s);
    color: var(--_herald-color-text-muted);
  }
  .batch-bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: center;
    padding: var(--_herald-space-2);
    background: var(--_herald-color-surface-raised);
    border-block-end: 1px solid var(--_herald-color-border);
    font-size: var(--_herald-font-size-s);
  }
  .batch-status,
  .batch-error {
    margin: 0;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    font-size: var(--_herald-font-size-s);
  }
  .state {
    padding: var(--_herald-space-6) var(--_herald-space-4);
    text-align: center;
    color: var(--_herald-color-text-muted);
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: var(--_herald-space-2);
    border: 2px solid var(--_herald-color-border);
    border-top-color: var(--_herald-color-primary);
    border-radius: 50%;
    vertical-align: -0.15em;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  /* At most a third of the column: up to 20 pinned entries must not squeeze the list away. */
  .pinned {
    flex: none;
    max-height: 33%;
    overflow: auto;
    padding: var(--_herald-space-2);
    border-block-end: 2px solid var(--_herald-color-danger);
  }
  .pinned-row {
    display: flex;
    gap: var(--_herald-space-2);
    width: 100%;
    border: none;
    text-align: start;
    padding: var(--_herald-space-1);
  }
  .pinned-row .text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .rows {
    flex: 1;
    min-height: 0;
    overflow: auto;
  }
  /*
   * One fixed height, so the virtualizer never re-measures and re-lays out rows while scrolling — computed from the
     size
   * tokens (two lines of --herald-font-size-s, the padding, the border), so a host that sets them in px gets taller
   * rows, never overlapping ones (issue 21). 56px with the default tokens.
   */
  .row {
    line-height: 1.25;
    height: calc(2 * var(--_herald-space-2) + 2.5 * var(--_herald-font-size-s) + 5px);
    overflow: hidden;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'check who meta' 'check subject subject';
    column-gap: var(--_herald-space-2);
    width: 100%;
    box-sizing: border-box;
    padding: var(--_herald-space-2);
    border-block-end: 1px solid color-mix(in srgb, var(--_herald-color-border) 35%, transparent);
    cursor: pointer;
    font-size: var(--_herald-font-size-s);
  }
  .row:hover {
    background: var(--_herald-color-surface-raised);
  }
  .row.opened {
    box-shadow: inset 3px 0 0 var(--_herald-color-primary);
    background: var(--_herald-color-surface-raised);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .row.unread .who,
  .row.unread .subject .text {
    font-weight: var(--_herald-font-weight-bold);
  }
  .check {
    grid-area: check;
    width: 16px;
    height: 16px;
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    display: grid;
    place-items: center;
    font-size: 12px;
    margin-block-start: 2px;
  }
  .row.selected .check {
    background: var(--_herald-color-primary);
    border-color: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
  }
  .row.selected {
    background: color-mix(in srgb, var(--_herald-color-primary) 12%, var(--_herald-color-surface));
  }
  .who,
  .preview,
  .subject .text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who {
    grid-area: who;
  }
  .subject {
    grid-area: subject;
    display: flex;
    gap: var(--_herald-space-1);
    align-items: baseline;
    min-width: 0;
  }
  .preview {
    color: var(--_herald-color-text-muted);
  }
  .meta {
    grid-area: meta;
    display: flex;
    gap: var(--_herald-space-1);
    align-items: center;
    color: var(--_herald-color-text-muted);
    white-space: nowrap;
  }
  .badge {
    font-size: 12px;
    border-radius: var(--_herald-radius-s);
    padding: 0 0.3em;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .priority-urgent {
    color: var(--_herald-color-danger);
    font-weight: var(--_herald-font-weight-bold);
  }
  .priority-high,
  .confirm {
    color: var(--_herald-color-primary);
  }
  .badge.muted,
  .kind {
    color: var(--_herald-color-text-muted);
  }
  .tag {
    font-size: 12px;
    border-radius: 999px;
    padding: 0 0.4em;
    border: 1px solid var(--_tag);
    color: var(--_herald-color-text);
  }
  .due.overdue {
    color: var(--_herald-color-danger);
  }
  .attach {
    display: inline-flex;
  }
  .more {
    text-align: center;
    font-size: var(--_herald-font-size-s);
    margin: var(--_herald-space-1);
  }
`;

export const styles = [tokens, controls, shellStyles, tagColors, layout, parts];
