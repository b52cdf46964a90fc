import { css } from 'lit';

/**
 * The notifications form: one fieldset per channel with a grid of fields, header rows, the routing table, the dead
 * letters.
 */
export const styles = css`
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(224px, 1fr));
    gap: var(--_herald-space-3);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: var(--_herald-space-1);
  }
  .field .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
  }
  .field .row input {
    flex: 1 1 160px;
    min-width: 0;
  }
  .verify {
    overflow-wrap: anywhere;
  }
  .headers ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_herald-space-2);
  }
  .header-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: center;
  }
  .header-row input {
    flex: 1 1 160px;
    min-width: 0;
  }
  .header-row .field-error {
    flex-basis: 100%;
  }
  textarea {
    font-family: ui-monospace, monospace;
  }
  [part='test'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_herald-space-2);
    padding-top: var(--_herald-space-2);
    border-top: 1px dashed var(--_herald-color-border);
  }
  [part='test'] .field {
    flex: 1 1 256px;
  }
  [part='test-result'] {
    flex-basis: 100%;
    margin: 0;
  }
  [part='test-result'].failed:not(:empty) {
    border-left-color: var(--_herald-color-danger);
    background: var(--_herald-color-danger-surface);
  }
  /* Tables do not inherit colour or font in quirks mode (a host page without a doctype). */
  table {
    color: inherit;
    font: inherit;
  }
  [part='routing'] table {
    width: auto;
  }
  [part='routing'] td {
    text-align: center;
  }
  [part='deliveries'] {
    display: flex;
    flex-direction: column;
    gap: var(--_herald-space-2);
  }
  [part='deliveries'] h3,
  [part='summary'] {
    margin: 0;
  }
  [part='deliveries'] [part='table'] {
    display: block;
    overflow-x: auto;
  }
  .sub {
    display: block;
  }
  .error-text {
    overflow-wrap: anywhere;
    max-width: 384px;
  }
  .actions {
    align-items: center;
  }
`;
