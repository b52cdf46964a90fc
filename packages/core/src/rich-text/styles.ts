import { css, type CSSResult } from 'lit';

/** Styles for rendered rich text; add to the `static styles` of the element whose shadow root holds it. */
export const richTextStyles: CSSResult = css`
  p {
    margin: 0 0 var(--_herald-space-2, 8px);
  }
  p:last-child {
    margin-bottom: 0;
  }
  ul,
  ol {
    margin: 0 0 var(--_herald-space-2, 8px);
    padding-inline-start: var(--_herald-space-6, 24px);
  }
  li > p {
    margin: 0;
  }
  strong {
    font-weight: var(--_herald-font-weight-bold, 600);
  }
  a {
    color: var(--_herald-color-primary, #0b57d0);
    text-decoration: underline;
  }
  a:focus-visible {
    outline: 2px solid var(--_herald-color-focus, #0b57d0);
    outline-offset: 2px;
  }
  a.flagged {
    color: var(--_herald-color-danger, #b3261e);
    text-decoration-style: wavy;
  }
  a.flagged .link-warning {
    margin-inline-start: var(--_herald-space-1, 4px);
    text-decoration: none;
    display: inline-block;
  }
  .mention {
    color: var(--_herald-color-primary, #0b57d0);
    background: var(--_herald-color-surface-raised, #f4f6f8);
    border-radius: var(--_herald-radius-s, 4px);
    padding: 0 var(--_herald-space-1, 4px);
    white-space: nowrap;
  }

  /* Issue 20 #9: an inline image fits the reading pane. */
  img {
    max-width: 100%;
    height: auto;
  }
`;
