// The reading pane's look: header and badges, body, attachments, actions, receipts (counts, tabs, table), thread,
// notification chips, reply and the dialog. Tokens only (light and dark), nothing leaks out of the shadow root.
import { css } from 'lit';
import { controls, dialogStyles, nestedTheme, richTextStyles, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  dialogStyles,
  richTextStyles,
  // The reach charts (issue 24) follow the view's theme, also when it changes after they rendered.
  nestedTheme('section[part="receipts"]'),
  css`
    :host {
      display: block;
      background: var(--_herald-color-surface);
      padding: var(--_herald-space-4);
      container-type: inline-size;
    }
    article {
      display: grid;
      gap: var(--_herald-space-4);
    }
    h2 {
      font-size: var(--_herald-font-size-l);
      margin: 0;
    }
    h3 {
      font-size: var(--_herald-font-size-m);
      margin: 0 0 var(--_herald-space-2);
    }
    h2:focus,
    [tabindex='-1']:focus {
      outline: none;
    }
    h2:focus-visible,
    [tabindex='-1']:focus-visible {
      outline: 2px solid var(--_herald-color-focus);
    }
    .muted {
      color: var(--_herald-color-text-muted);
      font-weight: normal;
    }
    button.secondary,
    .file-button {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-primary);
      border: 1px solid var(--_herald-color-primary);
      border-radius: var(--_herald-radius-s);
      padding: var(--_herald-space-2) var(--_herald-space-4);
      font-weight: var(--_herald-font-weight-bold);
      cursor: pointer;
    }
    .file-button:focus-within {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: 2px;
    }
    button.small {
      padding: var(--_herald-space-1) var(--_herald-space-2);
    }
    button.danger:not(.secondary) {
      background: var(--_herald-color-danger);
      border-color: var(--_herald-color-danger);
      color: var(--_herald-color-surface);
    }
    button.secondary.danger {
      color: var(--_herald-color-danger);
      border-color: var(--_herald-color-danger);
    }
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.7;
    }
    .badges {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      margin: var(--_herald-space-2) 0;
      padding: 0;
    }
    .badge {
      font-size: var(--_herald-font-size-s);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      padding: 0 var(--_herald-space-2);
      background: var(--_herald-color-surface-raised);
    }
    .badge.priority-urgent,
    .badge.kind-urgent,
    .badge.expired {
      color: var(--_herald-color-danger);
      border-color: var(--_herald-color-danger);
      background: var(--_herald-color-danger-surface);
    }
    .meta {
      display: grid;
      gap: var(--_herald-space-1);
      margin: 0;
      font-size: var(--_herald-font-size-s);
    }
    .meta div {
      display: flex;
      gap: var(--_herald-space-2);
    }
    .meta dt {
      color: var(--_herald-color-text-muted);
      min-width: 5em;
    }
    .meta dd {
      margin: 0;
    }
    .notice {
      border-inline-start: 4px solid var(--_herald-color-border);
      background: var(--_herald-color-surface-raised);
      padding: var(--_herald-space-3);
      margin: 0;
    }
    .rich {
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
    .attachments {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-2);
    }
    .attachment {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_herald-space-2);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      padding: var(--_herald-space-2);
    }
    .attachment .preview {
      display: block;
      flex-basis: 100%;
      max-width: min(100%, 384px);
      max-height: 256px;
      object-fit: contain;
    }
    .file-name {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .actions,
    .mine,
    .mine-actions,
    .manage,
    .receipt-actions,
    .reply-actions,
    .dialog-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: end;
    }
    .department-filter {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_herald-space-2);
      margin: var(--_herald-space-2) 0;
    }
    herald-message-reach {
      margin: var(--_herald-space-3) 0;
    }
    .actions {
      flex-direction: column;
      align-items: stretch;
      border-top: 1px solid var(--_herald-color-border);
      padding-top: var(--_herald-space-3);
    }
    .mine {
      flex-direction: column;
      align-items: stretch;
    }
    .confirm-box {
      border: 2px solid var(--_herald-color-primary);
      border-radius: var(--_herald-radius-m);
      padding: var(--_herald-space-3);
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-3);
      align-items: center;
    }
    .confirm-box p {
      margin: 0;
      flex: 1;
    }
    button.prominent {
      font-size: var(--_herald-font-size-l);
    }
    .confirmed {
      color: var(--_herald-color-success);
      margin: 0;
      font-weight: var(--_herald-font-weight-bold);
    }
    .progress {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: end;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_herald-space-1);
    }
    .field.grow {
      flex: 1;
      min-width: 192px;
    }
    label {
      font-weight: var(--_herald-font-weight-bold);
      font-size: var(--_herald-font-size-s);
    }
    .field-error {
      color: var(--_herald-color-danger);
      margin: 0;
      font-size: var(--_herald-font-size-s);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-3);
      margin: 0 0 var(--_herald-space-3);
    }
    .counts div {
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      padding: var(--_herald-space-2) var(--_herald-space-3);
      min-width: 80px;
    }
    .counts dt {
      font-size: var(--_herald-font-size-s);
      color: var(--_herald-color-text-muted);
    }
    .counts dd {
      margin: 0;
      font-size: var(--_herald-font-size-l);
      font-weight: var(--_herald-font-weight-bold);
    }
    [role='tablist'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
      margin: var(--_herald-space-3) 0 var(--_herald-space-2);
      border-bottom: 1px solid var(--_herald-color-border);
    }
    .tab {
      background: transparent;
      color: var(--_herald-color-text);
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: 0;
      font-weight: normal;
    }
    .tab[aria-selected='true'] {
      border-bottom-color: var(--_herald-color-primary);
      font-weight: var(--_herald-font-weight-bold);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: var(--_herald-font-size-s);
      /* A host page in quirks mode does not let tables inherit the colour (black on the dark theme). */
      color: inherit;
    }
    th,
    td {
      text-align: start;
      padding: var(--_herald-space-1) var(--_herald-space-2);
      border-bottom: 1px solid var(--_herald-color-border);
      vertical-align: top;
    }
    /* A name stays whole on a phone (issue 23: 张三 broke one character per line); the other columns give way. */
    .receipts th[scope='row'] {
      white-space: nowrap;
    }
    .receipts td {
      overflow-wrap: anywhere;
    }
    @container (max-width: 448px) {
      .receipts th,
      .receipts td {
        padding: var(--_herald-space-1);
      }
      .receipts .notify-chip {
        white-space: normal;
      }
    }
    /* Notification chips per recipient (R9): words first; colour and glyph only repeat the state. */
    .notify-chips {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
    }
    .notify-chip {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 var(--_herald-space-1);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
      padding: 0 var(--_herald-space-2);
      background: var(--_herald-color-surface-raised);
      color: var(--_herald-color-text);
      white-space: nowrap;
    }
    .notify-channel {
      font-weight: var(--_herald-font-weight-bold);
    }
    .notify-extra {
      color: var(--_herald-color-text-muted);
    }
    .notify-chip[data-status='sent'] {
      border-color: var(--_herald-color-success);
      background: var(--_herald-color-surface);
    }
    .notify-chip[data-status='sent'] .notify-state {
      color: var(--_herald-color-success);
    }
    .notify-chip[data-status='pending'],
    .notify-chip[data-status='sending'] {
      border-style: dashed;
      border-color: var(--_herald-color-primary);
    }
    .notify-chip[data-status='dead'] {
      color: var(--_herald-color-danger);
      border-color: var(--_herald-color-danger);
      background: var(--_herald-color-danger-surface);
    }
    .notify-chip[data-status='dead'] .notify-extra {
      color: inherit;
    }
    .notify-chip[data-status='skipped'],
    .notify-chip[data-status='cancelled'] {
      border-style: dotted;
    }
    .notify-chip[data-status='skipped'] .notify-state,
    .notify-chip[data-status='cancelled'] .notify-state {
      color: var(--_herald-color-text-muted);
    }
    .notify-summary {
      color: var(--_herald-color-danger);
      font-weight: var(--_herald-font-weight-bold);
      margin: 0 0 var(--_herald-space-2);
    }
    .thread {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-3);
    }
    .thread-item {
      border-inline-start: 3px solid var(--_herald-color-border);
      padding-inline-start: var(--_herald-space-3);
    }
    .thread-item.current {
      border-inline-start-color: var(--_herald-color-primary);
    }
    .thread-head {
      display: flex;
      gap: var(--_herald-space-2);
      font-size: var(--_herald-font-size-s);
      margin: 0 0 var(--_herald-space-1);
    }
    .reply {
      display: grid;
      gap: var(--_herald-space-2);
      border-top: 1px solid var(--_herald-color-border);
      padding-top: var(--_herald-space-3);
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
      resize: vertical;
    }
    .reply-files {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-1);
    }
    .reply-files li {
      display: flex;
      gap: var(--_herald-space-2);
      align-items: center;
    }
    .remind-status {
      flex-basis: 100%;
      margin: 0;
    }
    .remind-status.error {
      color: var(--_herald-color-danger);
    }
    .mv-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
      align-items: center;
      padding-block-end: var(--_herald-space-2);
      border-block-end: 1px solid var(--_herald-color-border);
    }
    .mv-toolbar select {
      max-inline-size: 192px;
      padding-block: var(--_herald-space-1);
    }
    .mv-toolbar-status {
      margin: var(--_herald-space-1) 0 0;
      font-size: var(--_herald-font-size-s);
    }
    .mv-toolbar-status:empty {
      display: none;
    }
    .status {
      margin: var(--_herald-space-2) 0 0;
      min-height: 1.5em;
    }
    .status.error,
    .error {
      color: var(--_herald-color-danger);
    }
    .contact-links ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-2);
    }
    .contact-links li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_herald-space-2);
    }
    .contact-links .name {
      font-weight: 600;
    }
    .revisions {
      margin: 0;
      padding-inline-start: var(--_herald-space-4);
      display: grid;
      gap: var(--_herald-space-3);
    }
  `,
];
