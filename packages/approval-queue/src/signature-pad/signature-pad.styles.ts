import { css } from 'lit';
import { buttonStyles, controls, tokens } from '@herald/core';

export const styles = [
  tokens,
  controls,
  buttonStyles,
  css`
    :host { display: block; }
    .pad { display: grid; gap: var(--_herald-space-1); max-width: var(--herald-signature-pad-width, 480px); }
    canvas {
      /* The page must not scroll or zoom while a finger draws. */
      touch-action: none;
      width: 100%;
      aspect-ratio: 3 / 1;
      /* Paper: the ink is dark in either theme, and the stored PNG is transparent. */
      background: #fff;
      border: 1px dashed var(--_herald-color-border);
      border-radius: var(--_herald-radius-s);
      cursor: crosshair;
    }
    canvas:focus-visible { outline: 2px solid var(--_herald-color-primary); outline-offset: 2px; }
    .row { display: flex; gap: var(--_herald-space-2); align-items: center; justify-content: space-between; }
    .hint { font-size: var(--_herald-font-size-s); color: var(--_herald-color-text-muted, inherit); }
  `,
];
