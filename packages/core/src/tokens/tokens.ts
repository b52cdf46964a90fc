import { css, unsafeCSS, type CSSResult } from 'lit';
import { darkPalette, lightPalette, scale, type PaletteKey } from './palette.js';

// Elements read private `--_herald-*` values, each resolved through the public `--herald-*` knob first,
// so a host (or <herald-provider theme>) can override one knob without forking the theme.
const resolved = (palette: Record<PaletteKey, string>) =>
  Object.entries(palette)
    .map(([k, v]) => `--_herald-${k}: var(--herald-${k}, ${v});`)
    .join('\n');

const scaleDecls = Object.entries(scale)
  .map(([k, v]) => `--_herald-${k}: var(--herald-${k}, ${v});`)
  .join('\n');

/**
 * Design tokens for an element's shadow root: light by default, dark under `prefers-color-scheme: dark`
 * unless `theme="light"`, and dark with `theme="dark"`.
 */
export const tokens: CSSResult = css`
  :host {
    ${unsafeCSS(scaleDecls)}
    ${unsafeCSS(resolved(lightPalette))}
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(resolved(darkPalette))}
    }
  }
  :host([theme='dark']) {
    ${unsafeCSS(resolved(darkPalette))}
  }
  :host([theme='light']) {
    ${unsafeCSS(resolved(lightPalette))}
  }
`;

const publicDecls = (palette: Record<PaletteKey, string>) =>
  Object.entries(palette)
    .map(([k, v]) => `--herald-${k}: ${v};`)
    .join('\n');

/**
 * For <herald-provider>: an explicit `theme` sets the public knobs, which every descendant inherits.
 */
export const providerTheme: CSSResult = css`
  :host([theme='dark']) {
    ${unsafeCSS(publicDecls(darkPalette))}
  }
  :host([theme='light']) {
    ${unsafeCSS(publicDecls(lightPalette))}
  }
`;

/**
 * For Herald elements nested in another's shadow root (e.g. the reach charts in the message view, issue 24): on a
 * container around them, the outer element's resolved colours become their public knobs, so they follow the outer's
 * theme — also when it changes after they rendered (their own `:host` would otherwise fall back to the light palette).
 * A container, not the nested element itself: there the knob and its own `:host`'s private value would refer to each
 * other, a cycle that leaves both invalid.
 */
export const nestedTheme = (selector: string): CSSResult => css`
  ${unsafeCSS(selector)} {
    ${unsafeCSS(
      Object.keys(lightPalette)
        .map((k) => `--herald-${k}: var(--_herald-${k});`)
        .join('\n'),
    )}
  }
`;

/**
 * Out of sight, still read by screen readers (the `.visually-hidden` class; also for rules that cannot use a class).
 */
export const visuallyHidden: CSSResult = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

/** Shared building blocks: focus ring, visually-hidden text, buttons (variants: styles/buttons.ts) and inputs. */
export const controls: CSSResult = css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
  :focus-visible {
    outline: 2px solid var(--_herald-color-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_herald-radius-s);
    padding: var(--_herald-space-2) var(--_herald-space-4);
    border: 1px solid var(--_herald-color-primary);
    background: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
    font-weight: var(--_herald-font-weight-bold);
  }
  /* Plainly unavailable (WCAG exempts disabled controls from contrast); "busy" uses aria-disabled instead. */
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.45;
    filter: grayscale(0.6);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_herald-color-text);
    background: var(--_herald-color-surface);
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    padding: var(--_herald-space-2);
  }
`;
