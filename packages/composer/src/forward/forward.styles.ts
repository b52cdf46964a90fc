// The forward block's own look (issue 20 #4), adopted into the composer's shadow root when its chunk loads. `css`
// comes from the composer (forward.ts imports nothing of lit's, as the template dialogs do not).
import type { css as litCss } from 'lit';

export const forwardStyles = (css: typeof litCss) => css`
  [part='forward'] {
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m);
    padding: var(--_herald-space-2) var(--_herald-space-3);
    margin-block: var(--_herald-space-2);
  }
  [part='forward'] h3 {
    margin: 0 0 var(--_herald-space-1);
    font-size: 1em;
  }
  .forward-quote {
    margin: var(--_herald-space-2) 0;
    padding-inline-start: var(--_herald-space-3);
    border-inline-start: 3px solid var(--_herald-color-border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 16em;
    overflow: auto;
  }
  .forward-files {
    margin: 0 0 var(--_herald-space-2);
    padding-inline-start: var(--_herald-space-4);
  }
`;
