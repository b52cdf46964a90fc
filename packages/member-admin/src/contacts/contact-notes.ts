import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { renderField, type MessageKey } from '@herald/core';
import type { Contact, ContactConversation, ContactNote } from '../api/types.js';
import { HeraldContactNoteCreateEvent } from '../events/contact-note-create.js';
import { HeraldContactNoteUpdateEvent } from '../events/contact-note-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { tabStyles } from '../shared/styles.js';

const KINDS = ['call', 'meeting', 'agreement', 'note'] as const;
type Kind = (typeof KINDS)[number];
const MAX_TEXT = 4000;

/** `datetime-local` → epoch ms (local time), or undefined. */
const fromLocal = (value: string) => (value ? new Date(value).getTime() : undefined);

/**
 * Issue 19 item 6 (S5 记录沟通内容): what staff logged about one contact — calls, meetings, agreements — as a timeline
 * with author and time (each note correctable by its author within the organisation's recall window), and beside it
 * the messages exchanged with the contact that the signed-in member may see. Shown by the contacts tab.
 *
 * @tag herald-admin-contact-notes
 * @fires {HeraldContactNoteCreateEvent} herald-contact-note-create - A note was logged; `detail` names it.
 * @fires {HeraldContactNoteUpdateEvent} herald-contact-note-update - A note was corrected; `detail` names it.
 * @csspart notes - The whole section.
 * @csspart note-form - The "log a note" form.
 * @csspart timeline - The notes, newest first.
 * @csspart note - One note.
 * @csspart conversations - The messages exchanged with the contact.
 */
export class HeraldAdminContactNotes extends AdminTab {
  static override styles = [
    ...tabStyles,
    css`
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
        gap: var(--_herald-space-4);
      }
      ol,
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--_herald-space-2);
      }
      [part='note'],
      [part='conversations'] li {
        border-inline-start: 3px solid var(--_herald-color-border);
        padding-inline-start: var(--_herald-space-2);
      }
      .note-text {
        white-space: pre-wrap;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        font: inherit;
      }
    `,
  ];

  /** The contact whose notes are shown. */
  @property({ attribute: false }) contact?: Contact;

  @state() private notes: ContactNote[] = [];
  @state() private conversations: ContactConversation[] = [];
  @state() private kind: Kind = 'call';
  @state() private text = '';
  @state() private at = '';
  @state() private textError = '';
  @state() private editing: { id: string; kind: Kind; text: string } | null = null;

  private readonly timeline = this.loader(
    () => [this.contact?.id] as [string | undefined],
    async ([id], signal) =>
      id ? Promise.all([this.api.contactNotes(id, signal), this.api.contactConversations(id, signal)]) : null,
    (loaded) => {
      this.notes = loaded ? loaded[0].items : [];
      this.conversations = loaded ? loaded[1].items : [];
    },
  );

  /** The contact last loaded; `null` before the first load, which waits for the session (in AdminTab). */
  private loadedId: string | undefined | null = null;

  protected load(): Promise<void> {
    this.loadedId = this.contact?.id;
    return this.timeline.run();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Another contact than the one loaded (also the first one, given after a first load without any): its own notes.
    if (this.loadedId !== null && this.contact?.id !== this.loadedId && this.isConnected && this.herald.session.me) {
      this.loadedId = this.contact?.id;
      this.editing = null;
      void Promise.resolve().then(() => this.load());
    }
  }

  private async add(event: Event) {
    event.preventDefault();
    const contact = this.contact;
    if (!contact) return;
    if (!this.text.trim()) {
      this.textError = this.t('admin.error.required');
      this.renderRoot.querySelector<HTMLElement>('#n-text')?.focus();
      return;
    }
    const occurredAt = fromLocal(this.at);
    const note = await this.run(() =>
      this.api.addContactNote(contact.id, {
        kind: this.kind,
        text: this.text.trim(),
        ...(occurredAt ? { occurredAt } : {}),
      }),
    );
    if (!note) return;
    this.emit(new HeraldContactNoteCreateEvent({ contactId: contact.id, noteId: note.id }));
    this.notes = [note, ...this.notes].sort((a, b) => b.occurredAt - a.occurredAt);
    this.text = '';
    this.at = '';
    this.notice = this.t('admin.contacts.notes.logged');
  }

  private async saveEdit(event: Event) {
    event.preventDefault();
    const contact = this.contact;
    const edit = this.editing;
    if (!contact || !edit) return;
    if (!edit.text.trim()) {
      this.error = this.t('admin.error.required');
      return;
    }
    const saved = await this.run(() =>
      this.api.editContactNote(contact.id, edit.id, { kind: edit.kind, text: edit.text.trim() }),
    );
    if (!saved) return;
    this.emit(new HeraldContactNoteUpdateEvent({ contactId: contact.id, noteId: saved.id }));
    this.notes = this.notes.map((n) => (n.id === saved.id ? saved : n));
    this.editing = null;
    this.notice = this.t('admin.saved');
  }

  private kindSelect(id: string, value: Kind, change: (kind: Kind) => void) {
    return html`<select id=${id} @change=${(e: Event) => change((e.target as HTMLSelectElement).value as Kind)}>
      ${KINDS.map(
        (k) => html`<option value=${k} ?selected=${value === k}
          >${this.t(`admin.contacts.notes.kind.${k}` as MessageKey)}</option>`,
      )}
    </select>`;
  }

