/**
 * The colour palettes, one place. Every text/background pair used by the elements is checked for
 * WCAG AA contrast in tokens.test.ts.
 */
export const lightPalette = {
  'color-surface': '#ffffff',
  'color-surface-raised': '#f4f6f8',
  'color-text': '#1f2328',
  'color-text-muted': '#555f6b',
  'color-border': '#6e7781',
  'color-primary': '#0b57d0',
  'color-on-primary': '#ffffff',
  'color-focus': '#0b57d0',
  'color-danger': '#b3261e',
  'color-danger-surface': '#fdecea',
  'color-success': '#1a7f37',
} as const;

export type PaletteKey = keyof typeof lightPalette;

export const darkPalette: Record<PaletteKey, string> = {
  'color-surface': '#1b1d21',
  'color-surface-raised': '#25282d',
  'color-text': '#e6e8eb',
  'color-text-muted': '#aab3bd',
  'color-border': '#8c959f',
  'color-primary': '#8ab4f8',
  'color-on-primary': '#0b1d3a',
  'color-focus': '#8ab4f8',
  'color-danger': '#ffb4ab',
  'color-danger-surface': '#410e0b',
  'color-success': '#6fdd8b',
};

/** Theme-independent knobs. */
export const scale = {
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
  'space-6': '24px',
  'font-family': 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif',
  'font-size-s': '14px',
  'font-size-m': '16px',
  'font-size-l': '20px',
  'font-weight-bold': '600',
  'radius-s': '4px',
  'radius-m': '8px',
} as const;
