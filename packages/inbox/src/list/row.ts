import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';
import type { Tag } from '../api/types.js';
import type { InboxRow } from '../state/list-store.js';

export interface RowContext {
  i18n: LocalizeController;
  tags: ReadonlyMap<string, Tag>;
  /** Sent view: to whom and counts; the sender's own archive, star and tags (issue 19 #9). */
  sent: boolean;
  /** The Sent view's counts and status badges (sent-meta.ts, in the lazy actions chunk its list waits for). */
  sentMeta?: (row: InboxRow, ctx: RowContext) => unknown;
  /** The list spans folders (a search from the Inbox): archived entries say so. */
  showFolder?: boolean;
  total: number;
  now: number;
  /** Formatters made once per render of the list (an Intl constructor per row costs more than the row). */
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  today: string;
}

/** The shared part of every row's context, made once per list render. */
export function rowFormatters(i18n: LocalizeController, now: number) {
  const locale = i18n.locale;
  return {
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
    day: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    today: new Date(now).toDateString(),
  };
}

const attachmentIcon = html`<svg part="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"
  focusable="false"><path fill="none" stroke="currentColor" stroke-width="1.5"
  d="M10.5 4.5 5.3 9.7a1.5 1.5 0 0 0 2.1 2.1l5.3-5.3a3 3 0 0 0-4.2-4.2L3.2 7.6a4.5 4.5 0 0 0 6.4 6.4L14 9.6"/></svg>`;

/** The time of a row: the hour today, else the date (Intl, the element's locale). */
export function rowTime(ctx: Pick<RowContext, 'time' | 'day' | 'today'>, at: number): string {
  return new Date(at).toDateString() === ctx.today ? ctx.time.format(at) : ctx.day.format(at);
}

/** What a row says about a message's state, in words (also the accessible description). */
export function rowFlags(row: InboxRow, ctx: RowContext) {
  const { message, state } = row;
  return {
    // One rule with the server's unread count (issue 14 #6).
    unread: !ctx.sent && !!state && !state.readAt && !message.expired,
    recalled: !!message.recalledAt,
    expired: !!message.expired,
    needsConfirmation:
      !ctx.sent &&
      !!(
        state?.needsConfirmation ??
        (message.receiptRequired && state && !state.confirmedAt && !message.recalledAt && !message.expired)
      ),
  };
}

/**
 * One option of the listbox. Selection is the option's `aria-selected` (the check box is drawn, not a control of
 * its own: an interactive element inside an option would be a nested control).
 */
export function renderRow(
  row: InboxRow,
  index: number,
  active: boolean,
  selected: boolean,
  opened: boolean,
  ctx: RowContext,
) {
  const { message, state } = row;
  const { i18n } = ctx;
  const flags = rowFlags(row, ctx);
  // A snoozed entry (the Snoozed view, issue 20) shows when it comes back.
  const at = state?.snoozedUntil ?? state?.deliveredAt ?? message.deliveredAt ?? message.createdAt ?? 0;
  const who = ctx.sent ? (message.audience ?? []).map((a) => a.label).join(', ') || '—' : message.sender.name;
  const tagChips = (state?.tagIds ?? []).map((id) => ctx.tags.get(id)).filter((t): t is Tag => !!t);
  return html`<div
    part="row${flags.unread ? ' row-unread' : ''}${opened ? ' row-open' : ''}"
    class=${
      // A string, not classMap: nothing else sets a row's classes, and the directive cost the first load 0.3 KB gz.
      [
        'row',
        flags.unread && 'unread',
        active && 'active',
        opened && 'opened',
        selected && 'selected',
        message.priority === 'urgent' && 'urgent',
      ]
        .filter(Boolean)
        .join(' ')
    }
    role="option"
    id="row-${index}"
    data-index=${index}
    data-id=${message.id}
    aria-selected=${selected ? 'true' : 'false'}
    aria-posinset=${index + 1}
    aria-setsize=${ctx.total}
    tabindex=${active ? 0 : -1}
  >
    <span class="check" part="check" data-check aria-hidden="true">${selected ? '✓' : ''}</span>
    <span class="who">${who}</span>
    <span class="subject">
      ${flags.unread ? html`<span class="visually-hidden">${i18n.t('inbox.row.unread')}</span>` : nothing}
      ${state?.starredAt ? html`<span role="img" aria-label=${i18n.t('inbox.view.starred')}>★</span>` : nothing}
      ${state?.mentioned ? html`<span class="badge" part="mention">${i18n.t('inbox.mentionsYou')}</span>` : nothing}
      ${
        message.priority !== 'normal'
          ? html`<span class="badge priority-${message.priority}" part="priority"
        >${i18n.t(message.priority === 'urgent' ? 'inbox.priority.urgent' : 'inbox.priority.high')}</span>`
          : nothing
      }
      ${
        message.kind === 'external'
          ? html`<span class="badge kind" part="kind">${i18n.t('inbox.kind.external')}</span
        >`
          : nothing
      }
      <span class="text"
        >${
          message.purgedAt
            ? i18n.t('inbox.row.purgedSubject')
            : message.recalledAt && !ctx.sent
              ? i18n.t('inbox.row.recalledSubject')
              : message.subject
        }</span>
      <span class="preview" part="preview">${message.snippet}</span>
    </span>
    <span class="meta">
      ${
        message.attachmentCount
          ? html`<span class="attach"
        title=${i18n.t('inbox.row.attachments', { count: message.attachmentCount })}>${attachmentIcon}<span
        class="visually-hidden">${i18n.t('inbox.row.attachments', { count: message.attachmentCount })}</span></span
        >`
          : nothing
      }
      ${tagChips.map((t) => html`<span class="tag color-${t.color ?? 'gray'}" part="tag">${t.name}</span>`)}
      ${
        ctx.showFolder && state?.archivedAt
          ? html`<span class="badge muted folder" part="flag"
        >${i18n.t('inbox.view.archived')}</span>`
          : nothing
      }
      ${
        flags.needsConfirmation
          ? html`<span class="badge confirm" part="flag"
        >${i18n.t('inbox.row.needsConfirmation')}</span>`
          : nothing
      }
      ${flags.recalled ? html`<span class="badge muted" part="flag">${i18n.t('inbox.row.recalled')}</span>` : nothing}
      ${
        flags.expired && !flags.recalled
          ? html`<span class="badge muted" part="flag"
        >${i18n.t('inbox.row.expired')}</span>`
          : nothing
      }
      ${
        message.dueAt
          ? html`<span class="due ${message.dueAt < ctx.now ? 'overdue' : ''}"
        >${i18n.t('inbox.row.due', { date: ctx.day.format(message.dueAt) })}</span>`
          : nothing
      }
      ${ctx.sentMeta?.(row, ctx)}
      <time datetime=${new Date(at).toISOString()}>${rowTime(ctx, at)}</time>
    </span>
  </div>`;
}
