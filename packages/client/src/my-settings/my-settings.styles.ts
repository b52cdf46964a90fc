import { css } from 'lit';
import { buttonStyles, controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  buttonStyles,
  css`
    :host { display: block; }
    [part='header'] { padding: var(--_herald-space-3) var(--_herald-space-4) 0; }
    h2 { margin: 0; font-size: var(--_herald-font-size-l, 1.2em); }
    [part='body'] { padding: var(--_herald-space-3) var(--_herald-space-4); }
    h3 { margin: var(--_herald-space-3) 0 var(--_herald-space-2); font-size: var(--_herald-font-size-m, 1em); }
    fieldset { border: 1px solid var(--_herald-color-border); border-radius: var(--_herald-radius-s); margin: 0 0
      var(--_herald-space-3); padding: var(--_herald-space-2) var(--_herald-space-3); }
    legend { padding: 0 var(--_herald-space-1); }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_herald-space-2); margin:
      var(--_herald-space-2) 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--_herald-space-2) var(--_herald-space-3);
      align-items: center; margin: 0; }
    dd { margin: 0; display: flex; flex-wrap: wrap; gap: var(--_herald-space-2); align-items: center; }
    .hint { color: var(--_herald-color-text-muted, inherit); font-size: var(--_herald-font-size-s); margin: 0; }
    .error { color: var(--_herald-color-danger); }
    .close { float: inline-end; }
    label.check { display: inline-flex; align-items: center; gap: var(--_herald-space-1); }
  `,
];
