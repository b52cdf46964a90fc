// The styles of the inbox's lazy actions chunk (issue 16): the batch bar's rows, the inline tag form, the filter
// controls and chips. Adopted into
// the inbox's shadow root when the chunk arrives, before they first render (adoptLazyStyles).
import { css } from 'lit';

export const actionStyles = css`
  button.toggle[aria-pressed='true'] {
    background: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: end;
    font-size: var(--_herald-font-size-s);
  }
  .filters label {
    display: grid;
    gap: 2px;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--_herald-space-1);
    border: 1px solid var(--_herald-color-border);
    border-radius: 999px;
    padding-inline-start: var(--_herald-space-2);
    font-size: var(--_herald-font-size-s);
  }
  .tag-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
    margin-block: var(--_herald-space-1);
  }
  .tag-form input {
    flex: 1 1 96px;
    min-width: 0;
  }
  .tag-form .error {
    flex-basis: 100%;
    font-size: var(--_herald-font-size-s);
  }
  .batch-bar .selection-line {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: baseline;
    inline-size: 100%;
  }
  .batch-bar .selection-line .clear {
    margin-inline-start: auto;
  }
  /* One row that fits the list column (issue 23): buttons as wide as their words, the two menus share what is left
     (a menu is as wide as its longest tag path otherwise). */
  .batch-bar .actions {
    display: flex;
    gap: var(--_herald-space-1);
    inline-size: 100%;
  }
  .batch-bar .actions > button {
    flex: 0 0 auto;
    white-space: nowrap;
  }
  .batch-bar .actions > select {
    flex: 1 1 0;
    min-inline-size: 0;
  }
`;
