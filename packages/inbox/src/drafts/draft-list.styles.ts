// The Drafts view's look: one row per draft (subject, recipients, preview, time) with its delete button. Tokens only.
import { css } from 'lit';
import { controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: block;
      background: var(--_herald-color-surface);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: stretch;
      border-bottom: 1px solid var(--_herald-color-border);
    }
    .open {
      flex: 1;
      min-width: 0;
      display: grid;
      gap: var(--_herald-space-1);
      text-align: start;
      background: none;
      border: 0;
      border-radius: 0;
      padding: var(--_herald-space-2) var(--_herald-space-3);
      color: var(--_herald-color-text);
      font: inherit;
      cursor: pointer;
    }
    .open:hover {
      background: var(--_herald-color-surface-raised);
    }
    .open:focus-visible,
    .delete:focus-visible {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: -2px;
    }
    .line {
      display: flex;
      gap: var(--_herald-space-2);
      justify-content: space-between;
      min-width: 0;
    }
    .subject {
      font-weight: var(--_herald-font-weight-bold);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .subject.none {
      font-weight: normal;
      font-style: italic;
      color: var(--_herald-color-text-muted);
    }
    .recipients,
    .preview,
    time,
    .muted {
      color: var(--_herald-color-text-muted);
      font-size: var(--_herald-font-size-s);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    time {
      flex: none;
    }
    .delete {
      flex: none;
      align-self: center;
      margin-inline-end: var(--_herald-space-2);
    }
    .state,
    .status {
      padding: var(--_herald-space-3);
      margin: 0;
    }
    .status {
      display: flex;
      gap: var(--_herald-space-2);
      align-items: center;
      border-bottom: 1px solid var(--_herald-color-border);
    }
    .error {
      color: var(--_herald-color-danger);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
