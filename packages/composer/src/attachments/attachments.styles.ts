// Attachments: the drop zone and the file list.
import { css } from 'lit';

export const attachmentsStyles = css`
  .dropzone {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
    align-items: baseline;
    padding: var(--_herald-space-3);
    border: 2px dashed var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
  }
  .dropzone.dragging {
    border-color: var(--_herald-color-primary);
    background: var(--_herald-color-surface-raised);
  }
  .dropzone .pick {
    color: var(--_herald-color-primary);
    text-decoration: underline;
    cursor: pointer;
  }
  .dropzone:focus-within .pick {
    outline: 2px solid var(--_herald-color-focus);
    outline-offset: 2px;
  }
  .dropzone #attachments-limits {
    flex-basis: 100%;
  }
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_herald-space-1);
  }
  [part='file'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_herald-space-2);
  }
  [part='file'] progress {
    flex: 1 1 128px;
  }
`;
