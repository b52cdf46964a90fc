// The search suggestions' styles (issue 20 #8), adopted into the inbox's shadow root when they load.
import { css } from 'lit';

export const suggestStyles = css`
  .search-row {
    position: relative;
    flex-wrap: wrap;
  }
  .suggestions {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 100%;
    z-index: 3;
    margin: 2px 0 0;
    padding: var(--_herald-space-1) 0;
    list-style: none;
    max-height: 280px;
    overflow-y: auto;
    background: var(--_herald-color-surface-raised);
    color: var(--_herald-color-text);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m, 6px);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .suggestions li {
    display: flex;
    gap: var(--_herald-space-2);
    align-items: baseline;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    cursor: pointer;
  }
  .suggestions li[aria-selected='true'] {
    background: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
  }
  .suggestions .insert {
    font-family: var(--_herald-font-mono, ui-monospace, monospace);
    white-space: nowrap;
  }
  .suggestions .detail {
    font-size: var(--_herald-font-size-s);
    opacity: 0.85;
  }
  .search-problem {
    flex-basis: 100%;
    margin: 0;
    color: var(--_herald-color-danger);
    font-size: var(--_herald-font-size-s);
  }
  /* Kept in the tree while empty (a status region must be there before it speaks), out of the flow. */
  .search-problem:empty {
    position: absolute;
  }
`;
