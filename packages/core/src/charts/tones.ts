/**
 * A chart's colours, each a design token the palette test checks (tokens.test.ts, "chart marks"): marks keep 3:1
 * against the surface in both themes (WCAG 1.4.11), and every value is also written in words beside the chart.
 */
export type ChartTone = 'primary' | 'success' | 'danger' | 'muted' | 'track';
