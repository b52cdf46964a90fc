import { css, type CSSResult } from 'lit';

/** Styles of the charts (bars.ts, timeline.ts): colours from the design tokens only (tones.ts). */
export const chartStyles: CSSResult = css`
  .chart {
    margin: 0 0 var(--_herald-space-4);
    min-width: 0;
  }
  .chart figcaption {
    font-weight: var(--_herald-font-weight-bold);
    margin-bottom: var(--_herald-space-2);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-3);
    list-style: none;
    margin: 0 0 var(--_herald-space-2);
    padding: 0;
    font-size: var(--_herald-font-size-s);
    color: var(--_herald-color-text-muted);
  }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-inline-end: var(--_herald-space-1);
    border-radius: 2px;
    vertical-align: -0.05em;
  }
  .bar-list {
    display: grid;
    gap: var(--_herald-space-1);
    /* Its width decides the rows' layout (below): a phone, or a narrow column of the host page. */
    container-type: inline-size;
  }
  .bar-row {
    display: grid;
    grid-template-columns: minmax(6em, 11em) minmax(4em, 1fr) auto;
    align-items: center;
    gap: var(--_herald-space-2);
    width: 100%;
    padding: var(--_herald-space-1) var(--_herald-space-2);
    border: 1px solid transparent;
    border-radius: var(--_herald-radius-s);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
  }
  button.bar-row {
    cursor: pointer;
  }
  button.bar-row:hover {
    border-color: var(--_herald-color-border);
  }
  button.bar-row[aria-pressed='true'] {
    border-color: var(--_herald-color-primary);
    background: var(--_herald-color-surface-raised);
  }
  button.bar-row:focus-visible {
    outline: 2px solid var(--_herald-color-focus);
    outline-offset: 1px;
  }
  .bar-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .bar-value {
    font-size: var(--_herald-font-size-s);
    color: var(--_herald-color-text-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /* Narrow (issue 23: nothing scrolls sideways at 360 px): label and bar on one line, the figures under them. */
  @container (max-width: 30em) {
    .bar-row {
      grid-template-columns: minmax(0, 1fr) minmax(4em, 1fr);
    }
    .bar-value {
      grid-column: 1 / -1;
      white-space: normal;
    }
  }
  svg.bar {
    display: block;
    width: 100%;
    height: 14px;
  }
  svg.timeline {
    display: block;
    width: 100%;
    max-width: 40em;
    height: auto;
    overflow: visible;
  }
  .timeline text {
    fill: var(--_herald-color-text-muted);
    font-size: 10px;
  }
  .axis {
    stroke: var(--_herald-color-border);
    stroke-width: 1;
  }
  .tone-primary {
    fill: var(--_herald-color-primary);
    stroke: var(--_herald-color-primary);
    background: var(--_herald-color-primary);
  }
  .tone-success {
    fill: var(--_herald-color-success);
    stroke: var(--_herald-color-success);
    background: var(--_herald-color-success);
  }
  .tone-danger {
    fill: var(--_herald-color-danger);
    stroke: var(--_herald-color-danger);
    background: var(--_herald-color-danger);
  }
  .tone-muted {
    fill: var(--_herald-color-text-muted);
    stroke: var(--_herald-color-text-muted);
    background: var(--_herald-color-text-muted);
  }
  .tone-track {
    fill: var(--_herald-color-surface-raised);
    stroke: var(--_herald-color-border);
    background: var(--_herald-color-surface-raised);
    border: 1px solid var(--_herald-color-border);
  }
  rect.tone-track {
    stroke-width: 0.5;
  }
  polyline.line {
    fill: none;
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  polyline.dashed {
    stroke-dasharray: 5 3;
  }
  /* A wrapper, not the table itself: a table grows to fit its cells whatever its width and overflow, and a clipped one
     still widened the page (a phone scrolled sideways: issue 23). */
  .chart-data {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
