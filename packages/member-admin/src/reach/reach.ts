import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { barChart, chartStyles, shortDuration, type BarRow, type ChartTone } from '@herald/core/charts';
import { saveBlob } from '../api/admin-api.js';
import type { ReachSummary } from '../api/types.js';
import { AdminTab } from '../shared/admin-tab.js';
import { tabStyles } from '../shared/styles.js';
import { adminStrings } from '../i18n/index.js';
import { reachStrings } from './i18n/index.js';

const WINDOWS = [7, 30, 90] as const;
const KINDS = ['internal', 'external', 'urgent'] as const;
const PRIORITIES = ['normal', 'high', 'urgent'] as const;
const PRIORITY_TONE: Record<(typeof PRIORITIES)[number], ChartTone> = {
  normal: 'muted',
  high: 'primary',
  urgent: 'danger',
};

/**
 * The Reach tab (issue 24): the last 7, 30 or 90 days at a glance for `data.view` — messages sent by kind and
 * priority, median and 90th-percentile time to read and to confirm, urgent messages' time to reach 90 % of their
 * recipients, notification channels' success, approvals waiting and for how long — and the same figures as .xlsx.
 * The server counts only messages sent from departments in the viewer's scope. Charts are SVG with a data table for
 * screen readers beside each.
 *
 * @tag herald-admin-reach
 * @csspart toolbar - The period and the export button.
 * @csspart figures - The headline figures.
 */
export class HeraldAdminReach extends AdminTab {
  static override catalogues = [adminStrings, reachStrings];
  static override styles = [
    ...tabStyles,
    chartStyles,
    css`
      [part='figures'] {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
        gap: var(--_herald-space-3);
        margin: var(--_herald-space-3) 0;
      }
      [part='figures'] > div {
        border: 1px solid var(--_herald-color-border);
        border-radius: var(--_herald-radius-m);
        padding: var(--_herald-space-2) var(--_herald-space-3);
      }
      dt {
        color: var(--_herald-color-text-muted);
        font-size: var(--_herald-font-size-s);
      }
      dd {
        margin: 0;
      }
      .big {
        font-size: var(--_herald-font-size-l);
        font-weight: var(--_herald-font-weight-bold);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 24em), 1fr));
        gap: var(--_herald-space-4);
      }
    `,
  ];

  @state() private days: number = 30;
  @state() private summary?: ReachSummary;

  private readonly figures = this.loader(
    () => [this.days] as [number],
    ([days], signal) => this.api.reachSummary(days, signal),
    (summary) => (this.summary = summary),
  );

  protected load(): Promise<void> {
    return this.figures.run([this.days]);
  }

  private n = (v: number) => this.i18n.number(v);
  private time = (ms: number | null) => (ms === null ? this.t('admin.reach.none') : shortDuration(ms, this.numberOf));
  private numberOf = (v: number, o?: Intl.NumberFormatOptions) => this.i18n.number(v, o);

  private async export() {
    const file = await this.run(() => this.api.reachExport(this.days, this.i18n.locale));
    if (file) saveBlob(file.blob, file.fileName ?? `reach-${this.days}d.xlsx`);
  }

  private headline(s: ReachSummary) {
    const pct = (p: { p50: number | null; p90: number | null }) =>
      this.t('admin.reach.percentiles', { p50: this.time(p.p50), p90: this.time(p.p90) });
    const tile = (id: string, label: Parameters<AdminTab['t']>[0], big: string, small: string) =>
      html`<div data-figure=${id}><dt>${this.t(label)}</dt><dd class="big">${big}</dd><dd>${small}</dd></div>`;
    return html`<dl part="figures">
      ${tile('sent', 'admin.reach.sent', this.n(s.sent.total), '')}
      ${tile(
        'read',
        'admin.reach.readTime',
        this.time(s.timeToRead.p50),
        `${pct(s.timeToRead)} · ${this.t('admin.reach.ofReads', { count: this.n(s.timeToRead.count) })}`,
      )}
      ${tile(
        'confirm',
        'admin.reach.confirmTime',
        this.time(s.timeToConfirm.p50),
        `${pct(s.timeToConfirm)} · ${this.t('admin.reach.ofConfirmations', { count: this.n(s.timeToConfirm.count) })}`,
      )}
      ${tile(
        'urgent',
        'admin.reach.urgentTime',
        this.time(s.urgent.p50),
        this.t('admin.reach.urgentReached', { reached: this.n(s.urgent.reached), count: this.n(s.urgent.messages) }),
      )}
      ${tile(
        'approvals',
        'admin.reach.waiting',
        this.n(s.approvals.waiting),
        s.approvals.waiting
          ? this.t('admin.reach.oldest', {
              time: this.time(s.approvals.oldestMs),
              median: this.time(s.approvals.medianMs),
            })
          : '',
      )}
    </dl>`;
  }

