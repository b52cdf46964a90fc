// The template dialogs' own look (issue 19), adopted into the composer's shadow root when their chunk loads, after
// core's dialog look; buttons, fields and the listbox are the composer's. `css` comes from the composer (see
// templates.ts: this chunk imports nothing of lit's).
import type { css as litCss } from 'lit';

export const templatesStyles = (css: typeof litCss) => css`
  [part='template-dialog'] h3 {
    margin: 0 0 var(--_herald-space-2);
  }
  #template-search,
  #template-name {
    width: 100%;
    box-sizing: border-box;
  }
  #templates {
    max-height: 50vh;
    overflow: auto;
    margin-block: var(--_herald-space-2);
  }
  #templates [role='option'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: baseline;
    cursor: pointer;
  }
  .template-name {
    font-weight: 600;
  }
  #save-template-status:empty {
    display: none;
  }
  #save-template-status {
    color: var(--_herald-color-danger);
  }
`;
