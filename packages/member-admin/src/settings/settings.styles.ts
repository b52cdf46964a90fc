import { css } from 'lit';

/** The settings form: domain lists as wrapping chips, limits as a small definition list. */
export const styles = css`
  .intro {
    grid-column: 1 / -1;
    margin: 0;
  }
  /* The recall window's meaning, inside its (muted) hint: on its own line, in the text colour. */
  .effect {
    display: block;
    color: var(--_herald-color-text);
  }
  [part='domains'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='domain'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_herald-space-1);
    padding: var(--_herald-space-1) var(--_herald-space-1) var(--_herald-space-1) var(--_herald-space-2);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m);
    background: var(--_herald-color-surface);
  }
  [part~='domain'].invalid {
    border-color: var(--_herald-color-danger);
    border-width: 2px;
  }
  [part~='domain'] .name {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  [part~='domain'] .field-error {
    flex-basis: 100%;
  }
  .adder {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
  }
  .adder input {
    flex: 1 1 224px;
  }
  h4 {
    margin: 0 0 var(--_herald-space-2);
    font-size: var(--_herald-font-size-s);
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2) var(--_herald-space-6);
    margin: 0 0 var(--_herald-space-1);
  }
  dt {
    font-size: var(--_herald-font-size-s);
    color: var(--_herald-color-text-muted);
  }
  dd {
    margin: 0;
    font-weight: var(--_herald-font-weight-bold);
  }
  .actions {
    align-items: center;
  }
`;
