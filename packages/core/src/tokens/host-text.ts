import { css, type CSSResult } from 'lit';

/**
 * The text of every Herald element, set on its own host from the design tokens, so that nothing a host page sets
 * reaches the text inside by inheritance: neither `body { color; font-family }` nor a rule on the element itself,
 * even `* { color: red !important }` (an `!important` declaration of the shadow root wins over one of the page).
 * A host restyles text through the tokens (`--herald-color-text`, `--herald-font-*`) and `::part()`.
 * HeraldElement adds it to every element's styles (docs/elements.md "Theming").
 */
export const hostText: CSSResult = css`
  :host {
    color: var(--_herald-color-text, var(--herald-color-text, CanvasText)) !important;
    font-family: var(--_herald-font-family, var(--herald-font-family, system-ui, sans-serif)) !important;
    font-size: var(--_herald-font-size-m, var(--herald-font-size-m, 16px)) !important;
    font-style: normal !important;
    font-weight: normal !important;
    font-variant: normal !important;
    line-height: normal !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    white-space: normal !important;
  }
`;
