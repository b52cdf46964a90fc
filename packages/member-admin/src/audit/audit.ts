import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { renderField, type MessageKey } from '@herald/core';
import { saveBlob, type AuditQuery } from '../api/admin-api.js';
import type { AuditDetail, AuditEntry } from '../api/types.js';
import { AdminTab } from '../shared/admin-tab.js';
import { tabStyles } from '../shared/styles.js';
import { auditActor, auditSentence } from './sentence.js';
import { adminStrings } from '../i18n/index.js';
import { auditStrings } from './i18n/index.js';

const TARGET_TYPES = [
  'member',
  'department',
  'position',
  'role',
  'contact',
  'group',
  'import',
  'embed-app',
  'api-key',
  'message',
  'approval-flow',
  'approval',
  'tag',
  'settings',
];

/** One line per changed field: the before/after values, flattened to readable text. */
export function auditDiff(before: unknown, after: unknown): Array<{ field: string; before: string; after: string }> {
  const flat = (value: unknown, prefix = '', out = new Map<string, string>()) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (prefix || (value !== null && value !== undefined)) {
      out.set(
        prefix || '·',
        value === null || value === undefined
          ? ''
          : Array.isArray(value)
            ? value.map(String).join(', ')
            : String(value),
      );
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, before: a.get(field) ?? '', after: b.get(field) ?? '' }));
}

/**
 * The audit tab: filters (actor, action, target type, date range), newest first with "Load more", an entry's
 * before/after as a readable diff, and .xlsx/.csv export (fetched with the client's credentials, saved as a file).
 *
 * @tag herald-admin-audit
 * @csspart toolbar - The filters and export buttons.
 * @csspart table - The entries.
 * @csspart row - One entry.
 * @csspart more - The "Load more" button.
 * @csspart diff - The before/after table of the open entry.
 * @csspart actor - The chosen actor filter.
 * @csspart empty - Said when no entry matches.
 * @csspart sentence - An entry said as a sentence in the reader's language.
 * @csspart target - The link to everything about an entry's target.
 * @csspart code - The raw action, type and id of an entry.
 * @csspart entry - The open entry with its before/after.
 */
export class HeraldAdminAudit extends AdminTab {
  static override catalogues = [adminStrings, auditStrings];
  static override styles = [
    ...tabStyles,
    css`
    .del { text-decoration: line-through; }
    [part='diff'] { margin-top: var(--_herald-space-2); }
    section[part~='entry'] { padding: var(--_herald-space-3); border: 1px solid var(--_herald-color-border);
      border-radius: var(--_herald-radius-m); margin-bottom: var(--_herald-space-3); }
    section[part~='entry'] h3 { margin: 0 0 var(--_herald-space-2); }
    .link { all: unset; cursor: pointer; color: var(--_herald-color-primary); text-decoration: underline; overflow-wrap:
      anywhere; }
    .link:focus-visible { outline: 2px solid var(--_herald-color-focus, var(--_herald-color-primary)); outline-offset:
      2px; }
    details[part='code'] { font-size: var(--_herald-font-size-s); color: var(--_herald-color-text-muted); }
    details[part='code'] code { overflow-wrap: anywhere; }
  `,
  ];

  @state() private items: AuditEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private filters: { actorId: string; action: string; targetType: string; from: string; to: string } = {
    actorId: '',
    action: '',
    targetType: '',
    from: '',
    to: '',
  };
  @state() private open: AuditDetail | null = null;

  /** Set while following a target's link (one load). */
  private targetId: string | undefined;

  /** The member the actor filter resolved to (by name, pinyin, employee number or e-mail). */
  @state() private actor: { id: string; label: string } | null = null;

