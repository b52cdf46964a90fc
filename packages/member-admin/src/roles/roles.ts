import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Permission } from '@herald/client';
import { renderField, type MessageKey } from '@herald/core';
import type { Role } from '../api/types.js';
import { HeraldRoleCreateEvent } from '../events/role-create.js';
import { HeraldRoleDeleteEvent } from '../events/role-delete.js';
import { HeraldRoleDeleteRequestEvent } from '../events/role-delete-request.js';
import { HeraldRoleUpdateEvent } from '../events/role-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { PERMISSION_LIST, permissionWords, roleName, rolePermissionWords } from '../shared/permission-words.js';
import { listStyles, tabStyles } from '../shared/styles.js';

/**
 * The roles tab: built-in and custom roles with their permissions in plain words; create, edit and delete custom roles.
 *
 * @tag herald-admin-roles
 * @fires {HeraldRoleCreateEvent} herald-role-create - `detail.id`.
 * @fires {HeraldRoleUpdateEvent} herald-role-update - `detail.id`.
 * @fires {HeraldRoleDeleteEvent} herald-role-delete - `detail.id`.
 * @fires {HeraldRoleDeleteRequestEvent} herald-role-delete-request - Cancelable, just before a confirmed delete.
 *   `detail = { id, name }`.
 * @csspart table - The roles table.
 * @csspart row - One role.
 * @csspart form - The create/edit form.
 * @csspart toolbar - The actions above the table.
 * @csspart note - The note on department-scoped permissions.
 */
export class HeraldAdminRoles extends AdminTab {
  static override styles = [
    ...tabStyles,
    listStyles,
    css`
    .about { margin: var(--_herald-space-1) 0 0; font-weight: normal; color: var(--_herald-color-text-muted); font-size:
      var(--_herald-font-size-s); }
    .note { color: var(--_herald-color-text-muted); font-size: var(--_herald-font-size-s); }
  `,
  ];

  @state() private roles: Role[] = [];
  /** 'new', a role id, or null. */
  @state() private editing: string | null = null;
  @state() private name = '';
  @state() private permissions = new Set<Permission>();
  @state() private nameError = '';

  /** The roles; leaving the tab aborts the load, and a newer one supersedes an older (issue 16). */
  private readonly list = this.loader(
    () => [] as const,
    (_, signal) => this.api.roles(signal),
    (roles) => void (this.roles = roles),
  );

  protected load(): Promise<void> {
    return this.list.run();
  }

  private edit(role: Role | null) {
    this.editing = role?.id ?? 'new';
    this.name = role?.name ?? '';
    this.permissions = new Set((role?.permissions ?? []) as Permission[]);
    this.nameError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#role-name')?.focus());
  }

  private toggle(p: Permission, on: boolean) {
    const next = new Set(this.permissions);
    if (on) next.add(p);
    else next.delete(p);
    this.permissions = next;
  }

  private async save(event: Event) {
    event.preventDefault();
    if (!this.name.trim()) {
      this.nameError = this.t('admin.error.required');
      this.renderRoot.querySelector<HTMLInputElement>('#role-name')?.focus();
      return;
    }
    this.nameError = '';
    const input = { name: this.name.trim(), permissions: PERMISSION_LIST.filter((p) => this.permissions.has(p)) };
    const id = this.editing === 'new' ? null : this.editing;
    const saved = await this.run(() => (id ? this.api.updateRole(id, input) : this.api.createRole(input)));
    if (!saved) return;
    const detail = { id: saved.id };
    this.emit(id ? new HeraldRoleUpdateEvent(detail) : new HeraldRoleCreateEvent(detail));
    this.roles = id ? this.roles.map((r) => (r.id === id ? saved : r)) : [...this.roles, saved];
    this.editing = null;
    this.notice = this.t('admin.saved');
  }

  private async delete(role: Role) {
    if (!this.confirmed(`role:${role.id}`, () => new HeraldRoleDeleteRequestEvent({ id: role.id, name: role.name })))
      return;
    const ok = await this.run(async () => (await this.api.deleteRole(role.id), true));
    if (!ok) return;
    this.emit(new HeraldRoleDeleteEvent({ id: role.id }));
    this.roles = this.roles.filter((r) => r.id !== role.id);
    this.notice = this.t('admin.roles.deleted', { name: role.name });
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.list)}</div>
      <div role="status" part="status">${this.notice}</div>
      <div part="toolbar"><button id="new-role" @click=${() => this.edit(null)}>${this.t('admin.roles.new')}</button
        ></div>
      ${this.editing ? this.renderForm() : nothing}
      <table part="table">
        <caption class="visually-hidden">${this.t('admin.tab.roles')}</caption>
        <thead><tr><th scope="col">${this.t('admin.roles.name')}</th><th scope="col"
          >${this.t('admin.roles.permissions')}</th>
          <th scope="col">${this.t('admin.roles.members')}</th><th scope="col"><span class="visually-hidden"
            >${this.t('admin.actions')}</span></th></tr></thead>
        <tbody>${this.roles.map(
          (r) => html`<tr part="row">
          <th scope="row">${roleName(this.i18n, r)}${
            r.builtinKey
              ? html` <span class="muted">(${this.t('admin.roles.builtin')})</span>
            <p class="about">${this.t(`admin.role.about.${r.builtinKey}` as MessageKey)}</p>`
              : nothing
          }</th>
          <td><ul>${rolePermissionWords(this.i18n, r.permissions as Permission[]).map(
            (words) => html`<li>${words}</li
            >`,
          )}</ul></td>
          <td>${r.memberCount}</td>
          <td>${
            r.builtinKey
              ? nothing
              : html`<div class="actions">
            <button class="small secondary" aria-label=${this.t('admin.roles.edit', { name: r.name })}
              @click=${() => this.edit(r)}>${this.t('admin.edit')}</button>
            <button class="small danger"
              aria-label=${this.confirmText(`role:${r.id}`, this.t('admin.roles.delete', { name: r.name }))}
              @click=${() => this.delete(r)}>${this.confirmText(`role:${r.id}`, this.t('admin.delete'))}</button></div>`
          }</td>
        </tr>`,
        )}</tbody>
      </table>
      <p class="note" part="note">${this.t('admin.roles.scopeNote')}</p>`;
  }

  private renderForm() {
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="role-form-title">
      <h3 id="role-form-title"
        >${this.editing === 'new' ? this.t('admin.roles.new') : this.t('admin.roles.edit', { name: this.name })}</h3>
      ${renderField(
        { id: 'role-name', label: this.t('admin.roles.name'), error: this.nameError },
        (
          w,
        ) => html`<input id="role-name" .value=${this.name} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />`,
      )}
      <fieldset class="field">
        <legend>${this.t('admin.roles.permissions')}</legend>
        ${PERMISSION_LIST.map(
          (p) => html`<label class="check"><input type="checkbox" .checked=${this.permissions.has(p)}
          @change=${(e: Event) => this.toggle(p, (e.target as HTMLInputElement).checked)}
            />${permissionWords(this.i18n, p)}</label>`,
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.t('admin.save')}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = null)}>${this.t('admin.cancel')}</button>
      </div>
    </form>`;
  }
}