  override render() {
    const contact = this.contact;
    if (!contact) return nothing;
    return html`<section part="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">${this.t('admin.contacts.notes.title', { name: contact.name })}</h3>
      <div role="alert" part="alert">${this.error || this.loadProblem(this.timeline)}</div>
      <div role="status" part="status">${this.notice}</div>
      ${this.renderForm()}
      <div class="columns">
        <section aria-labelledby="timeline-title">
          <h4 id="timeline-title">${this.t('admin.contacts.notes.timeline')}</h4>
          ${this.renderLoaded(this.timeline, (loading) => this.renderTimeline(loading))}
        </section>
        <section aria-labelledby="conversations-title">
          <h4 id="conversations-title">${this.t('admin.contacts.notes.conversations')}</h4>
          ${this.renderLoaded(this.timeline, (loading) => this.renderConversations(loading))}
        </section>
      </div>
    </section>`;
  }

  private renderForm() {
    return html`<form part="note-form" novalidate @submit=${this.add} aria-labelledby="note-form-title">
      <h4 id="note-form-title">${this.t('admin.contacts.notes.log')}</h4>
      ${renderField({ id: 'n-kind', label: this.t('admin.contacts.notes.kind') }, () =>
        this.kindSelect('n-kind', this.kind, (kind) => (this.kind = kind)),
      )}
      ${renderField(
        { id: 'n-at', label: this.t('admin.contacts.notes.when'), hint: this.t('admin.contacts.notes.whenHint') },
        (w) => html`<input id="n-at" type="datetime-local" .value=${this.at} aria-describedby=${w.describedBy}
          @input=${(e: Event) => (this.at = (e.target as HTMLInputElement).value)} />`,
      )}
      ${renderField(
        { id: 'n-text', label: this.t('admin.contacts.notes.text'), error: this.textError },
        (w) => html`<textarea id="n-text" rows="3" maxlength=${MAX_TEXT} .value=${this.text}
          aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
          @input=${(e: Event) => {
            this.text = (e.target as HTMLTextAreaElement).value;
            this.textError = '';
          }}></textarea>`,
      )}
      <div class="actions"><button type="submit" ?disabled=${this.busy}
        >${this.t('admin.contacts.notes.submit')}</button></div>
    </form>`;
  }

  private renderTimeline(loading: boolean) {
    if (!this.notes.length)
      return html`<p class="muted">${this.t(loading ? 'common.loading' : 'admin.contacts.notes.none')}</p>`;
    return html`<ol part="timeline" aria-busy=${loading ? 'true' : 'false'}>
      ${this.notes.map((n) => (this.editing?.id === n.id ? this.renderEdit(n) : this.renderNote(n)))}
    </ol>`;
  }

  private renderNote(n: ContactNote) {
    const when = this.i18n.date(n.occurredAt);
    return html`<li part="note">
      <p><strong>${this.t(`admin.contacts.notes.kind.${n.kind}` as MessageKey)}</strong> ·
        <time datetime=${new Date(n.occurredAt).toISOString()}>${when}</time> · ${n.author.name}${
          n.editedAt ? html` <span class="muted">${this.t('admin.contacts.notes.edited')}</span>` : nothing
        }</p>
      <p class="note-text">${n.text}</p>
      ${
        n.can.edit
          ? html`<button class="small secondary" aria-label=${this.t('admin.contacts.notes.edit', { when })}
            @click=${() => (this.editing = { id: n.id, kind: n.kind, text: n.text })}>${this.t('admin.edit')}</button>`
          : nothing
      }
    </li>`;
  }

  private renderEdit(n: ContactNote) {
    const edit = this.editing!;
    return html`<li part="note"><form novalidate @submit=${this.saveEdit}
      aria-label=${this.t('admin.contacts.notes.edit', { when: this.i18n.date(n.occurredAt) })}>
      ${renderField({ id: 'e-kind', label: this.t('admin.contacts.notes.kind') }, () =>
        this.kindSelect('e-kind', edit.kind, (kind) => (this.editing = { ...edit, kind })),
      )}
      ${renderField(
        { id: 'e-text', label: this.t('admin.contacts.notes.text') },
        () => html`<textarea id="e-text" rows="3" maxlength=${MAX_TEXT} .value=${edit.text}
          @input=${(e: Event) => (this.editing = { ...edit, text: (e.target as HTMLTextAreaElement).value })}
          ></textarea>`,
      )}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.t('admin.save')}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = null)}>${this.t('admin.cancel')}</button>
      </div>
    </form></li>`;
  }

  private renderConversations(loading: boolean) {
    if (!this.conversations.length)
      return html`<p class="muted">${this.t(loading ? 'common.loading' : 'admin.contacts.notes.noConversations')}</p>`;
    return html`<ul part="conversations">
      ${this.conversations.map(
        (m) => html`<li>
          <p><strong>${m.subject || this.t('admin.contacts.notes.hidden')}</strong></p>
          <p class="muted">${this.t(`admin.contacts.notes.${m.direction}` as MessageKey, { name: m.sender.name })} ·
            <time datetime=${new Date(m.at).toISOString()}>${this.i18n.date(m.at)}</time>${
              m.recalled ? ` · ${this.t('admin.contacts.notes.recalled')}` : ''
            }</p>
        </li>`,
      )}
    </ul>`;
  }
}
