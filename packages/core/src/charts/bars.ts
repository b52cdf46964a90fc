import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ChartTone } from './tones.js';

export type BarSegment = { key: string; label: string; value: number; tone: ChartTone };
export type BarRow = {
  key: string;
  label: string;
  /** Drawn left to right; what they leave of `total` is the track. */
  segments: BarSegment[];
  total: number;
  /** The figures in words after the bar (e.g. "1 of 2 read"). */
  note: string;
  /** Whether this bar can be chosen (with `onSelect`). */
  selectable?: boolean;
};
export type BarChartOptions = {
  /** Prefix of the ids inside the chart (unique in its shadow root). */
  id: string;
  caption: string;
  rows: BarRow[];
  /** Column headers of the data table: the row's name, then each segment's label, then the total's. */
  headers: { row: string; total: string };
  legend: Array<{ tone: ChartTone; label: string }>;
  number: (n: number) => string;
  /** The bars' common scale (default: the largest total). */
  max?: number;
  /** Bars become toggle buttons (`aria-pressed`) calling this with their key. */
  onSelect?: (key: string) => void;
  selected?: string | null;
  /** The accessible name of a selectable bar (default: its label and note). */
  describe?: (row: BarRow) => string;
};

const bar = (row: BarRow, max: number) => {
  let x = 0;
  const scale = max > 0 ? 100 / max : 0;
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
    <rect class="tone-track" x="0" y="0" width=${row.total * scale} height="10"></rect>
    ${row.segments.map((s) => {
      const w = s.value * scale;
      const r = svg`<rect class="tone-${s.tone}" x=${x} y="0" width=${w} height="10" data-segment=${s.key}></rect>`;
      x += w;
      return r;
    })}
  </svg>`;
};

/**
 * Horizontal stacked bars (issue 24), one per row, as SVG from a Lit template; with `onSelect` each bar is a
 * keyboard-focusable toggle button named by its figures. Beside it, a data table for screen readers
 * (`.chart-data`): the same figures as text.
 */
export function barChart(o: BarChartOptions): TemplateResult {
  const max = o.max ?? Math.max(0, ...o.rows.map((r) => r.total));
  const segmentLabels = o.rows[0]?.segments.map((s) => s.label) ?? o.legend.map((l) => l.label);
  return html`<figure class="chart bars" id=${o.id} aria-labelledby="${o.id}-caption">
    <figcaption id="${o.id}-caption">${o.caption}</figcaption>
    ${
      o.legend.length
        ? html`<ul class="legend" aria-hidden="true">${o.legend.map(
            (l) => html`<li><span class="swatch tone-${l.tone}"></span>${l.label}</li>`,
          )}</ul>`
        : nothing
    }
    <div class="bar-list">
      ${o.rows.map((row) => {
        const inner = html`<span class="bar-label">${row.label}</span>${bar(row, max)}<span class="bar-value"
            >${row.note}</span>`;
        return o.onSelect && row.selectable !== false
          ? html`<button type="button" class="bar-row" data-key=${row.key}
              aria-pressed=${o.selected === row.key ? 'true' : 'false'}
              aria-label=${o.describe ? o.describe(row) : `${row.label}: ${row.note}`}
              @click=${() => o.onSelect!(row.key)}>${inner}</button>`
          : html`<div class="bar-row" data-key=${row.key} aria-hidden="true">${inner}</div>`;
      })}
    </div>
    <div class="chart-data"><table>
      <caption>${o.caption}</caption>
      <thead><tr><th scope="col">${o.headers.row}</th>${segmentLabels.map((l) => html`<th scope="col">${l}</th>`)}<th
        scope="col">${o.headers.total}</th></tr></thead>
      <tbody>${o.rows.map(
        (row) =>
          html`<tr><th scope="row">${row.label}</th>${row.segments.map(
            (s) => html`<td>${o.number(s.value)}</td>`,
          )}<td>${o.number(row.total)}</td></tr>`,
      )}</tbody>
    </table></div>
  </figure>`;
}
