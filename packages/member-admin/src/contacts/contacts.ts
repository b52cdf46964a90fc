import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { HeraldProblem } from '@herald/client';
import { fieldErrorMessages, renderField, type MessageKey } from '@herald/core';
import type { ContactDraft } from '../api/admin-api.js';
import type { Contact } from '../api/types.js';
import { HeraldContactCreateEvent } from '../events/contact-create.js';
import { HeraldContactUpdateEvent } from '../events/contact-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { listStyles, tabStyles } from '../shared/styles.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(1[3-9]\d{9}|\+\d{8,15})$/;
const FIELDS = ['kind', 'name', 'company', 'title', 'email', 'phone', 'tags'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string> & { portalEnabled: boolean };
const emptyForm = (): Form => ({
  kind: 'customer',
  name: '',
  company: '',
  title: '',
  email: '',
  phone: '',
  tags: '',
  portalEnabled: false,
});

/**
 * The external contacts tab: search, create/edit (kind, company, name, title, e-mail, phone, tags), disable/enable,
 * and portal access (organisation admins only).
 *
 * @tag herald-admin-contacts
 * @fires {HeraldContactCreateEvent} herald-contact-create - `detail.id`.
 * @fires {HeraldContactUpdateEvent} herald-contact-update - Edited, disabled/enabled, or portal access changed.
 *   `detail.id`.
 * @csspart toolbar - Search and filters.
 * @csspart table - The contacts.
 * @csspart row - One contact.
 * @csspart form - The create/edit form.
 * @csspart more - The "Load more" button.
 * @csspart empty - Said when no contact matches.
 *
 * "Notes" on a row shows <herald-admin-contact-notes> for that contact (issue 19 item 6): the calls, meetings and
 * agreements logged on it and the conversations with it.
 */
export class HeraldAdminContacts extends AdminTab {
  static override styles = [...tabStyles, listStyles];

  @state() private items: Contact[] = [];
  @state() private nextCursor: string | null = null;
  @state() private q = '';
  @state() private kind = '';
  @state() private status = 'active';
  @state() private editing: string | null = null;
  @state() private form: Form = emptyForm();
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  /** The contact whose notes and conversations are shown (issue 19 item 6). */
  @state() private notesFor: Contact | null = null;
  private timer?: ReturnType<typeof setTimeout>;

  /** The contact list: a search (cursor null) or "Load more"; a newer run aborts an older one (issue 16). */
  private readonly list = this.loader(
    () => [null] as [string | null],
    async ([cursor], signal) => {
      const query = { q: this.q, kind: this.kind || undefined, status: this.status, cursor };
      return { cursor, page: await this.api.contacts(query, signal) };
    },
    ({ cursor, page }) => {
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  protected load(more = false): Promise<void> {
    return this.list.run([more ? this.nextCursor : null]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private edit(contact: Contact | null) {
    this.editing = contact?.id ?? 'new';
    this.fieldErrors = {};
    this.form = contact
      ? {
          kind: contact.kind,
          name: contact.name,
          company: contact.company ?? '',
          title: contact.title ?? '',
          email: contact.email ?? '',
          phone: contact.phone ?? '',
          tags: contact.tags.join('; '),
          portalEnabled: contact.portalEnabled,
        }
      : emptyForm();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#c-name')?.focus());
  }

  protected override onProblem(problem: HeraldProblem | undefined): void {
    if (!problem?.errors?.length || !this.editing) return;
    this.fieldErrors = fieldErrorMessages(problem.errors, FIELDS, this.i18n);
  }

  private async save(event: Event) {
    event.preventDefault();
    const f = this.form;
    const errors: Partial<Record<Field, string>> = {};
    if (!f.name.trim()) errors.name = this.t('admin.error.required');
    if (f.email.trim() && !EMAIL.test(f.email.trim())) errors.email = this.t('admin.error.email');
    if (f.phone.trim() && !PHONE.test(f.phone.trim())) errors.phone = this.t('admin.error.phone');
    this.fieldErrors = errors;
    if (Object.keys(errors).length) {
      this.error = this.t('problem.validation');
      this.renderRoot.querySelector<HTMLElement>(`#c-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    const draft: ContactDraft & { kind: Contact['kind']; name: string } = {
      kind: f.kind as Contact['kind'],
      name: f.name.trim(),
      company: f.company.trim() || null,
      title: f.title.trim() || null,
      email: f.email.trim() || null,
      phone: f.phone.trim() || null,
      tags: f.tags
        .split(/[;,，；]/)
        .map((t) => t.trim())
        .filter(Boolean),
    };
    if (this.can('org.admin')) draft.portalEnabled = f.portalEnabled;
    const id = this.editing === 'new' ? null : this.editing;
    const saved = await this.run(() => (id ? this.api.updateContact(id, draft) : this.api.createContact(draft)));
    if (!saved) return;
    const detail = { id: saved.id };
    this.emit(id ? new HeraldContactUpdateEvent(detail) : new HeraldContactCreateEvent(detail));
    this.items = id ? this.items.map((c) => (c.id === id ? saved : c)) : [saved, ...this.items];
    this.editing = null;
    this.notice = this.t('admin.saved');
  }

  /** Issue 19 item 6: the contact's notes and conversations, under the list; focus moves to them. */
  private async showNotes(contact: Contact) {
    this.notesFor = contact;
    await this.updateComplete;
    const notes = this.renderRoot.querySelector('herald-admin-contact-notes');
    await notes?.updateComplete;
    notes?.shadowRoot?.querySelector<HTMLElement>('#n-text')?.focus();
  }

  private async toggleDisabled(contact: Contact) {
    const saved = await this.run(() => this.api.updateContact(contact.id, { disabled: !contact.disabled }));
    if (!saved) return;
    this.emit(new HeraldContactUpdateEvent({ id: saved.id }));
    this.items = this.items.map((c) => (c.id === saved.id ? saved : c));
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.list)}</div>
      <div role="status" part="status">${this.notice}</div>
      <div part="toolbar" role="search">
        ${renderField(
          { id: 'cq', label: this.t('admin.contacts.search') },
          () =>
            html`<input id="cq" type="search" .value=${this.q} @input=${(e: Event) => {
              this.q = (e.target as HTMLInputElement).value;
              clearTimeout(this.timer);
              this.timer = setTimeout(() => void this.load(), 250);
            }} />`,
        )}
        ${renderField(
          { id: 'ckind', label: this.t('admin.contacts.kind') },
          () => html`<select id="ckind" @change=${(e: Event) => {
            this.kind = (e.target as HTMLSelectElement).value;
            void this.load();
          }}>
            <option value="">${this.t('admin.audit.any')}</option>
            <option value="customer">${this.t('admin.contacts.kind.customer')}</option><option value="partner"
              >${this.t('admin.contacts.kind.partner')}</option>
          </select>`,
        )}
        ${renderField(
          { id: 'cstatus', label: this.t('admin.members.status') },
          () => html`<select id="cstatus" @change=${(e: Event) => {
            this.status = (e.target as HTMLSelectElement).value;
            void this.load();
          }}>
            ${(['active', 'disabled', 'all'] as const).map(
              (s) => html`<option value=${s} ?selected=${this.status === s}
              >${this.t(`admin.members.status.${s}`)}</option>`,
            )}
          </select>`,
        )}
        <button id="new-contact" @click=${() => this.edit(null)}>${this.t('admin.contacts.new')}</button>
      </div>
      ${this.editing ? this.renderForm() : nothing}
      ${this.renderLoaded(this.list, (loading) => this.renderList(loading))}
      ${
        this.notesFor
          ? html`<herald-admin-contact-notes locale=${this.locale ?? nothing} .contact=${this.notesFor}
            ></herald-admin-contact-notes>
            <button class="secondary" id="close-notes" @click=${() => (this.notesFor = null)}
              >${this.t('admin.contacts.notes.close')}</button>`
          : nothing
      }`;
  }

  /** The table, or "loading" / "none" when there is no row. */
  private renderList(loading: boolean) {
    return this.items.length
      ? html`<table part="table" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="visually-hidden">${this.t('admin.tab.contacts')}</caption>
        <thead><tr><th scope="col">${this.t('admin.members.name')}</th><th scope="col"
          >${this.t('admin.contacts.company')}</th>
          <th scope="col">${this.t('admin.members.contact')}</th><th scope="col">${this.t('admin.contacts.tags')}</th>
          <th scope="col">${this.t('admin.contacts.portal')}</th><th scope="col"><span class="visually-hidden"
            >${this.t('admin.actions')}</span></th></tr></thead>
        <tbody>${this.items.map(
          (c) => html`<tr part="row">
          <th scope="row">${c.name}<br /><span class="muted"
            >${this.t(`admin.contacts.kind.${c.kind}` as MessageKey)}${
              c.disabled ? ` · ${this.t('admin.members.status.disabled')}` : ''
            }</span></th>
          <td>${c.company ?? ''}${c.title ? html`<br /><span class="muted">${c.title}</span>` : nothing}</td>
          <td>${c.email ?? ''}${c.email && c.phone ? html`<br />` : ''}${c.phone ?? ''}</td>
          <td>${c.tags.join(this.t('admin.listSeparator'))}</td>
          <td>${c.portalEnabled ? this.t('admin.yes') : this.t('admin.no')}</td>
          <td><div class="actions">
            <button class="small secondary" aria-label=${this.t('admin.contacts.edit', { name: c.name })}
              @click=${() => this.edit(c)}>${this.t('admin.edit')}</button>
            <button class="small secondary" aria-label=${this.t('admin.contacts.notes.openFor', { name: c.name })}
              aria-pressed=${this.notesFor?.id === c.id ? 'true' : 'false'}
              @click=${() => this.showNotes(c)}>${this.t('admin.contacts.notes.open')}</button>
            <button class="small ${c.disabled ? 'secondary' : 'danger'}"
              aria-label=${this.t(c.disabled ? 'admin.contacts.enable' : 'admin.contacts.disable', { name: c.name })}
              @click=${() => this.toggleDisabled(c)}
                >${this.t(c.disabled ? 'admin.members.enable' : 'admin.members.disable')}</button></div></td>
        </tr>`,
        )}</tbody></table>
        ${
          this.nextCursor
            ? html`<button part="more" class="secondary" ?disabled=${loading}
          @click=${() => this.load(true)}>${this.t('admin.loadMore')}</button>`
            : nothing
        }`
      : html`<p class="muted" part="empty">${this.t(loading ? 'common.loading' : 'admin.contacts.none')}</p>`;
  }

  private input(field: Exclude<Field, 'kind'>, key: MessageKey, type = 'text') {
    return renderField(
      { id: `c-${field}`, label: this.t(key), error: this.fieldErrors[field] },
      (w) => html`
      <input id="c-${field}" type=${type} .value=${this.form[field]}
        aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
        @input=${(e: Event) => (this.form = { ...this.form, [field]: (e.target as HTMLInputElement).value })} />`,
    );
  }

  private renderForm() {
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="contact-form-title">
      <h3 id="contact-form-title"
        >${
          this.editing === 'new'
            ? this.t('admin.contacts.new')
            : this.t('admin.contacts.edit', { name: this.form.name })
        }</h3>
      ${renderField(
        { id: 'c-kind', label: this.t('admin.contacts.kind') },
        () => html`<select id="c-kind"
          @change=${(e: Event) => (this.form = { ...this.form, kind: (e.target as HTMLSelectElement).value })}>
          <option value="customer" ?selected=${this.form.kind === 'customer'}
            >${this.t('admin.contacts.kind.customer')}</option>
          <option value="partner" ?selected=${this.form.kind === 'partner'}
            >${this.t('admin.contacts.kind.partner')}</option>
        </select>`,
      )}
      ${this.input('name', 'admin.members.name')}
      ${this.input('company', 'admin.contacts.company')}
      ${this.input('title', 'admin.contacts.title')}
      ${this.input('email', 'admin.members.email', 'email')}
      ${this.input('phone', 'admin.members.phone', 'tel')}
      ${this.input('tags', 'admin.contacts.tagsHint')}
      ${
        this.can('org.admin')
          ? html`<label class="check"><input type="checkbox" .checked=${this.form.portalEnabled}
        @change=${(e: Event) => (this.form = { ...this.form, portalEnabled: (e.target as HTMLInputElement).checked })}
          />${this.t('admin.contacts.portalAccess')}</label>`
          : nothing
      }
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.t('admin.save')}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = null)}>${this.t('admin.cancel')}</button>
      </div>
    </form>`;
  }
}
