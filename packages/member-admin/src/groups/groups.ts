import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { renderField, type MessageKey } from '@herald/core';
import type { Department, Group, GroupEntry } from '../api/types.js';
import { HeraldGroupCreateEvent } from '../events/group-create.js';
import { HeraldGroupDeleteEvent } from '../events/group-delete.js';
import { HeraldGroupDeleteRequestEvent } from '../events/group-delete-request.js';
import { HeraldGroupUpdateEvent } from '../events/group-update.js';
import { isAbort } from '@herald/client';
import { AdminTab } from '../shared/admin-tab.js';
import { pathName } from '../shared/departments.js';
import { listStyles, tabStyles } from '../shared/styles.js';

type Draft = {
  name: string;
  description: string;
  endsAt: string;
  entries: Array<Pick<GroupEntry, 'kind' | 'targetId' | 'name' | 'includeSubdepartments'>>;
  /** Issue 19 #5: customers may open conversations with it (org.admin chooses). */
  service: boolean;
};
type Candidate = Pick<GroupEntry, 'kind' | 'targetId' | 'name'> & { detail: string };

const dateInput = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '');

/**
 * The groups tab: named recipient groups of members, departments and contacts; temporary groups show their end
 * date and, once ended, are hidden unless asked for. Create/edit with a search picker; delete. An org admin also
 * chooses here which groups customers may open conversations with (issue 19 #5).
 *
 * @tag herald-admin-groups
 * @fires {HeraldGroupCreateEvent} herald-group-create - `detail.id`.
 * @fires {HeraldGroupUpdateEvent} herald-group-update - `detail.id`.
 * @fires {HeraldGroupDeleteEvent} herald-group-delete - `detail.id`.
 * @fires {HeraldGroupDeleteRequestEvent} herald-group-delete-request - Cancelable, just before a confirmed delete.
 *   `detail = { id, name }`.
 * @csspart table - The groups.
 * @csspart row - One group.
 * @csspart form - The create/edit form.
 * @csspart picker - The search picker for entries.
 * @csspart toolbar - Search and filters above the table.
 * @csspart more - The "Load more" button.
 * @csspart empty - Said when there is no group.
 * @csspart entries - The members, departments and contacts of a group.
 * @csspart service - "Customer service group" beside a group customers may write to (issue 19 #5).
 */
export class HeraldAdminGroups extends AdminTab {
  static override styles = [...tabStyles, listStyles];

