import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HeraldContextController, LiveSubscription, type HeraldClient } from '@herald/client';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { HeraldConversationSelectEvent } from '../events/conversation-select.js';
import { ConversationsApi, type Conversation, type ConversationStatus } from './api.js';
import { conversationStrings } from './i18n/index.js';
import { styles } from './conversations.styles.js';

const STATUSES: ConversationStatus[] = ['open', 'waiting', 'resolved'];
type Named = { id: string; name: string };

/**
 * Customer conversations (issue 19 item 5, S7) as a queue. Staff see those they may work (the contact's owner, the
 * service group's members, the assignee; org admins all) with their status, filter them by status and assignee,
 * assign one (to themselves or a group member) and resolve or reopen it; a customer (an embed token for a contact)
 * sees their own, with status. Replies set the status by themselves (staff → waiting, customer → open). Follows the
 * live stream (`conversation.opened`, `conversation.changed`). `<herald-inbox>` shows it as its Customers view.
 *
 * @tag herald-customer-queue
 * @fires {HeraldConversationSelectEvent} herald-conversation-select - The user opened a conversation
 *   (`detail.conversationId`, also its thread's first message id).
 * @csspart filters - The status and assignee filters. @csspart list - The conversations.
 * @csspart row - One conversation. @csspart status - Its status badge. @csspart actions - Assign and resolve/reopen.
 * @csspart more - "Load more". @csspart error - A failed load or change.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldCustomerQueue extends HeraldElement {
  static override catalogues = [conversationStrings];
  static override styles = styles;

  /** Only conversations with this status (`open`, `waiting`, `resolved`); empty for all. */
  @property({ reflect: true }) status: ConversationStatus | '' = '';
  /** Staff: only those assigned to `me`, to nobody (`none`), or anyone (empty). */
  @property({ reflect: true }) assignee: '' | 'me' | 'none' = '';

  @state() protected items: Conversation[] = [];
  @state() protected nextCursor: string | null = null;
  @state() protected loading = false;
  @state() protected error: unknown = null;
  @state() protected note = '';
  @state() protected choices = new Map<string, Named[]>();

  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);
  private readonly live = new LiveSubscription(this, {
    'conversation.opened': () => void this.load(),
    'conversation.changed': () => void this.load(),
  });
  private api?: ConversationsApi;
  private client?: HeraldClient;
  private seq = 0;

  /** A customer's own list (no assignment, no resolve). */
  protected get customer(): boolean {
    return this.herald.session.me?.subject?.kind === 'contact';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // (Back) on the page: follow the live stream again (disconnecting stopped it) and load what was missed meanwhile.
    this.client = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const { client } = this.herald;
    if (client && this.herald.session.status === 'signed-in' && client !== this.client) {
      this.client = client;
      this.api = new ConversationsApi(client);
      this.live.follow(client);
      void this.load();
    } else if (this.api && (changed.has('status') || changed.has('assignee'))) void this.load();
  }

  /** Loads the first page again (after a filter change or a live event); a newer load wins over an older one. */
  async load(more = false): Promise<void> {
    if (!this.api) return;
    const seq = ++this.seq;
    this.loading = true;
    try {
      const query = {
        ...(this.status ? { status: this.status } : {}),
        ...(this.assignee ? { assignee: this.assignee } : {}),
      };
      const page = await this.api.list(query, more ? this.nextCursor : null);
      if (seq !== this.seq) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.error = null;
    } catch (error) {
      if (seq === this.seq) this.error = error;
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  private async loadChoices(c: Conversation): Promise<void> {
    if (!this.api || this.choices.has(c.id)) return;
    try {
      const { items } = await this.api.assignees(c.id);
      this.choices = new Map(this.choices).set(c.id, items);
    } catch (error) {
      this.error = error;
    }
  }

  private async change(c: Conversation, patch: { status?: ConversationStatus; assigneeId?: string | null }) {
    if (!this.api) return;
    try {
      const saved = await this.api.update(c.id, patch);
      this.items = this.items.map((i) => (i.id === saved.id ? saved : i));
      this.note = this.i18n.t('conversations.queue.changed', {
        subject: saved.subject,
        status: this.i18n.t(statusKey(saved.status)),
      });
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  private select(c: Conversation): void {
    this.emit(new HeraldConversationSelectEvent({ conversationId: c.id }));
  }

  override render() {
    const { i18n } = this;
    const staff = !this.customer;
    return html`<section aria-labelledby="queue-title">
      <h3 id="queue-title">${i18n.t(staff ? 'conversations.queue.title' : 'conversations.queue.mineTitle')}</h3>
      <div part="filters" class="filters">
        <label>${i18n.t('conversations.queue.status')}
          <select id="status" @change=${(e: Event) => (this.status = valueOf(e) as never)}>
            <option value="" ?selected=${!this.status}>${i18n.t('conversations.queue.all')}</option>
            ${STATUSES.map(
              (s) => html`<option value=${s} ?selected=${this.status === s}>${i18n.t(statusKey(s))}</option>`,
            )}
          </select></label>
        ${
          staff
            ? html`<label>${i18n.t('conversations.queue.assignee')}
          <select id="assignee" @change=${(e: Event) => (this.assignee = valueOf(e) as never)}>
            <option value="" ?selected=${!this.assignee}>${i18n.t('conversations.queue.anyone')}</option>
            <option value="me" ?selected=${this.assignee === 'me'}>${i18n.t('conversations.queue.me')}</option>
            <option value="none" ?selected=${this.assignee === 'none'}>${i18n.t('conversations.queue.none')}</option>
          </select></label>`
            : nothing
        }
      </div>
      ${this.error ? html`<p part="error" class="error" role="alert">${problemMessage(this.error, i18n)}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.note}</p>
      ${
        this.items.length
          ? html`<ul part="list" class="list">${this.items.map((c) => this.renderRow(c, staff))}</ul>`
          : html`<p class="muted" role="status">${i18n.t(
              this.loading ? 'conversations.queue.loading' : 'conversations.queue.empty',
            )}</p>`
      }
      ${
        this.nextCursor
          ? html`<button type="button" part="more" class="secondary" @click=${() => void this.load(true)}
            >${i18n.t('conversations.queue.more')}</button>`
          : nothing
      }
    </section>`;
  }

  private renderRow(c: Conversation, staff: boolean) {
    const { i18n } = this;
    const who = staff
      ? i18n.t('conversations.queue.from', {
          name: c.contact.company ? `${c.contact.name} · ${c.contact.company}` : c.contact.name,
        })
      : i18n.t('conversations.queue.to', { name: c.group?.name ?? i18n.t('conversations.queue.owner') });
    // A customer's list names the assignee without an id (staff get both).
    const assigned = c.assignee?.id ? [{ id: c.assignee.id, name: c.assignee.name }] : [];
    const choices = this.choices.get(c.id) ?? assigned;
    return html`<li part="row" class="row" data-id=${c.id} data-status=${c.status}>
      <button type="button" class="nav open" @click=${() => this.select(c)}>
        <span class="subject">${c.subject}</span>
        <span class="muted small">${who} · <time datetime=${new Date(c.updatedAt).toISOString()}
          >${i18n.date(c.updatedAt)}</time></span>
      </button>
      <span part="status" class="status status-${c.status}">${i18n.t(statusKey(c.status))}</span>
      ${
        staff && c.can.update
          ? html`<span part="actions" class="actions">
            <select class="assign" aria-label=${i18n.t('conversations.queue.assignTo', { subject: c.subject })}
              @focus=${() => void this.loadChoices(c)} @pointerdown=${() => void this.loadChoices(c)}
              @change=${(e: Event) => void this.change(c, { assigneeId: valueOf(e) || null })}>
              <option value="" ?selected=${!c.assignee}>${i18n.t('conversations.queue.none')}</option>
              ${choices.map((m) => html`<option value=${m.id} ?selected=${c.assignee?.id === m.id}>${m.name}</option>`)}
            </select>
            <button type="button" class="secondary small resolve"
              @click=${() => void this.change(c, { status: c.status === 'resolved' ? 'open' : 'resolved' })}
              >${i18n.t(`conversations.queue.${c.status === 'resolved' ? 'reopen' : 'resolve'}`)}</button>
          </span>`
          : c.assignee
            ? html`<span class="muted small">${c.assignee.name}</span>`
            : nothing
      }
    </li>`;
  }
}

const statusKey = (s: ConversationStatus): MessageKey => `conversations.status.${s}` as MessageKey;
const valueOf = (e: Event) => (e.target as HTMLSelectElement).value;