  private byKind(s: ReachSummary) {
    const rows: BarRow[] = KINDS.map((kind) => {
      const cells = s.sent.cells.filter((c) => c.kind === kind);
      return {
        key: kind,
        label: this.t(`admin.reach.kind.${kind}`),
        total: s.sent.byKind[kind],
        segments: PRIORITIES.map((p) => ({
          key: p,
          label: this.t(`admin.reach.priority.${p}`),
          value: cells.find((c) => c.priority === p)?.count ?? 0,
          tone: PRIORITY_TONE[p],
        })),
        note: this.n(s.sent.byKind[kind]),
      };
    });
    return barChart({
      id: 'by-kind',
      caption: this.t('admin.reach.byKind'),
      rows,
      headers: { row: this.t('admin.reach.kind'), total: this.t('admin.reach.total') },
      legend: PRIORITIES.map((p) => ({ tone: PRIORITY_TONE[p], label: this.t(`admin.reach.priority.${p}`) })),
      number: this.n,
    });
  }

  private urgent(s: ReachSummary) {
    if (!s.urgent.latest.length) return nothing;
    const minutes = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 60_000));
    return barChart({
      id: 'urgent',
      caption: this.t('admin.reach.urgentChart'),
      rows: s.urgent.latest.map((u) => ({
        key: u.id,
        label: u.subject,
        total: minutes(u.reachedMs),
        segments: [
          { key: 'minutes', label: this.t('admin.reach.minutes'), value: minutes(u.reachedMs), tone: 'danger' },
        ],
        note:
          u.reachedMs === null
            ? this.t('admin.reach.notReached', { count: this.n(u.recipients) })
            : this.t('admin.reach.reachedAfter', { time: this.time(u.reachedMs), count: this.n(u.recipients) }),
      })),
      headers: { row: this.t('admin.reach.message'), total: this.t('admin.reach.minutes') },
      legend: [],
      number: this.n,
    });
  }

  private channels(s: ReachSummary) {
    return barChart({
      id: 'channels',
      caption: this.t('admin.reach.channels'),
      rows: s.channels.map((c) => ({
        key: c.channel,
        label: this.t(`admin.reach.channel.${c.channel}`),
        total: c.sent + c.failed + c.waiting,
        segments: [
          { key: 'sent', label: this.t('admin.reach.delivered'), value: c.sent, tone: 'success' },
          { key: 'failed', label: this.t('admin.reach.failed'), value: c.failed, tone: 'danger' },
          { key: 'waiting', label: this.t('admin.reach.pending'), value: c.waiting, tone: 'muted' },
        ],
        note:
          c.successRate === null
            ? this.t('admin.reach.noAttempts')
            : this.t('admin.reach.rate', {
                rate: this.i18n.number(c.successRate, { style: 'percent', maximumFractionDigits: 1 }),
                sent: this.n(c.sent),
                tried: this.n(c.sent + c.failed),
              }),
      })),
      headers: { row: this.t('admin.reach.channel'), total: this.t('admin.reach.total') },
      legend: [
        { tone: 'success', label: this.t('admin.reach.delivered') },
        { tone: 'danger', label: this.t('admin.reach.failed') },
        { tone: 'muted', label: this.t('admin.reach.pending') },
      ],
      number: this.n,
    });
  }

  private ages(s: ReachSummary) {
    return barChart({
      id: 'ages',
      caption: this.t('admin.reach.ages'),
      rows: s.approvals.byAge.map((b) => ({
        key: b.bucket,
        label: this.t(`admin.reach.age.${b.bucket}`),
        total: b.count,
        segments: [{ key: 'count', label: this.t('admin.reach.count'), value: b.count, tone: 'primary' }],
        note: this.n(b.count),
      })),
      headers: { row: this.t('admin.reach.age'), total: this.t('admin.reach.total') },
      legend: [],
      number: this.n,
    });
  }

  override render() {
    const s = this.summary;
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.figures)}</div>
      <div part="toolbar" class="toolbar">
        <label for="reach-days">${this.t('admin.reach.window')}</label>
        <select id="reach-days" .value=${String(this.days)}
          @change=${(e: Event) => {
            this.days = Number((e.target as HTMLSelectElement).value);
            void this.load();
          }}>
          ${WINDOWS.map(
            (d) =>
              html`<option value=${d} ?selected=${d === this.days}>${this.t('admin.reach.days', { days: d })}</option>`,
          )}
        </select>
        <button type="button" class="secondary" id="reach-export" ?disabled=${this.busy} @click=${() => this.export()}
          >${this.t('admin.reach.export')}</button>
      </div>
      <h3 id="reach-title">${this.t('admin.reach.title', { days: this.days })}</h3>
      <p class="muted">${this.t('admin.reach.scope')}</p>
      ${this.renderLoaded(this.figures, (loading) =>
        !s
          ? html`<p class="muted" role="status">${loading ? this.t('admin.reach.loading') : ''}</p>`
          : html`<div aria-busy=${loading ? 'true' : 'false'}>
              ${this.headline(s)}
              <div class="charts">${this.byKind(s)} ${this.urgent(s)} ${this.channels(s)} ${this.ages(s)}</div>
            </div>`,
      )}
      <div role="status" part="status">${this.notice}</div>
    `;
  }
}
