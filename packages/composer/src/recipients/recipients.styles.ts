// The recipient picker: chips, combobox, the "reaches N people" line (listbox and option looks are shared:
// composer.styles.ts).
import { css } from 'lit';

export const recipientsStyles = css`
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
  #recipient-results {
    position: absolute;
    inset-inline: 0;
    top: 100%;
  }
  .reach {
    font-size: var(--_herald-font-size-s);
  }
`;
