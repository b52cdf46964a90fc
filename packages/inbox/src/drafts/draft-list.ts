import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { HeraldContextController, LiveSubscription, type HeraldClient, type LiveEvent } from '@herald/client';
import { HeraldElement, LocalizeController, problemMessage, type Note } from '@herald/core';
import { HeraldDraftDeleteRequestEvent } from '../events/draft-delete-request.js';
import { HeraldDraftOpenEvent } from '../events/draft-open.js';
import { DraftsApi, type DraftSummary } from './drafts-api.js';
import { styles } from './draft-list.styles.js';
import { draftListStrings } from './i18n/index.js';

type Load = 'loading' | 'ready' | { error: string };
/** What the status line says, and the deleted state Undo saves again. */
type Status = Note & { undo?: Record<string, unknown> };

const newestFirst = (a: DraftSummary, b: DraftSummary) =>
  b.updatedAt - a.updatedAt || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/**
 * The Drafts view of the inbox (issue 20 #2): every draft the member keeps, newest first — its subject (or "(no
 * subject)"), recipients, the start of its text and when it was last saved. Choosing one fires `herald-draft-open`
 * (the host hands it to its composer: `composer.openDraft(draftId)`); deleting one asks first with the cancelable
 * `herald-draft-delete-request`, then offers Undo. Follows the member's other tabs live (`draft.saved`,
 * `draft.deleted`). The inbox loads it, in a chunk of its own, when the Drafts view is chosen; a host may also place
 * it on its own page, inside a <herald-provider>.
 *
 * Keyboard: Tab reaches each draft and its delete button; ↑/↓ (or `k`/`j`) move between drafts; `Enter` continues
 * one; `Delete` deletes the focused one.
 *
 * @tag herald-draft-list
 * @fires {HeraldDraftOpenEvent} herald-draft-open - The user chose a draft to continue (`detail.draftId`).
 * @fires {HeraldDraftDeleteRequestEvent} herald-draft-delete-request - Cancelable, before a draft is deleted
 *   (`detail.draftId`).
 * @slot empty - Replaces the "No drafts" text.
 * @csspart list - The list of drafts. @csspart draft - One draft's row. @csspart open - A draft's button (continue it).
 * @csspart subject - Its subject. @csspart recipients - Its recipients. @csspart preview - The start of its text.
 * @csspart saved-at - When it was last saved. @csspart delete - Its delete button.
 * @csspart status - The status line (deleted, with Undo). @csspart empty - The "No drafts" text.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldDraftList extends HeraldElement {
  static override catalogues = [draftListStrings];
  static override styles = styles;

  @state() private load: Load = 'loading';
  @state() private items: DraftSummary[] = [];
  @state() private status: Status | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);
  private readonly live = new LiveSubscription(this, {
    'draft.saved': (e: LiveEvent) => this.upsert(e.data as DraftSummary),
    'draft.deleted': (e: LiveEvent) => this.drop((e.data as { draftId?: string } | null)?.draftId),
  });
  private loadedFor?: HeraldClient;
  private api?: DraftsApi;

  /** The drafts shown, newest first. */
  get drafts(): readonly DraftSummary[] {
    return this.items;
  }

  protected override updated(): void {
    const client = this.herald.client;
    if (client && this.herald.session.status === 'signed-in' && client !== this.loadedFor) {
      this.loadedFor = client;
      this.api = new DraftsApi(client);
      this.live.follow(client);
      void this.reload();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadedFor = undefined; // follow again (disconnecting stopped the live subscription)
  }

  /** Loads the list again (after a failure: the Retry button). */
  async reload(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.load = 'loading';
    try {
      this.items = (await api.list()).sort(newestFirst);
      this.load = 'ready';
    } catch (error) {
      this.load = { error: problemMessage(error, this.i18n) };
    }
  }

  private upsert(draft: DraftSummary | null | undefined): void {
    if (!draft?.id) return;
    this.items = [draft, ...this.items.filter((d) => d.id !== draft.id)].sort(newestFirst);
  }

  private drop(draftId: string | undefined): void {
    if (draftId && this.items.some((d) => d.id === draftId)) this.items = this.items.filter((d) => d.id !== draftId);
  }

  private open(draft: DraftSummary): void {
    this.emit(new HeraldDraftOpenEvent({ draftId: draft.id }));
  }

  private async deleteDraft(draft: DraftSummary): Promise<void> {
    const api = this.api;
    if (!api || !this.emit(new HeraldDraftDeleteRequestEvent({ draftId: draft.id }))) return;
    const index = this.items.indexOf(draft);
    try {
      const { data } = await api.whole(draft.id);
      await api.remove(draft.id);
      this.drop(draft.id);
      this.status = { key: 'drafts.deleted', undo: data };
    } catch (error) {
      this.status = { key: 'drafts.failed', params: { message: problemMessage(error, this.i18n) } };
      return;
    }
    // Focus stays in the list: on the draft that took its place, else on Undo.
    await this.updateComplete;
    const next = this.openButtons()[Math.min(index, this.items.length - 1)];
    (next ?? this.renderRoot.querySelector<HTMLElement>('.undo'))?.focus();
  }

  private async undo(data: Record<string, unknown>): Promise<void> {
    try {
      const restored = await this.api!.restore(data);
      this.upsert(restored);
      this.status = { key: 'drafts.restored' };
      await this.updateComplete;
      this.openButtons()
        .find((b) => b.dataset.id === restored.id)
        ?.focus();
    } catch (error) {
      this.status = { key: 'drafts.failed', params: { message: problemMessage(error, this.i18n) } };
    }
  }

  private openButtons(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('button.open')];
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const buttons = this.openButtons();
    const row = (e.target as HTMLElement).closest('li');
    const index = buttons.findIndex((b) => b.closest('li') === row);
    if (index < 0) return;
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[e.key];
    if (step) {
      e.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, index + step))]?.focus();
    } else if (e.key === 'Delete' || e.key === '#') {
      e.preventDefault();
      const draft = this.items[index];
      if (draft) void this.deleteDraft(draft);
    }
  }

  private recipients(d: DraftSummary): string {
    const { i18n } = this;
    if (!d.recipientCount) return i18n.t('drafts.noRecipients');
    const names = new Intl.ListFormat(i18n.locale, { style: 'narrow', type: 'unit' }).format(d.recipientNames);
    const more = d.recipientCount - d.recipientNames.length;
    return more > 0 ? i18n.t('drafts.recipientsMore', { names, count: i18n.number(more) }) : names;
  }

  private renderDraft(d: DraftSummary) {
    const { i18n } = this;
    const subject = d.subject || i18n.t('drafts.noSubject');
    const deleteLabel = i18n.t('drafts.delete', { subject });
    return html`<li part="draft">
      <button type="button" class="open" part="open" data-id=${d.id} @click=${() => this.open(d)}>
        <span class="line">
          <span class="subject ${d.subject ? '' : 'none'}" part="subject">${subject}</span>
          <time part="saved-at" datetime=${new Date(d.updatedAt).toISOString()}
            >${i18n.t('drafts.savedAt', { time: i18n.date(d.updatedAt) })}</time>
        </span>
        <span class="recipients" part="recipients">${this.recipients(d)}${
          d.attachmentCount ? ` · ${i18n.plural('drafts.attachments', d.attachmentCount)}` : ''
        }</span>
        ${d.preview ? html`<span class="preview" part="preview">${d.preview}</span>` : nothing}
      </button>
      <button type="button" class="icon delete secondary" part="delete" aria-label=${deleteLabel} title=${deleteLabel}
        @click=${() => void this.deleteDraft(d)}>×</button>
    </li>`;
  }

  private renderStatus() {
    const status = this.status;
    if (!status) return html`<p class="visually-hidden" role="status"></p>`;
    const { undo } = status;
    return html`<p class="status" part="status" role="status">
      <span>${this.i18n.say(status)}</span>
      ${
        undo
          ? html`<button type="button" class="link undo" @click=${() => void this.undo(undo)}
            >${this.i18n.t('drafts.undo')}</button>`
          : nothing
      }
    </p>`;
  }

  protected override render() {
    const { i18n, load } = this;
    if (load === 'loading' && !this.items.length)
      return html`<p class="state muted" role="status">${i18n.t('drafts.loading')}</p>`;
    if (typeof load === 'object')
      return html`<div class="state" role="alert">
        <p class="error">${i18n.t('drafts.error')} ${load.error}</p>
        <button type="button" class="secondary" @click=${() => void this.reload()}>${i18n.t('drafts.retry')}</button>
      </div>`;
    return html`${this.renderStatus()}
      ${
        this.items.length
          ? html`<p id="keys" class="visually-hidden">${i18n.t('drafts.keys')}</p>
            <ul part="list" aria-label=${i18n.t('drafts.label')} aria-describedby="keys"
              @keydown=${(e: KeyboardEvent) => this.onKeydown(e)}>
              ${this.items.map((d) => this.renderDraft(d))}
            </ul>`
          : html`<p class="state muted" part="empty"><slot name="empty">${i18n.t('drafts.empty')}</slot></p>`
      }`;
  }
}
