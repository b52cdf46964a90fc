import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { isAbort, type HeraldProblem, type Permission } from '@herald/client';
import { fieldErrorMessages, renderField, type MessageKey } from '@herald/core';
import type { MemberDraft, MemberQuery } from '../api/admin-api.js';
import type { Department, Member, MemberDetail, Position, Role } from '../api/types.js';
import { HeraldGrantCreateEvent } from '../events/grant-create.js';
import { HeraldGrantDeleteEvent } from '../events/grant-delete.js';
import { HeraldMemberCreateEvent } from '../events/member-create.js';
import { HeraldMemberPasswordResetEvent } from '../events/member-password-reset.js';
import { HeraldMemberPasswordResetRequestEvent } from '../events/member-password-reset-request.js';
import { HeraldMemberUpdateEvent } from '../events/member-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { displayOrder, indented } from '../shared/departments.js';
import { permissionWords, roleName } from '../shared/permission-words.js';
import { styles } from './members.styles.js';

const EMPLOYEE_NO = /^[A-Za-z0-9._-]{1,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(1[3-9]\d{9}|\+\d{8,15})$/;
const FIELDS = ['employeeNo', 'name', 'email', 'phone', 'departmentId', 'positionId'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string> & { extraDepartmentIds: string[]; locale: string };
const emptyForm = (): Form => ({
  employeeNo: '',
  name: '',
  email: '',
  phone: '',
  departmentId: '',
  positionId: '',
  extraDepartmentIds: [],
  locale: '',
});
/** A list the caller may not be allowed to read: refused, it is empty; an abort stays an abort (the load is dropped) */
const orEmpty = <T>(list: Promise<T[]>): Promise<T[]> =>
  list.catch((error: unknown) => (isAbort(error) ? Promise.reject(error) : []));

/**
 * The members tab: server-side search (name, pinyin, employee number, e-mail, phone), filters, keyset pages,
 * create/edit with per-field errors, disable/enable, password reset, role grants and effective permissions.
 *
 * @tag herald-admin-members
 * @fires {HeraldMemberCreateEvent} herald-member-create - A member was created. `detail.id`.
 * @fires {HeraldMemberUpdateEvent} herald-member-update - A member was edited, disabled or enabled. `detail.id`.
 * @fires {HeraldMemberPasswordResetEvent} herald-member-password-reset - A temporary password was issued. `detail.id`.
 * @fires {HeraldMemberPasswordResetRequestEvent} herald-member-password-reset-request - Cancelable, just before a
 *   confirmed password reset.
 *   `detail = { id, name }`.
 * @fires {HeraldGrantCreateEvent} herald-grant-create - A role was granted. `detail.id` is the member's.
 * @fires {HeraldGrantDeleteEvent} herald-grant-delete - A grant was removed. `detail.id` is the member's.
 * @csspart toolbar - Search and filters.
 * @csspart table - The member table.
 * @csspart row - One member row.
 * @csspart more - The "Load more" button.
 * @csspart form - The create/edit form.
 * @csspart detail - The selected member's password, roles and permissions.
 * @csspart create - The "New member" button.
 * @csspart empty - Said when no member matches.
 * @csspart save - The form's submit button.
 * @csspart password - The temporary password, shown once with its copy button.
 * @csspart grants - The member's role grants.
 * @csspart permissions - The member's effective permissions in plain words.
 */
export class HeraldAdminMembers extends AdminTab {
  static override styles = styles;

  @state() private items: Member[] = [];
  @state() private nextCursor: string | null = null;
  @state() private departments: Department[] = [];
  @state() private positions: Position[] = [];
  @state() private roles: Role[] = [];
  @state() private query: MemberQuery = { q: '', departmentId: '', subtree: true, status: 'active' };
  /** 'new', a member id being edited, or null. */
  @state() private editing: string | null = null;
  @state() private form: Form = emptyForm();
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private detail: MemberDetail | null = null;
  @state() private temporaryPassword = '';
  @state() private grantRole = '';
  @state() private grantDepartment = '';
  private searchTimer?: ReturnType<typeof setTimeout>;

  /** The member list: a search (cursor null) or "Load more" (the cursor); a newer run aborts an older one. */
  private readonly list = this.loader(
    () => [this.query, null] as [MemberQuery, string | null],
    async ([query, cursor], signal) => ({ cursor, page: await this.api.members({ ...query, cursor }, signal) }),
    ({ cursor, page }) => {
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  /**
   * The reference lists the filters and the form pick from (issue 16): leaving the tab aborts their load, and a newer
   * one supersedes an older. Positions and roles may be refused (no permission to read them): they are then empty.
   */
  private readonly reference = this.loader(
    () => [] as const,
    (_, signal) =>
      Promise.all([this.api.departments(signal), orEmpty(this.api.positions(signal)), orEmpty(this.api.roles(signal))]),
    ([departments, positions, roles]) => {
      this.departments = displayOrder(departments);
      this.positions = positions;
      this.roles = roles;
    },
  );

  protected async load(): Promise<void> {
    await Promise.all([this.reference.run(), this.search()]);
  }

  /**
   * The departments to filter by and to place members in: all for an organisation admin (or a viewer without
   * department.manage), else only those the caller manages.
   */
  private get manageableDepartments(): Department[] {
    if (this.can('org.admin') || !this.can('department.manage')) return this.departments;
    return displayOrder(this.departments.filter((d) => d.manageable));
  }

  /** Reloads the first page for the current query (superseding, and aborting, a search still under way). */
  search(): Promise<void> {
    return this.list.run([this.query, null]);
  }

  private more() {
    return this.list.run([this.query, this.nextCursor]);
  }

  private setQuery(patch: Partial<MemberQuery>, debounce = false) {
    this.query = { ...this.query, ...patch };
    clearTimeout(this.searchTimer);
    if (debounce) this.searchTimer = setTimeout(() => void this.search(), 250);
    else void this.search();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private startCreate() {
    this.editing = 'new';
    this.detail = null;
    this.temporaryPassword = '';
    this.fieldErrors = {};
    this.form = { ...emptyForm(), departmentId: this.query.departmentId || (this.manageableDepartments[0]?.id ?? '') };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#m-employeeNo')?.focus());
  }

  private async open(member: Member) {
    this.editing = member.id;
    this.temporaryPassword = '';
    this.fieldErrors = {};
    this.form = {
      employeeNo: member.employeeNo,
      name: member.name,
      email: member.email ?? '',
      phone: member.phone ?? '',
      departmentId: member.departmentId ?? '',
      positionId: member.positionId ?? '',
      extraDepartmentIds: [...member.extraDepartmentIds],
      locale: member.locale ?? '',
    };
    this.detail = (await this.run(() => this.api.member(member.id))) ?? null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#m-name')?.focus();
  }

  private close() {
    const id = this.editing;
    this.editing = null;
    this.detail = null;
    this.temporaryPassword = '';
    void this.updateComplete.then(() => {
      const row =
        id && id !== 'new' ? this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] button`) : null;
      (row ?? this.renderRoot.querySelector<HTMLElement>('#new-member'))?.focus();
    });
  }

  /** Client-side checks; the server checks again and its `errors[]` land on the same fields. */
  private validate(): boolean {
    const f = this.form;
    const errors: Partial<Record<Field, string>> = {};
    if (this.editing === 'new') {
      if (!f.employeeNo.trim()) errors.employeeNo = this.t('admin.error.required');
      else if (!EMPLOYEE_NO.test(f.employeeNo.trim())) errors.employeeNo = this.t('admin.error.employeeNo');
    }
    if (!f.name.trim()) errors.name = this.t('admin.error.required');
    if (f.email.trim() && !EMAIL.test(f.email.trim())) errors.email = this.t('admin.error.email');
    if (f.phone.trim() && !PHONE.test(f.phone.trim())) errors.phone = this.t('admin.error.phone');
    if (!f.departmentId) errors.departmentId = this.t('admin.error.required');
    this.fieldErrors = errors;
    return Object.keys(errors).length === 0;
  }

  protected override onProblem(problem: HeraldProblem | undefined): void {
    if (!problem?.errors?.length || !this.editing) return;
    this.fieldErrors = fieldErrorMessages(problem.errors, FIELDS, this.i18n);
  }

  private focusFirstError() {
    void this.updateComplete.then(() => {
      const first = FIELDS.find((f) => this.fieldErrors[f]);
      if (first) this.renderRoot.querySelector<HTMLElement>(`#m-${first}`)?.focus();
    });
  }

  private async save(event: Event) {
    event.preventDefault();
    if (!this.validate()) {
      this.error = this.t('problem.validation');
      this.focusFirstError();
      return;
    }
    const f = this.form;
    const draft: MemberDraft = {
      name: f.name.trim(),
      email: f.email.trim() || null,
      phone: f.phone.trim() || null,
      departmentId: f.departmentId,
      positionId: f.positionId || null,
      extraDepartmentIds: f.extraDepartmentIds.filter((id) => id !== f.departmentId),
      locale: f.locale || null,
    };
    if (this.editing === 'new') {
      const created = await this.run(() =>
        this.api.createMember({
          ...draft,
          name: f.name.trim(),
          departmentId: f.departmentId,
          employeeNo: f.employeeNo.trim(),
        }),
      );
      if (!created) return this.focusFirstError();
      this.emit(new HeraldMemberCreateEvent({ id: created.id }));
      this.items = [created, ...this.items.filter((m) => m.id !== created.id)];
      this.editing = created.id;
      this.detail = (await this.run(() => this.api.member(created.id))) ?? null;
      this.temporaryPassword = created.initialPassword;
      this.notice = this.t('admin.members.created', { name: created.name });
    } else if (this.editing) {
      const id = this.editing;
      const updated = await this.run(() => this.api.updateMember(id, draft));
      if (!updated) return this.focusFirstError();
      this.emit(new HeraldMemberUpdateEvent({ id }));
      this.items = this.items.map((m) => (m.id === id ? updated : m));
      this.notice = this.t('admin.saved');
    }
  }

  private async toggleDisabled() {
    const detail = this.detail;
    if (!detail) return;
    const updated = await this.run(() => this.api.updateMember(detail.id, { disabled: !detail.disabled }));
    if (!updated) return;
    this.emit(new HeraldMemberUpdateEvent({ id: detail.id }));
    this.items = this.items.map((m) => (m.id === detail.id ? updated : m));
    this.detail = { ...detail, ...updated };
    this.notice = this.t(updated.disabled ? 'admin.members.disabledNotice' : 'admin.members.enabledNotice', {
      name: updated.name,
    });
  }

  private async resetPassword() {
    const detail = this.detail;
    if (!detail) return;
    const request = () => new HeraldMemberPasswordResetRequestEvent({ id: detail.id, name: detail.name });
    if (!this.confirmed(`password:${detail.id}`, request)) return;
    const answer = await this.run(() => this.api.resetPassword(detail.id));
    if (!answer) return;
    this.emit(new HeraldMemberPasswordResetEvent({ id: detail.id }));
    this.temporaryPassword = answer.temporaryPassword;
  }

  private async copyPassword() {
    try {
      await navigator.clipboard.writeText(this.temporaryPassword);
      this.notice = this.t('admin.copied');
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#temporary-password')?.select();
    }
  }

  private async addGrant(event: Event) {
    event.preventDefault();
    const detail = this.detail;
    if (!detail || !this.grantRole) return;
    const done = await this.run(() =>
      this.api.grant(detail.id, { roleId: this.grantRole, departmentId: this.grantDepartment || null }),
    );
    if (done === undefined && this.error) return;
    this.emit(new HeraldGrantCreateEvent({ id: detail.id }));
    this.grantRole = '';
    this.grantDepartment = '';
    this.detail = (await this.run(() => this.api.member(detail.id))) ?? detail;
  }

  private async removeGrant(grantId: string) {
    const detail = this.detail;
    if (!detail) return;
    const ok = await this.run(async () => (await this.api.revoke(detail.id, grantId), true));
    if (!ok) return;
    this.emit(new HeraldGrantDeleteEvent({ id: detail.id }));
    this.detail = (await this.run(() => this.api.member(detail.id))) ?? detail;
  }

  private departmentName(id: string): string {
    return this.departments.find((d) => d.id === id)?.name ?? id;
  }

  override render() {
    const manage = this.can('org.admin', 'department.manage');
    return html`
      <div role="alert" part="alert"
        >${this.error || this.loadProblem(this.reference) || this.loadProblem(this.list)}</div>
      <div role="status" part="status">${this.notice}</div>
      ${this.renderToolbar(manage)}
      ${this.editing ? this.renderForm() : nothing}
      ${this.renderTable()}
    `;
  }

  private renderToolbar(manage: boolean) {
    const q = this.query;
    return html`<div part="toolbar" role="search">
      <div class="field grow">
        <label for="q">${this.t('admin.members.search')}</label>
        <input id="q" type="search" .value=${q.q ?? ''} placeholder=${this.t('admin.members.searchHint')}
          @input=${(e: Event) => this.setQuery({ q: (e.target as HTMLInputElement).value }, true)} />
      </div>
      ${renderField(
        { id: 'department', label: this.t('admin.members.department') },
        () => html`<select id="department"
          @change=${(e: Event) => this.setQuery({ departmentId: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!q.departmentId}>${this.t('admin.members.allDepartments')}</option>
          ${this.manageableDepartments.map(
            (d) => html`<option value=${d.id} ?selected=${q.departmentId === d.id}
            >${indented(d)}</option>`,
          )}
        </select>`,
      )}
      <label class="check"><input type="checkbox" .checked=${q.subtree ?? true}
        @change=${(e: Event) => this.setQuery({ subtree: (e.target as HTMLInputElement).checked })}
          />${this.t('admin.members.subtree')}</label>
      ${renderField(
        { id: 'status', label: this.t('admin.members.status') },
        () => html`<select id="status"
          @change=${(e: Event) =>
            this.setQuery({ status: (e.target as HTMLSelectElement).value as MemberQuery['status'] })}>
          ${(['active', 'disabled', 'all'] as const).map(
            (s) => html`<option value=${s} ?selected=${q.status === s}
            >${this.t(`admin.members.status.${s}`)}</option>`,
          )}
        </select>`,
      )}
      ${
        manage
          ? html`<button id="new-member" part="create" @click=${this.startCreate}
        >${this.t('admin.members.new')}</button>`
          : nothing
      }
    </div>`;
  }

  /** Loading until the first answer; while a newer search runs the last answer stays, marked busy. */
  private renderTable() {
    const loading = html`<p class="muted">${this.t('common.loading')}</p>`;
    return this.list.render({
      initial: () => loading,
      pending: () => (this.items.length ? this.renderRows(true) : loading),
      complete: () => this.renderRows(false),
      error: () => this.renderRows(false),
    });
  }

  private renderRows(busy: boolean) {
    if (!this.items.length) return html`<p class="muted" part="empty">${this.t('admin.members.none')}</p>`;
    return html`<table part="table" aria-busy=${busy ? 'true' : 'false'}>
        <caption class="visually-hidden">${this.t('admin.members.caption')}</caption>
        <thead><tr>
          <th scope="col">${this.t('admin.members.employeeNo')}</th><th scope="col">${this.t('admin.members.name')}</th>
          <th scope="col">${this.t('admin.members.department')}</th><th scope="col"
            >${this.t('admin.members.position')}</th>
          <th scope="col">${this.t('admin.members.contact')}</th><th scope="col">${this.t('admin.members.status')}</th>
        </tr></thead>
        <tbody>${this.items.map(
          (m) => html`<tr part="row" data-id=${m.id} aria-selected=${this.editing === m.id ? 'true' : 'false'}>
          <td>${m.employeeNo}</td>
          <td><button class="link" @click=${() => this.open(m)}
            aria-label=${this.t('admin.members.open', { name: m.name })}>${m.name}</button></td>
          <td>${m.departmentName ?? ''}</td><td>${m.positionName ?? ''}</td>
          <td>${m.email ?? ''}${m.email && m.phone ? html`<br />` : ''}${m.phone ?? ''}</td>
          <td>${m.disabled ? this.t('admin.members.status.disabled') : this.t('admin.members.status.active')}</td>
        </tr>`,
        )}</tbody>
      </table>
      ${
        this.nextCursor
          ? html`<button part="more" class="secondary" ?disabled=${this.busy || busy} @click=${this.more}
        >${this.t('admin.loadMore')}</button>`
          : nothing
      }`;
  }

  private input(field: Field, key: MessageKey, type = 'text', autocomplete = 'off') {
    const readonly = (field === 'employeeNo' && this.editing !== 'new') || !this.can('org.admin', 'department.manage');
    return renderField(
      { id: `m-${field}`, label: this.t(key), error: this.fieldErrors[field] },
      (w) => html`
      <input id="m-${field}" type=${type} autocomplete=${autocomplete} .value=${this.form[field]} ?readonly=${readonly}
        aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
        @input=${(e: Event) => (this.form = { ...this.form, [field]: (e.target as HTMLInputElement).value })} />`,
    );
  }

  private select(
    field: 'departmentId' | 'positionId',
    key: MessageKey,
    options: Array<{ value: string; label: string }>,
  ) {
    return renderField(
      { id: `m-${field}`, label: this.t(key), error: this.fieldErrors[field] },
      (w) => html`
      <select id="m-${field}" ?disabled=${!this.can('org.admin', 'department.manage')}
        aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
        @change=${(e: Event) => (this.form = { ...this.form, [field]: (e.target as HTMLSelectElement).value })}>
        ${options.map(
          (o) => html`<option value=${o.value} ?selected=${this.form[field] === o.value}>${o.label}</option
          >`,
        )}
      </select>`,
    );
  }

  private renderForm() {
    const isNew = this.editing === 'new';
    const manage = this.can('org.admin', 'department.manage');
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="form-title">
        <h3 id="form-title"
          >${isNew ? this.t('admin.members.new') : this.t('admin.members.edit', { name: this.form.name })}</h3>
        ${this.input('employeeNo', 'admin.members.employeeNo')}
        ${this.input('name', 'admin.members.name', 'text', 'name')}
        ${this.input('email', 'admin.members.email', 'email', 'email')}
        ${this.input('phone', 'admin.members.phone', 'tel', 'tel')}
        ${this.select('departmentId', 'admin.members.department', [
          { value: '', label: this.t('admin.choose') },
          ...this.manageableDepartments.map((d) => ({ value: d.id, label: indented(d) })),
        ])}
        ${this.select('positionId', 'admin.members.position', [
          { value: '', label: this.t('admin.none') },
          ...this.positions.map((p) => ({ value: p.id, label: p.name })),
        ])}
        ${renderField(
          { id: 'm-extra', label: this.t('admin.members.extraDepartments'), hint: this.t('admin.members.extraHint') },
          (w) => html`<select id="m-extra" multiple size="4" ?disabled=${!manage} aria-describedby=${w.describedBy}
            @change=${(e: Event) =>
              (this.form = {
                ...this.form,
                extraDepartmentIds: [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value),
              })}>
            ${this.departments
              .filter((d) => d.id !== this.form.departmentId)
              .map(
                (d) => html`<option value=${d.id}
              ?selected=${this.form.extraDepartmentIds.includes(d.id)}>${indented(d)}</option>`,
              )}
          </select>`,
        )}
        ${renderField(
          { id: 'm-locale', label: this.t('admin.members.locale') },
          () => html`<select id="m-locale" ?disabled=${!manage}
            @change=${(e: Event) => (this.form = { ...this.form, locale: (e.target as HTMLSelectElement).value })}>
            ${[
              ['', this.t('admin.members.locale.auto')],
              ['zh-CN', '简体中文'],
              ['en', 'English'],
            ].map(
              ([value, label]) =>
                html`<option value=${value!} ?selected=${this.form.locale === value} lang=${value || nothing}
                  >${label}</option>`,
            )}
          </select>`,
        )}
        <div class="actions">
          ${
            manage
              ? html`<button type="submit" part="save" ?disabled=${this.busy}
            >${this.t(isNew ? 'admin.create' : 'admin.save')}</button>`
              : nothing
          }
          <button type="button" class="secondary" @click=${this.close}>${this.t('admin.close')}</button>
        </div>
      </form>
      ${this.detail ? this.renderDetail(this.detail, manage) : nothing}`;
  }

  private renderDetail(detail: MemberDetail, manage: boolean) {
    const orgAdmin = this.can('org.admin');
    return html`<section part="detail" aria-labelledby="detail-title">
      <h3 id="detail-title">${this.t('admin.members.access', { name: detail.name })}</h3>
      ${
        manage
          ? html`<div class="actions">
        <button class=${detail.disabled ? 'secondary' : 'danger'} @click=${this.toggleDisabled} ?disabled=${this.busy}>
          ${this.t(detail.disabled ? 'admin.members.enable' : 'admin.members.disable')}</button>
        <button class="secondary" @click=${this.resetPassword} ?disabled=${this.busy}
          >${this.confirmText(`password:${detail.id}`, this.t('admin.members.resetPassword'))}</button>
      </div>`
          : nothing
      }
      ${
        this.temporaryPassword
          ? renderField(
              {
                id: 'temporary-password',
                label: this.t('admin.members.temporaryPassword'),
                hint: this.t('admin.members.temporaryHint'),
                part: 'password',
              },
              (w) => html`<div class="actions">
                <input id="temporary-password" class="secret" readonly .value=${this.temporaryPassword}
                  aria-describedby=${w.describedBy} />
                <button class="secondary" @click=${this.copyPassword}>${this.t('admin.copy')}</button>
              </div>`,
            )
          : nothing
      }
      <h4>${this.t('admin.members.roles')}</h4>
      ${
        detail.grants.length
          ? html`<ul part="grants">${detail.grants.map((g) => {
              const role = this.grantRoleName(g);
              return html`<li>
          ${
            g.departmentId
              ? this.t('admin.members.grantScoped', {
                  role,
                  department: g.departmentName ?? this.departmentName(g.departmentId),
                })
              : role
          }
          ${
            orgAdmin
              ? html`<button class="small danger" @click=${() => this.removeGrant(g.id)}
            aria-label=${this.t('admin.members.revoke', { role })}>${this.t('admin.remove')}</button>`
              : nothing
          }
        </li>`;
            })}</ul>`
          : html`<p class="muted">${this.t('admin.members.noRoles')}</p>`
      }
      ${
        orgAdmin
          ? html`<form class="actions" @submit=${this.addGrant} aria-label=${this.t('admin.members.grant')}>
        ${renderField(
          { id: 'grant-role', label: this.t('admin.members.role') },
          () => html`<select id="grant-role"
            @change=${(e: Event) => (this.grantRole = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.grantRole}>${this.t('admin.choose')}</option>
            ${this.roles.map(
              (r) => html`<option value=${r.id} ?selected=${this.grantRole === r.id}
              >${roleName(this.i18n, r)}</option>`,
            )}
          </select>`,
        )}
        ${renderField(
          { id: 'grant-scope', label: this.t('admin.members.scope') },
          () => html`<select id="grant-scope"
            @change=${(e: Event) => (this.grantDepartment = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.grantDepartment}>${this.t('admin.members.wholeOrganisation')}</option>
            ${this.departments.map(
              (d) => html`<option value=${d.id} ?selected=${this.grantDepartment === d.id}
              >${indented(d)}</option>`,
            )}
          </select>`,
        )}
        <button type="submit" class="secondary" ?disabled=${!this.grantRole || this.busy}
          >${this.t('admin.members.grant')}</button>
      </form>`
          : nothing
      }
      <h4>${this.t('admin.members.effective')}</h4>
      ${
        detail.effectivePermissions.length
          ? html`<ul part="permissions">${detail.effectivePermissions.map(
              (p) => html`<li>
          ${permissionWords(
            this.i18n,
            p.permission as Permission,
            p.departmentIds?.map((id) => this.departmentName(id)),
          )}</li>`,
            )}</ul>`
          : html`<p class="muted">${this.t('admin.members.readAndReply')}</p>`
      }
    </section>`;
  }

  /** A grant's role in the reader's language (built-in names are translated). */
  private grantRoleName(grant: { roleId: string; roleName: string }): string {
    const role = this.roles.find((r) => r.id === grant.roleId);
    return role ? roleName(this.i18n, role) : grant.roleName;
  }
}
