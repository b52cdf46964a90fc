// The preview dialog.
import { css } from 'lit';

export const previewStyles = css`
  dialog {
    max-width: min(640px, 92vw);
    color: var(--_herald-color-text);
    background: var(--_herald-color-surface);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-m);
  }
  dialog h3,
  dialog h4,
  dialog h5 {
    margin: var(--_herald-space-3) 0 var(--_herald-space-1);
  }
  .message-preview {
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    padding: var(--_herald-space-3);
  }
  .preview-total {
    font-weight: var(--_herald-font-weight-bold);
    margin-bottom: var(--_herald-space-3);
  }
`;
