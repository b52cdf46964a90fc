// The sender's view (R9, R14, S2, S3): counts, one tab per state listing recipients with "load more" by cursor,
// reminders (`remind-too-soon` said with the retry time), the .xlsx export, and live refresh on receipts; per
// recipient, how the e-mail / webhook / SMS notification went (R9, docs/api.md "Notifications": "The sender's view").
// Above them, the reach charts (issue 24, <herald-message-reach>, in this lazy chunk): a department's bar narrows the
// list and the reminders to that department; they reload with the list on the same live receipt events.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { HeraldProblem, LiveSubscription, saveBlob, type HeraldClient, type LiveEvent } from '@herald/client';
import { problemMessage } from '@herald/core';
import type {
  MessageReach,
  NotifyChannel,
  ReceiptCounts,
  RecipientNotification,
  RecipientRow,
  RecipientState,
  RemindState,
  ViewedMessage,
} from '../../api/message-types.js';
import { durationText, type MessageViewContext, type MessageViewHost } from '../context.js';
// With the reading pane's own chunk, not one of its own: a chunk loaded from this one would share first-load modules
// (the element base, i18n, tokens) and split them into a file of their own in a host's build (docs/architecture.md).
import '../../reach/define.js';
import type { HeraldReachDepartmentSelectEvent } from '../../events/reach-department-select.js';

type Tab = 'all' | RecipientState;
const PAGE = 50;
const CHANNELS: readonly NotifyChannel[] = ['email', 'webhook', 'sms'];
/** A glyph per state, beside the state's words (never alone: hidden from assistive technology). */
const ICON: Record<RecipientNotification['status'], string> = {
  sent: '✓',
  pending: '↻',
  sending: '↻',
  dead: '✕',
  skipped: '∅',
  cancelled: '–',
};