  private get query(): AuditQuery {
    const f = this.filters;
    const day = (s: string, end: boolean) =>
      s ? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}`).getTime() : undefined;
    return {
      actorId: this.actor?.id,
      action: f.action.trim() || undefined,
      targetType: f.targetType || undefined,
      targetId: this.targetId,
      from: day(f.from, false),
      to: day(f.to, true),
    };
  }

  /** The trail for the current filters (cursor null) or "Load more"; a newer run aborts an older one (issue 16). */
  private readonly list = this.loader(
    () => [this.query, null] as [AuditQuery, string | null],
    async ([query, cursor], signal) => ({ cursor, page: await this.api.audit({ ...query, cursor }, signal) }),
    ({ cursor, page }) => {
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  protected load(): Promise<void> {
    return this.list.run([this.query, null]);
  }

  private more() {
    return this.list.run([this.query, this.nextCursor]);
  }

  private async filter(event: Event) {
    event.preventDefault();
    this.open = null;
    const wanted = this.filters.actorId.trim();
    this.actor = null;
    if (wanted) {
      const found = await this.run(() => this.api.members({ q: wanted, status: 'all', limit: 2 }));
      if (!found) return;
      if (found.items.length !== 1) {
        this.error = this.t(found.items.length ? 'admin.audit.actorAmbiguous' : 'admin.audit.actorUnknown', {
          text: wanted,
        });
        this.renderRoot.querySelector<HTMLInputElement>('#f-actorId')?.focus();
        return;
      }
      const m = found.items[0]!;
      this.actor = { id: m.id, label: `${m.name} (${m.employeeNo})` };
    }
    await this.load();
  }

  /** The target's name is a link: everything the trail holds about that target. */
  private async showTarget(entry: AuditEntry) {
    this.open = null;
    this.actor = null;
    this.filters = { actorId: '', action: '', targetType: entry.targetType, from: '', to: '' };
    this.targetId = entry.targetId ?? undefined;
    await this.load();
    this.targetId = undefined;
  }

  private async show(entry: AuditEntry) {
    const detail = await this.run(() => this.api.auditEntry(entry.id));
    if (!detail) return;
    this.open = detail;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#entry-title')?.focus();
  }

  private typeName(type: string): string {
    const key = `admin.audit.type.${type}` as MessageKey;
    return this.i18n.has(key) ? this.t(key) : type;
  }

  private async export(format: 'xlsx' | 'csv') {
    const file = await this.run(() => this.api.auditExport(format, this.query));
    if (file) saveBlob(file.blob, file.fileName ?? `herald-audit.${format}`);
  }

  private field(name: keyof HeraldAdminAudit['filters'], label: Parameters<AdminTab['t']>[0], type = 'text') {
    return renderField(
      { id: `f-${name}`, label: this.t(label) },
      () => html`<input id="f-${name}" type=${type} .value=${this.filters[name]}
        @input=${(e: Event) => (this.filters = { ...this.filters, [name]: (e.target as HTMLInputElement).value })} />`,
    );
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.list)}</div>
      <form part="toolbar" @submit=${this.filter} aria-label=${this.t('admin.audit.filter')}>
        ${this.field('actorId', 'admin.audit.actor')}
        ${this.actor ? html`<span class="muted" part="actor">${this.actor.label}</span>` : nothing}
        ${this.field('action', 'admin.audit.action')}
        ${renderField(
          { id: 'f-targetType', label: this.t('admin.audit.targetType') },
          () => html`<select id="f-targetType"
            @change=${(e: Event) =>
              (this.filters = { ...this.filters, targetType: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('admin.audit.any')}</option>
            ${TARGET_TYPES.map(
              (t) => html`<option value=${t} ?selected=${this.filters.targetType === t}
              >${this.typeName(t)}</option>`,
            )}
          </select>`,
        )}
        ${this.field('from', 'admin.audit.from', 'date')}
        ${this.field('to', 'admin.audit.to', 'date')}
        <button type="submit" ?disabled=${this.busy}>${this.t('admin.audit.filter')}</button>
        <button type="button" class="secondary" @click=${() => this.export('xlsx')}
          >${this.t('admin.audit.export', { format: '.xlsx' })}</button>
        <button type="button" class="secondary" @click=${() => this.export('csv')}
          >${this.t('admin.audit.export', { format: '.csv' })}</button>
      </form>
      ${this.open ? this.renderEntry(this.open) : nothing}
      ${this.renderLoaded(this.list, (loading) => this.renderList(loading))}`;
  }

  /** Loading until the first answer; while a newer load runs the last answer stays, marked busy. */
  private renderList(loading: boolean) {
    if (loading && !this.items.length) return html`<p class="muted">${this.t('common.loading')}</p>`;
    return this.items.length
      ? html`<table part="table" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="visually-hidden">${this.t('admin.tab.audit')}</caption>
        <thead><tr><th scope="col">${this.t('admin.audit.at')}</th><th scope="col">${this.t('admin.audit.what')}</th>
          <th scope="col"><span class="visually-hidden">${this.t('admin.actions')}</span></th></tr></thead>
        <tbody>${this.items.map(
          (a) => html`<tr part="row" aria-selected=${this.open?.id === a.id ? 'true' : 'false'}>
          <td>${this.i18n.date(a.at, { dateStyle: 'short', timeStyle: 'medium' })}</td>
          <td>${this.renderSentence(a)}</td>
          <td><button class="small secondary" aria-label=${this.t('admin.audit.open', { id: a.id })}
            @click=${() => this.show(a)}>${this.t('admin.audit.details')}</button></td>
        </tr>`,
        )}</tbody></table>
        ${
          this.nextCursor
            ? html`<button part="more" class="secondary" ?disabled=${this.busy || loading}
          @click=${this.more}>${this.t('admin.loadMore')}</button>`
            : nothing
        }`
      : html`<p class="muted" part="empty">${this.t('admin.audit.none')}</p>`;
  }

  /** The entry as a sentence, its target a link to the target's history; the raw codes on demand. */
  private renderSentence(a: AuditEntry) {
    const said = auditSentence(this.i18n, a);
    return html`<span part="sentence">${said.before}${
      said.target === null
        ? nothing
        : html`<button class="link" part="target"
        aria-label=${this.t('admin.audit.showTarget', { name: said.target })} @click=${() => this.showTarget(a)}
          >${said.target}</button>`
    }${said.after}</span>
      <details part="code"><summary>${this.t('admin.audit.code')}</summary>
        <code>${a.action}</code> · ${this.typeName(a.targetType)} <code>${a.targetType}</code
          >${a.targetId ? html` · <code>${a.targetId}</code>` : nothing}</details>`;
  }

  private renderEntry(entry: AuditDetail) {
    const diff = auditDiff(entry.before, entry.after);
    const actor = auditActor(this.i18n, entry);
    return html`<section part="entry" aria-labelledby="entry-title">
      <h3 id="entry-title" tabindex="-1"
        >${this.t('admin.audit.entry', {
          action: auditSentence(this.i18n, entry).text,
          actor,
          at: this.i18n.date(entry.at),
        })}</h3>
      <p class="muted"><code>${entry.action}</code>${
        entry.targetId
          ? html` · <code>${entry.targetType}</code> <code
        >${entry.targetId}</code>`
          : nothing
      }</p>
      ${
        entry.requestId
          ? html`<p class="muted"
        >${this.t('admin.audit.request', { id: entry.requestId, ip: entry.ip ?? '—' })}</p>`
          : nothing
      }
      ${
        diff.length
          ? html`<table part="diff">
        <thead><tr><th scope="col">${this.t('admin.audit.field')}</th><th scope="col"
          >${this.t('admin.audit.before')}</th><th scope="col">${this.t('admin.audit.after')}</th></tr></thead>
        <tbody>${diff.map(
          (d) => html`<tr><th scope="row"><code>${d.field}</code></th>
          <td>${
            d.before
              ? html`<del class="del">${d.before}</del>`
              : html`<span class="muted"
            >${this.t('admin.audit.empty')}</span>`
          }</td>
          <td>${
            d.after
              ? html`<ins>${d.after}</ins>`
              : html`<span class="muted">${this.t('admin.audit.empty')}</span
            >`
          }</td></tr>`,
        )}</tbody>
      </table>`
          : html`<p class="muted">${this.t('admin.audit.noChanges')}</p>`
      }
      <button class="secondary" @click=${() => (this.open = null)}>${this.t('admin.close')}</button>
    </section>`;
  }
}
