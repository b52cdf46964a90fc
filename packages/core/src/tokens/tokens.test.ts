import { expect } from '@open-wc/testing';
import { darkPalette, lightPalette, type PaletteKey } from './palette.js';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

// [foreground, background, minimum]: 4.5 for text, 3 for borders and focus rings (WCAG 1.4.3 / 1.4.11).
const pairs: [PaletteKey, PaletteKey, number][] = [
  ['color-text', 'color-surface', 4.5],
  ['color-text', 'color-surface-raised', 4.5],
  ['color-text-muted', 'color-surface', 4.5],
  ['color-text-muted', 'color-surface-raised', 4.5],
  ['color-primary', 'color-surface', 4.5],
  ['color-on-primary', 'color-primary', 4.5],
  ['color-danger', 'color-surface', 4.5],
  ['color-text', 'color-danger-surface', 4.5],
  ['color-success', 'color-surface', 4.5],
  ['color-border', 'color-surface', 3],
  ['color-focus', 'color-surface', 3],
  // Chart marks (charts/tones.ts, issue 24): bars and lines on the surface and on a selected bar's raised surface.
  ['color-primary', 'color-surface-raised', 3],
  ['color-success', 'color-surface-raised', 3],
  ['color-danger', 'color-surface-raised', 3],
  ['color-text-muted', 'color-surface-raised', 3],
  ['color-border', 'color-surface-raised', 3],
];

describe('design tokens', () => {
  for (const [name, palette] of [
    ['light', lightPalette],
    ['dark', darkPalette],
  ] as const) {
    it(`${name} palette meets WCAG AA contrast`, () => {
      for (const [fg, bg, min] of pairs) {
        expect(contrast(palette[fg], palette[bg]), `${name} ${fg} on ${bg}`).to.be.at.least(min);
      }
    });
  }
});
