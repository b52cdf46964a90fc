import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { HeraldElement, LocalizeController, type MessageKey } from '@herald/core';
import { barChart, shortDuration, timelineChart, type BarRow } from '@herald/core/charts';
import type { DepartmentBar, MessageReach } from '../api/message-types.js';
import { HeraldReachDepartmentSelectEvent } from '../events/reach-department-select.js';
import { reachStrings } from './i18n/index.js';
import { styles } from './message-reach.styles.js';

const PROGRESS = ['not-started', 'in-progress', 'done'] as const;

/**
 * A sent message at a glance (issue 24): read (and confirmed) over time since delivery, a bar per department (read /
 * confirmed / not yet) and, for a task, a bar of progress states. SVG from Lit templates with a data table for
 * screen readers beside each chart; department bars are toggle buttons. Shown by <herald-message-view> above its
 * recipients list (in the reading pane's lazy chunk, never the inbox's first load); it draws the figures it is given.
 *
 * @tag herald-message-reach
 * @fires {HeraldReachDepartmentSelectEvent} herald-reach-department-select - A department bar was chosen (again: null,
 *   everyone): `{ department, label }`.
 * @csspart base - The outer section.
 * @cssproperty --herald-color-primary - Read (and every other `--herald-*` token: success is confirmed).
 */
export class HeraldMessageReach extends HeraldElement {
  static override catalogues = [reachStrings];
  static override styles = styles;

  /** The figures (`GET /messages/{id}/reach`). */
  @property({ attribute: false }) reach?: MessageReach;
  /** The chosen department's key (`DepartmentBar.key`), or null. */
  @property({ attribute: false }) selected: string | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly duration = (ms: number) => shortDuration(ms, (v, o) => this.i18n.number(v, o));
  private readonly t = (key: MessageKey, params?: Record<string, unknown>) => this.i18n.t(key, params);

  /** A department bar's name in the reader's language. */
  label(bar: DepartmentBar): string {
    if (bar.kind === 'department') return bar.name ?? this.t('reach.none');
    return this.t(`reach.${bar.kind}`);
  }

  private choose(bar: DepartmentBar): void {
    const again = this.selected === bar.key;
    this.emit(
      new HeraldReachDepartmentSelectEvent(
        again
          ? { department: null, label: null }
          : {
              department: bar.key,
              label: this.label(bar),
            },
      ),
    );
  }

  private timeline(r: MessageReach) {
    const t = this.t;
    const points = r.timeline.points;
    const last = points[points.length - 1];
    if (!last) return nothing;
    const n = (v: number) => this.i18n.number(v);
    const params = {
      read: n(last.read),
      confirmed: n(last.confirmed),
      total: n(r.counts.total),
      time: this.duration(last.at),
    };
    return timelineChart({
      id: 'over-time',
      caption: t(r.receiptRequired ? 'reach.overTime' : 'reach.overTime.read'),
      xs: points.map((p) => p.at),
      series: [
        { key: 'read', label: t('reach.read'), tone: 'primary', values: points.map((p) => p.read) },
        ...(r.receiptRequired
          ? [
              {
                key: 'confirmed',
                label: t('reach.confirmed'),
                tone: 'success' as const,
                dashed: true,
                values: points.map((p) => p.confirmed),
              },
            ]
          : []),
      ],
      max: r.counts.total,
      xLabel: (x) => (x === 0 ? '0' : `+${this.duration(x)}`),
      number: n,
      xHeader: t('reach.time'),
      summary: t(r.receiptRequired ? 'reach.summary' : 'reach.summary.read', params),
    });
  }

  private departments(r: MessageReach) {
    const t = this.t;
    const n = (v: number) => this.i18n.number(v);
    const rows: BarRow[] = r.departments.map((d) => ({
      key: d.key ?? '',
      label: this.label(d),
      total: d.total,
      selectable: d.key !== null,
      segments: r.receiptRequired
        ? [
            { key: 'confirmed', label: t('reach.confirmed'), value: d.confirmed, tone: 'success' },
            { key: 'read', label: t('reach.readOnly'), value: Math.max(0, d.read - d.confirmed), tone: 'primary' },
          ]
        : [{ key: 'read', label: t('reach.read'), value: d.read, tone: 'primary' }],
      note: r.receiptRequired
        ? t('reach.note.confirmed', { confirmed: n(d.confirmed), read: n(d.read), total: n(d.total) })
        : t('reach.note.read', { read: n(d.read), total: n(d.total) }),
    }));
    const byKey = new Map(r.departments.map((d) => [d.key ?? '', d]));
    return html`${barChart({
      id: 'departments',
      caption: t('reach.departments'),
      rows,
      headers: { row: t('reach.department'), total: t('reach.total') },
      legend: [
        ...(r.receiptRequired
          ? [
              { tone: 'success' as const, label: t('reach.confirmed') },
              { tone: 'primary' as const, label: t('reach.readOnly') },
            ]
          : [{ tone: 'primary' as const, label: t('reach.read') }]),
        { tone: 'track', label: t('reach.notYet') },
      ],
      number: n,
      selected: this.selected,
      onSelect: (key) => this.choose(byKey.get(key)!),
    })}<p class="hint">${t('reach.departments.hint')}</p>`;
  }

  private progress(r: MessageReach) {
    const t = this.t;
    const n = (v: number) => this.i18n.number(v);
    const p = r.counts.progress;
    return barChart({
      id: 'progress',
      caption: t('reach.progress'),
      rows: [
        {
          key: 'all',
          label: t('reach.progress.all'),
          total: r.counts.total,
          segments: [
            { key: 'done', label: t('reach.progress.done'), value: p.done, tone: 'success' },
            { key: 'in-progress', label: t('reach.progress.in-progress'), value: p['in-progress'], tone: 'primary' },
            { key: 'not-started', label: t('reach.progress.not-started'), value: p['not-started'], tone: 'track' },
          ],
          note: t('reach.progress.note', {
            done: n(p.done),
            inProgress: n(p['in-progress']),
            total: n(r.counts.total),
          }),
        },
      ],
      headers: { row: t('reach.progress.state'), total: t('reach.total') },
      legend: PROGRESS.map((k) => ({
        tone: k === 'done' ? 'success' : k === 'in-progress' ? 'primary' : 'track',
        label: t(`reach.progress.${k}`),
      })),
      number: n,
    });
  }

  override render() {
    const r = this.reach;
    if (!r) return nothing;
    return html`<section part="base" aria-labelledby="reach-title">
      <h4 id="reach-title">${this.t('reach.title')}</h4>
      ${this.timeline(r)} ${r.task ? this.progress(r) : nothing} ${r.departments.length ? this.departments(r) : nothing}
    </section>`;
  }
}
