import { css } from 'lit';

/** The retention form: each limit a group with its switch; the last run as a small definition list. */
export const styles = css`
  .intro {
    grid-column: 1 / -1;
    margin: 0;
  }
  fieldset {
    display: grid;
    gap: var(--_herald-space-2);
  }
  /* What a number means, inside its (muted) hint: on its own line, in the text colour. */
  .effect {
    display: block;
    color: var(--_herald-color-text);
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_herald-space-2);
    margin: 0;
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
`;
