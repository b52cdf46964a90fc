import { css } from 'lit';
import { controls, richTextStyles, shellStyles, tokens } from '@herald/core';

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
    button.icon,
    button.tool,
    button.emoji {
      padding: var(--_herald-space-1) var(--_herald-space-2);
      font-weight: normal;
    }
    button.icon,
    button.tool,
    button.emoji {
      background: var(--_herald-color-surface);
      color: var(--_herald-color-text);
      border-color: var(--_herald-color-border);
      min-width: 2rem;
    }
    .glyph-bold {
      font-weight: bold;
    }
    .glyph-italic {
      font-style: italic;
      font-family: serif;
    }
    button.tool[aria-pressed='true'] {
      background: var(--_herald-color-primary);
      color: var(--_herald-color-on-primary);
      border-color: var(--_herald-color-primary);
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
    .chips {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
    }
    [part='chip'] {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_herald-space-1);
      padding: 2px var(--_herald-space-1) 2px var(--_herald-space-2);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
      background: var(--_herald-color-surface-raised);
    }
    .chip-kind {
      font-size: var(--_herald-font-size-s);
      color: var(--_herald-color-text-muted);
    }
    .combobox {
      position: relative;
    }
    .combobox input {
      width: 100%;
      box-sizing: border-box;
    }
    [role='listbox'] {
      list-style: none;
      margin: 0;
      padding: var(--_herald-space-1) 0;
      background: var(--_herald-color-surface);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
      max-height: 16rem;
      overflow: auto;
      z-index: 10;
    }
    #recipient-results {
      position: absolute;
      inset-inline: 0;
      top: 100%;
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
    .reach {
      font-size: var(--_herald-font-size-s);
    }
    .counter {
      align-self: flex-end;
    }
    [part='subject'] {
      width: 100%;
      box-sizing: border-box;
    }
    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
    }
    .link-form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-2);
      align-items: center;
    }
    .emoji-grid {
      display: grid;
      grid-template-columns: repeat(8, 2.25rem);
      gap: var(--_herald-space-1);
    }
    .editor-wrap {
      position: relative;
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      background: var(--_herald-color-surface);
    }
    .editor-wrap > .muted {
      padding: var(--_herald-space-2);
    }
    /* What Tiptap's own stylesheet would add (it is not injected: strict CSP). */
    .ProseMirror {
      min-height: 8rem;
      padding: var(--_herald-space-2) var(--_herald-space-3);
      outline: none;
      white-space: pre-wrap;
      word-wrap: break-word;
      font-variant-ligatures: none;
    }
    .ProseMirror:focus-visible {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: -2px;
    }
    .ProseMirror p {
      margin: 0 0 var(--_herald-space-2);
    }
    .ProseMirror a {
      color: var(--_herald-color-primary);
    }
    .ProseMirror .mention {
      color: var(--_herald-color-primary);
      font-weight: var(--_herald-font-weight-bold);
    }
    .ProseMirror p.is-editor-empty:first-child::before {
      content: attr(data-placeholder);
      float: left;
      height: 0;
      pointer-events: none;
      color: var(--_herald-color-text-muted);
    }
    .ProseMirror-hideselection *::selection {
      background: transparent;
    }
    .ProseMirror-gapcursor {
      display: none;
    }
    .mentions {
      position: absolute;
      min-width: 12rem;
    }
    .dropzone {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_herald-space-1);
      align-items: baseline;
      padding: var(--_herald-space-3);
      border: 2px dashed var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
    }
    .dropzone.dragging {
      border-color: var(--_herald-color-primary);
      background: var(--_herald-color-surface-raised);
    }
    .dropzone .pick {
      color: var(--_herald-color-primary);
      text-decoration: underline;
      cursor: pointer;
    }
    .dropzone:focus-within .pick {
      outline: 2px solid var(--_herald-color-focus);
      outline-offset: 2px;
    }
    .dropzone #attachments-limits {
      flex-basis: 100%;
    }
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_herald-space-1);
    }
    [part='file'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_herald-space-2);
    }
    [part='file'] progress {
      flex: 1 1 8rem;
    }
    .properties .field {
      flex: 1 1 12rem;
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
    dialog {
      max-width: min(40rem, 92vw);
      color: var(--_herald-color-text);
      background: var(--_herald-color-surface);
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m);
    }
    dialog h3,
    dialog h4,
    dialog h5 {
      margin: var(--_herald-space-3) 0 var(--_herald-space-1);
    }
    .message-preview {
      border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      padding: var(--_herald-space-3);
    }
    .preview-total {
      font-weight: var(--_herald-font-weight-bold);
      margin-bottom: var(--_herald-space-3);
    }
  `,
];
