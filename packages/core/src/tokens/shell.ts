import { css } from 'lit';

/** Frame shared by the top-level elements (inbox, composer, approval queue, member admin). */
export const shellStyles = css`
  :host {
    display: block;
    background: var(--_herald-color-surface);
    color: var(--_herald-color-text);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m);
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_herald-space-2);
    padding: var(--_herald-space-3) var(--_herald-space-4);
    border-bottom: 1px solid var(--_herald-color-border);
    background: var(--_herald-color-surface-raised);
    border-radius: var(--_herald-radius-m) var(--_herald-radius-m) 0 0;
  }
  h2 {
    margin: 0;
    font-size: var(--_herald-font-size-l);
  }
  [part='identity'] {
    color: var(--_herald-color-text-muted);
    font-size: var(--_herald-font-size-s);
  }
  [part='body'] {
    padding: var(--_herald-space-4);
  }
  [part='empty'] {
    color: var(--_herald-color-text-muted);
    margin: 0;
  }
  [part='problem'] {
    padding: var(--_herald-space-3);
    border: 1px solid var(--_herald-color-danger);
    border-radius: var(--_herald-radius-m);
    background: var(--_herald-color-danger-surface);
  }
  [part='problem'] p {
    margin: 0 0 var(--_herald-space-2);
  }
  [part='problem'] .retrying {
    color: var(--_herald-color-text-muted);
    font-size: var(--_herald-font-size-s);
  }
`;