  @state() private items: Group[] = [];
  @state() private nextCursor: string | null = null;
  @state() private includeEnded = false;
  @state() private editing: string | null = null;
  @state() private draft: Draft = { name: '', description: '', endsAt: '', entries: [], service: false };
  /** The customer service groups (issue 19 #5), for an org admin; null for others (the server would refuse). */
  @state() private serviceGroups: string[] | null = null;
  @state() private nameError = '';
  @state() private pickQuery = '';
  @state() private candidates: Candidate[] = [];
  private departments: Department[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  /** The group list (cursor null) or "Load more"; a newer run aborts an older one (issue 16). */
  private readonly list = this.loader(
    () => [null] as [string | null],
    async ([cursor], signal) => {
      const [page, service] = await Promise.all([
        this.api.groups({ includeEnded: this.includeEnded, cursor }, signal),
        this.can('org.admin') ? this.api.serviceGroups(signal) : null,
      ]);
      return { cursor, page, service };
    },
    ({ cursor, page, service }) => {
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.serviceGroups = service;
    },
  );

  /** The entry picker's search: a newer query aborts the older one, whose late answer is dropped (issue 16). */
  private readonly picker = this.loader(
    () => [''] as [string],
    ([q], signal) => this.findCandidates(q, signal),
    (candidates) => void (this.candidates = candidates),
  );

  protected load(more = false): Promise<void> {
    return this.list.run([more ? this.nextCursor : null]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async edit(group: Group | null) {
    this.nameError = '';
    this.pickQuery = '';
    this.candidates = [];
    if (!this.departments.length) this.departments = (await this.run(() => this.api.departments())) ?? [];
    if (group) {
      const full = await this.run(() => this.api.group(group.id));
      if (!full) return;
      this.draft = {
        name: full.name,
        description: full.description ?? '',
        endsAt: dateInput(full.endsAt),
        entries: full.entries,
        service: !!this.serviceGroups?.includes(full.id),
      };
    } else {
      this.draft = { name: '', description: '', endsAt: '', entries: [], service: false };
    }
    this.editing = group?.id ?? 'new';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#g-name')?.focus();
  }

  private search(q: string) {
    this.pickQuery = q;
    clearTimeout(this.timer);
    if (!q.trim()) {
      this.picker.abort();
      this.candidates = [];
      return;
    }
    this.timer = setTimeout(() => void this.picker.run([q]), 250);
  }

  /** Members, departments and contacts matching `q`, as far as the caller may read them. */
  private async findCandidates(q: string, signal: AbortSignal): Promise<Candidate[]> {
    const needle = q.trim().toLocaleLowerCase();
    const departments = this.departments
      .filter((d) => d.name.toLocaleLowerCase().includes(needle))
      .slice(0, 10)
      .map((d): Candidate => ({
        kind: 'department',
        targetId: d.id,
        name: d.name,
        detail: pathName(this.departments, d),
      }));
    // A refused or failed part of the search leaves the others; an abort ends the whole search.
    const orNone = (error: unknown) => {
      if (isAbort(error)) throw error;
      return null;
    };
    const readsMembers = this.can('org.admin', 'department.manage', 'data.view');
    const readsContacts = this.can('message.send.external', 'org.admin');
    const [members, contacts] = await Promise.all([
      readsMembers ? this.api.members({ q, limit: 10 }, signal).catch(orNone) : null,
      readsContacts ? this.api.contacts({ q }, signal).catch(orNone) : null,
    ]);
    return [
      ...(members?.items ?? []).map((m): Candidate => ({
        kind: 'member',
        targetId: m.id,
        name: m.name,
        detail: `${m.employeeNo} · ${m.departmentName ?? ''}`,
      })),
      ...departments,
      ...(contacts?.items ?? []).slice(0, 10).map((c): Candidate => ({
        kind: 'contact',
        targetId: c.id,
        name: c.name,
        detail: c.company ?? '',
      })),
    ];
  }

  private add(c: Candidate) {
    if (!this.draft.entries.some((e) => e.kind === c.kind && e.targetId === c.targetId)) {
      this.draft = {
        ...this.draft,
        entries: [
          ...this.draft.entries,
          { kind: c.kind, targetId: c.targetId, name: c.name, includeSubdepartments: c.kind === 'department' },
        ],
      };
    }
    this.notice = this.t('admin.groups.add', { name: c.name });
  }

  private removeEntry(index: number) {
    this.draft = { ...this.draft, entries: this.draft.entries.filter((_, i) => i !== index) };
  }

  private async save(event: Event) {
    event.preventDefault();
    const d = this.draft;
    if (!d.name.trim()) {
      this.nameError = this.t('admin.error.required');
      this.renderRoot.querySelector<HTMLInputElement>('#g-name')?.focus();
      return;
    }
    this.nameError = '';
    const input = {
      name: d.name.trim(),
      description: d.description.trim() || null,
      endsAt: d.endsAt ? new Date(`${d.endsAt}T23:59:59`).getTime() : null,
      entries: d.entries.map((e) => ({
        kind: e.kind,
        targetId: e.targetId,
        includeSubdepartments: e.includeSubdepartments,
      })),
    };
    const id = this.editing === 'new' ? null : this.editing;
    const saved = await this.run(() => (id ? this.api.updateGroup(id, input) : this.api.createGroup(input)));
    if (!saved) return;
    const service = this.serviceGroups;
    if (service && service.includes(saved.id) !== d.service) {
      const next = d.service ? [...service, saved.id] : service.filter((g) => g !== saved.id);
      const stored = await this.run(() => this.api.setServiceGroups(next));
      if (!stored) return;
      this.serviceGroups = stored;
    }
    const detail = { id: saved.id };
    this.emit(id ? new HeraldGroupUpdateEvent(detail) : new HeraldGroupCreateEvent(detail));
    this.editing = null;
    this.notice = this.t('admin.saved');
    await this.load();
  }

  private async delete(group: Group) {
    const request = () => new HeraldGroupDeleteRequestEvent({ id: group.id, name: group.name });
    if (!this.confirmed(`group:${group.id}`, request)) return;
    const ok = await this.run(async () => (await this.api.deleteGroup(group.id), true));
    if (!ok) return;
    this.emit(new HeraldGroupDeleteEvent({ id: group.id }));
    this.items = this.items.filter((g) => g.id !== group.id);
    this.notice = this.t('admin.groups.deleted', { name: group.name });
  }

  private when(g: Group): string {
    if (!g.endsAt) return this.t('admin.groups.permanent');
    const date = this.i18n.date(g.endsAt, { dateStyle: 'medium' });
    return this.t(g.ended ? 'admin.groups.ended' : 'admin.groups.endsOn', { date });
  }

  override render() {
    const manage = this.can('org.admin', 'department.manage');
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.list)}</div>
      <div role="status" part="status">${this.notice}</div>
      <div part="toolbar">
        <label class="check"><input type="checkbox" .checked=${this.includeEnded}
          @change=${(e: Event) => {
            this.includeEnded = (e.target as HTMLInputElement).checked;
            void this.load();
          }} />${this.t('admin.groups.includeEnded')}</label>
        ${
          manage
            ? html`<button id="new-group" @click=${() => this.edit(null)}>${this.t('admin.groups.new')}</button
          >`
            : nothing
        }
      </div>
      ${this.editing ? this.renderForm() : nothing}
      ${this.renderLoaded(this.list, (loading) => this.renderList(loading))}`;
  }

  /** The table, or "loading" / "none" when there is no row. */
  private renderList(loading: boolean) {
    const manage = this.can('org.admin', 'department.manage');
    return this.items.length
      ? html`<table part="table" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="visually-hidden">${this.t('admin.tab.groups')}</caption>
        <thead><tr><th scope="col">${this.t('admin.groups.name')}</th><th scope="col"
          >${this.t('admin.groups.entries')}</th>
          <th scope="col">${this.t('admin.groups.endsAt')}</th><th scope="col"><span class="visually-hidden"
            >${this.t('admin.actions')}</span></th></tr></thead>
        <tbody>${this.items.map(
          (g) => html`<tr part="row" class=${g.ended ? 'ended' : ''}>
          <th scope="row">${g.name}${
            this.serviceGroups?.includes(g.id)
              ? html` <span class="badge" part="service">${this.t('admin.groups.serviceBadge')}</span>`
              : nothing
          }${
            g.description
              ? html`<br /><span class="muted">${g.description}</span
            >`
              : nothing
          }</th>
          <td>${this.t('admin.groups.entryCount', { entries: g.entryCount, members: g.memberCount })}</td>
          <td>${this.when(g)}</td>
          <td>${
            manage
              ? html`<div class="actions">
            <button class="small secondary" aria-label=${this.t('admin.groups.edit', { name: g.name })}
              @click=${() => this.edit(g)}>${this.t('admin.edit')}</button>
            <button class="small danger"
              aria-label=${this.confirmText(`group:${g.id}`, this.t('admin.groups.delete', { name: g.name }))}
              @click=${() => this.delete(g)}>${this.confirmText(`group:${g.id}`, this.t('admin.delete'))}</button></div
                >`
              : nothing
          }</td>
        </tr>`,
        )}</tbody></table>
        ${
          this.nextCursor
            ? html`<button part="more" class="secondary" ?disabled=${loading}
          @click=${() => this.load(true)}>${this.t('admin.loadMore')}</button>`
            : nothing
        }`
      : html`<p class="muted" part="empty">${this.t(loading ? 'common.loading' : 'admin.groups.none')}</p>`;
  }

  private renderForm() {
    const d = this.draft;
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="group-form-title">
      <h3 id="group-form-title"
        >${this.editing === 'new' ? this.t('admin.groups.new') : this.t('admin.groups.edit', { name: d.name })}</h3>
      ${renderField(
        { id: 'g-name', label: this.t('admin.groups.name'), error: this.nameError },
        (w) => html`<input id="g-name" .value=${d.name} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
          @input=${(e: Event) => (this.draft = { ...this.draft, name: (e.target as HTMLInputElement).value })} />`,
      )}
      ${renderField(
        { id: 'g-description', label: this.t('admin.groups.description') },
        () => html`<input id="g-description" .value=${d.description}
          @input=${(e: Event) => (this.draft = { ...this.draft, description: (e.target as HTMLInputElement).value })}
            />`,
      )}
      ${renderField(
        { id: 'g-ends', label: this.t('admin.groups.endsAt') },
        () => html`<input id="g-ends" type="date" .value=${d.endsAt}
          @input=${(e: Event) => (this.draft = { ...this.draft, endsAt: (e.target as HTMLInputElement).value })} />`,
      )}
      ${
        this.serviceGroups
          ? html`<div class="field wide"><label class="check"><input id="g-service" type="checkbox"
              .checked=${d.service} aria-describedby="g-service-hint"
              @change=${(e: Event) => (this.draft = { ...this.draft, service: (e.target as HTMLInputElement).checked })}
              />${this.t('admin.groups.service')}</label>
            <p class="muted" id="g-service-hint">${this.t('admin.groups.serviceHint')}</p></div>`
          : nothing
      }
      <fieldset class="field wide">
        <legend>${this.t('admin.groups.entries')}</legend>
        ${
          d.entries.length
            ? html`<ul part="entries">${d.entries.map(
                (e, i) => html`<li>
          ${this.t(`admin.groups.kind.${e.kind}` as MessageKey)}: ${e.name}
          ${
            e.kind === 'department'
              ? html`<label class="check inline"><input type="checkbox" .checked=${e.includeSubdepartments}
            @change=${(ev: Event) => {
              const entries = [...d.entries];
              entries[i] = { ...e, includeSubdepartments: (ev.target as HTMLInputElement).checked };
              this.draft = { ...this.draft, entries };
            }} />
            ${this.t('admin.groups.subdepartments')}</label>`
              : nothing
          }
          <button type="button" class="small danger" aria-label=${this.t('admin.groups.removeEntry', { name: e.name })}
            @click=${() => this.removeEntry(i)}>${this.t('admin.remove')}</button>
        </li>`,
              )}</ul>`
            : html`<p class="muted">${this.t('admin.groups.noEntries')}</p>`
        }
        <div part="picker" class="field">
          <label for="g-pick">${this.t('admin.groups.pick')}</label>
          <input id="g-pick" type="search" .value=${this.pickQuery} placeholder=${this.t('admin.groups.pickHint')}
            aria-controls="g-results"
            @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
          <ul id="g-results" aria-label=${this.t('admin.groups.results')}>${this.candidates.map(
            (c) => html`<li>
            <button type="button" class="small secondary" aria-label=${this.t('admin.groups.add', { name: c.name })}
              @click=${() => this.add(c)}>+</button>
            ${this.t(`admin.groups.kind.${c.kind}` as MessageKey)}: ${c.name} <span class="muted">${c.detail}</span></li
              >`,
          )}</ul>
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.t('admin.save')}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = null)}>${this.t('admin.cancel')}</button>
      </div>
    </form>`;
  }
}
