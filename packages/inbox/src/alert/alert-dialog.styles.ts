// The urgent alert dialog's styles, adopted by <herald-urgent-alert> when the dialog first loads (issue 16).
import { css } from 'lit';

export const dialogStyles = css`
    dialog {
      width: min(512px, 92vw);
      padding: 0;
      color: var(--_herald-color-text);
      background: var(--_herald-color-surface);
      border: 2px solid var(--_herald-color-danger);
      border-radius: var(--_herald-radius-m);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.35);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_herald-space-2);
      padding: var(--_herald-space-2) var(--_herald-space-4);
      background: var(--_herald-color-danger-surface);
      color: var(--_herald-color-danger);
      font-weight: var(--_herald-font-weight-bold);
    }
    .position {
      color: var(--_herald-color-text);
      font-weight: normal;
    }
    h2 {
      margin: var(--_herald-space-3) var(--_herald-space-4) var(--_herald-space-1);
      font-size: var(--_herald-font-size-l);
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1) var(--_herald-space-4);
      margin: 0 var(--_herald-space-4);
      color: var(--_herald-color-text-muted);
    }
    .excerpt {
      margin: var(--_herald-space-3) var(--_herald-space-4);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .receipt {
      margin: var(--_herald-space-2) var(--_herald-space-4);
      font-weight: var(--_herald-font-weight-bold);
    }
    .error {
      margin: var(--_herald-space-2) var(--_herald-space-4);
      color: var(--_herald-color-danger);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--_herald-space-2);
      padding: var(--_herald-space-3) var(--_herald-space-4);
      border-top: 1px solid var(--_herald-color-border);
    }
    button.secondary {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-primary);
    }
    button[aria-disabled='true'] {
      cursor: progress;
    }
`;