export class ReceiptsController implements ReactiveController {
  private messageId?: string;
  private counts?: ReceiptCounts;
  /** The charts' figures (issue 24) and the department chosen on them (the list and reminders narrow to it). */
  private reach?: MessageReach;
  private department: { key: string; label: string } | null = null;
  private tab: Tab = 'all';
  private items: RecipientRow[] = [];
  private nextCursor: string | null = null;
  private loading = false;
  private busy = false;
  private error = '';
  /**
   * The last reminder's outcome, shown beside the remind buttons (issue 23: where it was caused, not below the pane).
   */
  private remindNote: { text: string; error: boolean } | null = null;
  private generation = 0;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  /** Receipts and notification outcomes of the shown message: one reload for a burst (many read at once). */
  private readonly live: LiveSubscription;

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
    const refresh = (e: LiveEvent) => {
      if ((e.data as { messageId?: string } | null)?.messageId !== this.messageId) return;
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.load(), 300);
    };
    this.live = new LiveSubscription(
      host,
      Object.fromEntries(
        ['message.read', 'message.confirmed', 'message.progress', 'message.notified'].map((type) => [type, refresh]),
      ),
    );
  }

  hostDisconnected(): void {
    clearTimeout(this.refreshTimer);
  }

  /** Shows the receipts of this message (or nothing with undefined); follows its live receipt events on `client`. */
  show(m: ViewedMessage | undefined, client: HeraldClient | undefined): void {
    const id = m && m.can.viewRecipients && m.status === 'sent' ? m.id : undefined;
    // Also for the same message: after the view was re-attached (or the client changed) it must listen again.
    if (id && client) this.live.follow(client);
    if (id === this.messageId) return;
    this.messageId = id;
    this.counts = undefined;
    this.reach = undefined;
    this.department = null;
    this.items = [];
    this.nextCursor = null;
    this.tab = 'all';
    this.error = '';
    this.remindNote = null;
    if (!id) return this.live.stop();
    void this.load();
  }

  /** Reloads the counts and the current tab's first page. */
  async load(): Promise<void> {
    const api = this.ctx.api();
    const id = this.messageId;
    if (!api || !id) return;
    const generation = ++this.generation;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const [page, reach] = await Promise.all([
        api.recipients(id, {
          state: this.tab === 'all' ? undefined : this.tab,
          department: this.department?.key,
          limit: PAGE,
        }),
        // The charts are a picture of the list: without them the list still works.
        api.reach(id).catch(() => undefined),
      ]);
      if (generation !== this.generation) return;
      this.counts = page.counts;
      this.reach = reach ?? this.reach;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.error = '';
    } catch (error) {
      if (generation === this.generation) this.error = problemMessage(error, this.ctx.i18n);
    } finally {
      if (generation === this.generation) this.loading = false;
      this.host.requestUpdate();
    }
  }

  private async more(): Promise<void> {
    const api = this.ctx.api();
    if (!api || !this.messageId || !this.nextCursor) return;
    const generation = this.generation;
    const first = this.items.length;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const page = await api.recipients(this.messageId, {
        state: this.tab === 'all' ? undefined : this.tab,
        department: this.department?.key,
        cursor: this.nextCursor,
        limit: PAGE,
      });
      if (generation !== this.generation) return;
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      // Focus the first newly loaded row, so a keyboard user continues where the list grew.
      this.ctx.focusAfterRender(`#receipts-rows tr:nth-child(${first + 1}) th`);
    } catch (error) {
      this.error = problemMessage(error, this.ctx.i18n);
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  private select(tab: Tab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    void this.load();
  }

  private selectDepartment(detail: HeraldReachDepartmentSelectEvent['detail']): void {
    this.department = detail.department && detail.label ? { key: detail.department, label: detail.label } : null;
    this.remindNote = null;
    void this.load();
  }

  private onDepartmentSelect = (e: HeraldReachDepartmentSelectEvent): void => this.selectDepartment(e.detail);

  private onTabKey = (e: KeyboardEvent, tabs: Tab[]): void => {
    const at = tabs.indexOf(this.tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    this.select(tab);
    this.ctx.focusAfterRender(`#tab-${tab}`);
  };

  private async remind(state: RemindState): Promise<void> {
    const api = this.ctx.api();
    if (!api || !this.messageId || this.busy) return;
    const { t } = this.ctx;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const { reminded } = await api.remind(this.messageId, state, this.department?.key);
      this.remindNote = { text: this.ctx.i18n.plural('messageView.receipts.reminded', reminded), error: false };
      this.ctx.managed('remind');
    } catch (error) {
      const retry = error instanceof HeraldProblem && error.code === 'remind-too-soon' ? error.retryAfter : undefined;
      this.remindNote = {
        text:
          error instanceof HeraldProblem && error.code === 'remind-too-soon'
            ? t('messageView.receipts.remindTooSoon', { time: durationText((retry ?? 300) * 1000, t) })
            : problemMessage(error, this.ctx.i18n),
        error: true,
      };
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private async export(): Promise<void> {
    const api = this.ctx.api();
    if (!api || !this.messageId) return;
    try {
      const file = await api.exportRecipients(this.messageId);
      saveBlob(file.blob, file.fileName ?? 'recipients.xlsx');
    } catch (error) {
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    }
  }

  /**
   * One chip per channel: the channel, a glyph and the state in words ("sent", "sending…", "failed", "no address",
   * "not needed"), the attempt while retrying and the reminder round; the time sent or why it was not sent (`reason`)
   * is
   * in the tooltip and, for screen readers, in visually hidden text.
   */
  private notifications(r: RecipientRow): TemplateResult | string {
    const { t } = this.ctx;
    if (!r.notifications.length) return t('messageView.receipts.never');
    const sorted = [...r.notifications].sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
    return html`<ul class="notify-chips">${sorted.map((n) => {
      const channel = t(`messageView.notify.channel.${n.channel}`);
      const state =
        n.status === 'pending' || n.status === 'sending'
          ? t('messageView.notify.sending')
          : n.status === 'skipped' && n.reason === 'disabled'
            ? t('messageView.notify.reason.disabled')
            : t(`messageView.notify.${n.status}`);
      // `attempts` counts claims: while pending after a failure the next try is attempts + 1.
      const attempt = n.status === 'sending' ? n.attempts : n.status === 'pending' ? n.attempts + 1 : 0;
      const extra = [
        attempt > 1 ? t('messageView.notify.attempt', { count: attempt }) : '',
        n.round > 0 ? t('messageView.notify.reminder', { count: n.round }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
      // Known reasons come as codes (translated); a transport failure's text is the receiver's own.
      const detail =
        n.status === 'sent'
          ? n.sentAt !== null
            ? this.ctx.time(n.sentAt)
            : ''
          : n.reason
            ? t(`messageView.notify.reason.${n.reason}`)
            : n.status === 'dead'
              ? t('messageView.notify.deadHint')
              : '';
      const title = [`${channel}: ${state}`, extra, detail].filter(Boolean).join(' · ');
      return html`<li class="notify-chip" data-channel=${n.channel} data-status=${n.status} title=${title}><span
        class="notify-channel">${channel}</span> <span class="notify-state"><span aria-hidden="true"
          >${ICON[n.status]}</span> ${state}</span>${
            extra ? html` <span class="notify-extra">${extra}</span>` : nothing
          }${
            detail ? html`<span class="visually-hidden">${n.status === 'sent' ? ' ' : ': '}${detail}</span>` : nothing
          }</li>`;
    })}</ul>`;
  }

  render(m: ViewedMessage, closed: boolean): TemplateResult | typeof nothing {
    if (!this.messageId || this.messageId !== m.id) return nothing;
    const { t } = this.ctx;
    const c = this.counts;
    const n = (v: number | undefined) => (v === undefined ? '…' : this.ctx.i18n.number(v));
    const tabs: Tab[] = [
      'all',
      'unread',
      'read',
      ...(m.receiptRequired ? (['unconfirmed', 'confirmed'] as const) : []),
    ];
    const label = (tab: Tab) => t(tab === 'all' ? 'messageView.receipts.all' : `messageView.receipts.${tab}`);
    const count = (tab: Tab) => (tab === 'all' ? c?.total : c?.[tab]);
    const task = m.dueAt !== null;
    // The column (and the failure summary) only when someone on the page has notifications at all.
    const notified = this.items.some((r) => r.notifications.length > 0);
    const failed = this.items.reduce((sum, r) => sum + r.notifications.filter((x) => x.status === 'dead').length, 0);
    const busy = this.busy ? 'true' : 'false';
    // With a department chosen, what is left to remind is that department's (from its bar).
    const bar = this.department && this.reach?.departments.find((d) => d.key === this.department!.key);
    const unread = bar ? bar.total - bar.read : c?.unread;
    const unconfirmed = bar ? bar.total - bar.confirmed : c?.unconfirmed;
    return html`<section part="receipts" aria-labelledby="receipts-title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h3 id="receipts-title">${t('messageView.receipts')}</h3>
      <dl class="counts">
        <div data-count="total"><dt>${t('messageView.receipts.total')}</dt><dd>${n(c?.total)}</dd></div>
        <div data-count="read"><dt>${t('messageView.receipts.read')}</dt><dd>${n(c?.read)}</dd></div>
        <div data-count="unread"><dt>${t('messageView.receipts.unread')}</dt><dd>${n(c?.unread)}</dd></div>
        ${
          m.receiptRequired
            ? html`<div data-count="confirmed"><dt>${t('messageView.receipts.confirmed')}</dt><dd>${n(c?.confirmed)}</dd
              ></div>
              <div data-count="unconfirmed"><dt>${t('messageView.receipts.unconfirmed')}</dt><dd
                >${n(c?.unconfirmed)}</dd></div>`
            : nothing
        }
        ${
          task
            ? (['not-started', 'in-progress', 'done'] as const).map(
                (p) =>
                  html`<div data-count=${p}><dt>${t(`messageView.progress.${p}`)}</dt><dd>${n(c?.progress[p])}</dd></div
                    >`,
              )
            : nothing
        }
      </dl>
      ${
        this.reach?.messageId === m.id
          ? html`<herald-message-reach locale=${this.host.getAttribute('locale') ?? nothing}
              theme=${this.host.getAttribute('theme') ?? nothing} .reach=${this.reach}
              .selected=${this.department?.key ?? null}
              @herald-reach-department-select=${this.onDepartmentSelect}
            ></herald-message-reach>`
          : nothing
      }
      ${
        this.department
          ? html`<p class="department-filter" id="department-filter">${t('messageView.receipts.department', {
              name: this.department.label,
            })} <button type="button" class="secondary" id="department-clear"
              @click=${() => this.selectDepartment({ department: null, label: null })}
              >${t('messageView.receipts.everyone')}</button></p>`
          : nothing
      }
      <div class="receipt-actions">
        ${
          closed
            ? nothing
            : html`<button type="button" class="secondary" id="remind-unread" aria-disabled=${busy}
              ?disabled=${unread === 0}
                @click=${() => this.remind('unread')}>${
                  this.department
                    ? t('messageView.receipts.remindDepartmentUnread', { name: this.department.label })
                    : t('messageView.receipts.remindUnread')
                }</button>
              ${
                m.receiptRequired
                  ? html`<button type="button" class="secondary" id="remind-unconfirmed" aria-disabled=${busy}
                    ?disabled=${unconfirmed === 0}
                    @click=${() => this.remind('unconfirmed')}>${
                      this.department
                        ? t('messageView.receipts.remindDepartmentUnconfirmed', { name: this.department.label })
                        : t('messageView.receipts.remindUnconfirmed')
                    }</button>`
                  : nothing
              }`
        }
        <button type="button" class="secondary" id="export" @click=${() => this.export()}
          >${t('messageView.receipts.export')}</button>
        <p id="remind-status" class="remind-status ${this.remindNote?.error ? 'error' : 'done'}" role="status"
          >${this.remindNote?.text ?? ''}</p>
      </div>
      <div role="tablist" aria-label=${t('messageView.receipts')}
        @keydown=${(e: KeyboardEvent) => this.onTabKey(e, tabs)}>
        ${tabs.map(
          (tab) => html`<button type="button" role="tab" id="tab-${tab}" class="tab"
            aria-selected=${tab === this.tab ? 'true' : 'false'}
          aria-controls="receipts-panel" tabindex=${tab === this.tab ? '0' : '-1'} @click=${() => this.select(tab)}
            >${label(tab)} <span class="count">${n(count(tab))}</span></button>`,
        )}
      </div>
      <div role="tabpanel" id="receipts-panel" aria-labelledby="tab-${this.tab}">
        ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
        ${
          failed
            ? html`<p class="notify-summary" id="notify-failed"
          >${t('messageView.notify.failedSummary', { count: failed })}</p>`
            : nothing
        }
        ${
          this.items.length
            ? html`<table class="receipts">
              <thead><tr>
                <th scope="col">${t('messageView.receipts.name')}</th><th scope="col"
                  >${t('messageView.receipts.detail')}</th>
                <th scope="col">${t('messageView.receipts.readAt')}</th>
                ${m.receiptRequired ? html`<th scope="col">${t('messageView.receipts.confirmedAt')}</th>` : nothing}
                ${task ? html`<th scope="col">${t('messageView.receipts.progress')}</th>` : nothing}
                ${notified ? html`<th scope="col">${t('messageView.notify.column')}</th>` : nothing}
              </tr></thead>
              <tbody id="receipts-rows">${this.items.map(
                (r) => html`<tr data-id=${r.id}>
                <th scope="row" tabindex="-1">${r.name}</th>
                <td>${r.detail ?? ''}</td>
                <td>${r.readAt !== null ? this.ctx.time(r.readAt) : t('messageView.receipts.never')}</td>
                ${
                  m.receiptRequired
                    ? html`<td
                  >${r.confirmedAt !== null ? this.ctx.time(r.confirmedAt) : t('messageView.receipts.never')}</td
                  >`
                    : nothing
                }
                ${
                  task
                    ? html`<td
                      >${
                        r.progress ? t(`messageView.progress.${r.progress as 'done'}`) : t('messageView.receipts.never')
                      }
                      ${r.progressNote ? html`<div class="muted note">${r.progressNote}</div>` : nothing}</td>`
                    : nothing
                }
                ${notified ? html`<td>${this.notifications(r)}</td>` : nothing}
              </tr>`,
              )}</tbody>
            </table>`
            : this.loading
              ? html`<p class="muted">${t('messageView.loading')}</p>`
              : html`<p class="muted">${t('messageView.receipts.none')}</p>`
        }
        ${
          this.nextCursor
            ? html`<button type="button" class="secondary" id="receipts-more"
              aria-disabled=${this.loading ? 'true' : 'false'} @click=${() => this.more()}
              >${t('messageView.receipts.more')}</button>`
            : nothing
        }
      </div>
    </section>`;
  }
}
