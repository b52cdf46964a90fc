import { html, svg, type TemplateResult } from 'lit';
import type { ChartTone } from './tones.js';

export type TimelineSeries = { key: string; label: string; tone: ChartTone; dashed?: boolean; values: number[] };
export type TimelineOptions = {
  id: string;
  caption: string;
  /** The x of each point (e.g. ms since delivery), ascending. */
  xs: number[];
  series: TimelineSeries[];
  /** The top of the y axis (e.g. the number of recipients). */
  max: number;
  xLabel: (x: number) => string;
  number: (n: number) => string;
  /** Header of the data table's first column. */
  xHeader: string;
  /** What the chart shows in a sentence, for its accessible name's description. */
  summary: string;
};

const W = 320,
  H = 120,
  LEFT = 30,
  BOTTOM = 16,
  TOP = 6;

/**
 * Lines over time (issue 24: read and confirmed since delivery), as SVG from a Lit template: `role="img"` named by
 * its caption and described by a sentence, each series told apart by colour and by dash, and a data table for
 * screen readers (`.chart-data`) with every point.
 */
export function timelineChart(o: TimelineOptions): TemplateResult {
  const last = o.xs[o.xs.length - 1] ?? 0;
  const x = (v: number) => LEFT + (last > 0 ? (v / last) * (W - LEFT) : 0);
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - (o.max > 0 ? v / o.max : 0));
  return html`<figure class="chart timeline-chart" id=${o.id}>
    <figcaption id="${o.id}-caption">${o.caption}</figcaption>
    <ul class="legend" aria-hidden="true">${o.series.map(
      (s) => html`<li><span class="swatch tone-${s.tone}"></span>${s.label}</li>`,
    )}</ul>
    <svg class="timeline" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-caption"
      aria-describedby="${o.id}-summary" focusable="false">
      <line class="axis" x1=${LEFT} y1=${H - BOTTOM} x2=${W} y2=${H - BOTTOM}></line>
      <line class="axis" x1=${LEFT} y1=${TOP} x2=${LEFT} y2=${H - BOTTOM}></line>
      ${svg`<text x=${LEFT - 4} y=${TOP + 4} text-anchor="end">${o.number(o.max)}</text>
        <text x=${LEFT - 4} y=${H - BOTTOM} text-anchor="end">0</text>
        <text x=${LEFT} y=${H - 3}>${o.xLabel(0)}</text>
        <text x=${W} y=${H - 3} text-anchor="end">${o.xLabel(last)}</text>`}
      ${o.series.map(
        (s) =>
          svg`<polyline class="line tone-${s.tone} ${s.dashed ? 'dashed' : ''}" data-series=${s.key}
            points=${s.values.map((v, i) => `${x(o.xs[i] ?? 0).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}></polyline>`,
      )}
    </svg>
    <p class="chart-data" id="${o.id}-summary">${o.summary}</p>
    <div class="chart-data"><table>
      <caption>${o.caption}</caption>
      <thead><tr><th scope="col">${o.xHeader}</th>${o.series.map(
        (s) => html`<th scope="col">${s.label}</th>`,
      )}</tr></thead>
      <tbody>${o.xs.map(
        (v, i) =>
          html`<tr><th scope="row">${o.xLabel(v)}</th>${o.series.map(
            (s) => html`<td>${o.number(s.values[i] ?? 0)}</td>`,
          )}</tr>`,
      )}</tbody>
    </table></div>
  </figure>`;
}
