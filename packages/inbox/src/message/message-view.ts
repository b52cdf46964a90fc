import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HeraldContextController, LiveSubscription, type HeraldClient, type LiveEvent } from '@herald/client';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { MessageApi } from '../api/message-api.js';
import type { MailboxStateAnswer, ViewedMessage } from '../api/message-types.js';
import { HeraldMailboxChangeEvent } from '../events/mailbox-change.js';
import { HeraldMessageManageEvent } from '../events/message-manage.js';
import type { MessageViewContext } from './context.js';
import { styles } from './message-view.styles.js';
import { AttachmentsController } from './parts/attachments.js';
import { renderBody } from './parts/body.js';
import { renderHeader } from './parts/header.js';
import { MailboxActionsController } from './parts/mailbox-actions.js';
import { MailboxToolbarController } from './parts/mailbox-toolbar.js';
import { ManageController } from './parts/manage.js';
import { ScheduleController } from './parts/schedule.js';
import { ContactLinksController } from './parts/contact-links.js';
import { ReceiptsController } from './parts/receipts.js';
import { ReplyController } from './parts/reply.js';
import { closedNotice, renderThread } from './parts/thread.js';
import { messageViewStrings } from './i18n/index.js';
import { KnowledgePublishController } from '../knowledge/publish-controller.js';

type Load = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready' };

/**
 * The reading pane of the inbox (R8–R10, R14, S2, S3, S5–S7): one message with its header, rich body, attachments
 * (downloads and image previews), the recipient's receipt and progress actions, the conversation with an inline
 * reply, and — for its sender or those who may view recipients — the receipts panel, reminders, the export and
 * edit / recall / delete. Opening a message marks it read. Uses the client of the nearest <herald-provider>
 * (or the page's shared one) and reloads on the message's live events.
 *
 * @tag herald-message-view
 * @attr message-id - The id of the message to show; empty shows a "choose a message" note.
 * @fires {HeraldMailboxChangeEvent} herald-mailbox-change - After the user marks it read/unread, confirms it, saves
 *   progress, archives,
 *   deletes, restores, tags or untags it (and when opening marks it read): `{ messageIds, action, state }`.
 * @fires {HeraldMessageForwardEvent} herald-message-forward - Issue 20 #4: the recipient chose Forward (button or `f`);
 *   the host opens its composer with `composer.forward(detail.messageId)`.
 * @fires {HeraldMessageManageEvent} herald-message-manage - After the sender edits, recalls, deletes, reminds or
 *   revokes a contact's link: `{ messageId, action }`.
 * @fires {HeraldContactLinkRevokeRequestEvent} herald-contact-link-revoke-request - Cancelable, before the sender
 *   revokes a contact's conversation link (issue 19 item 4). `detail: { messageId, contactId }`.
 * @fires {HeraldMessageRecallRequestEvent} herald-message-recall-request - Cancelable, before the sender's recall
 *   dialog opens. `detail.messageId`.
 * @fires {HeraldMessageDeleteRequestEvent} herald-message-delete-request - Cancelable, before the sender's delete
 *   dialog opens. `detail.messageId`.
 * @fires {HeraldMailboxDeleteRequestEvent} herald-mailbox-delete-request - Cancelable, before the recipient's copy
 *   goes to the trash.
 *   `detail.messageIds`. Cancelling any of the three stops the action (the host may confirm in its own way).
 * @csspart base - The outer article.
 * @csspart header - Subject, sender, time, badges, audience.
 * @csspart body - The rendered message text.
 * @csspart attachments - The attachments list (also inside thread items).
 * @csspart toolbar - The recipient's toolbar above the header: reply, forward, archive, tags, delete (shortcuts r, f,
 *   e, l, #, z).
 * @csspart actions - The recipient's and sender's action bar (confirm, progress, mark unread, edit, recall, delete).
 * @csspart receipts - The sender's receipts panel.
 * @csspart contact-links - Issue 19 item 4: the sender's list of links e-mailed to contacts, with "Revoke link".
 * @csspart thread - The conversation.
 * @csspart thread-body - The text of one conversation item.
 * @csspart reply - The reply form.
 * @csspart status - The status line.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldMessageView extends HeraldElement {
  static override catalogues = [messageViewStrings];
  static override styles = styles;

  /** The message to show. */
  @property({ attribute: 'message-id', reflect: true }) messageId = '';

  @state() private load: Load = { status: 'idle' };
  @state() private status: { text: string; tone: 'info' | 'error' } | null = null;
  private current?: ViewedMessage;
  private thread: ViewedMessage[] = [];
  private now = Date.now();
  private ticker?: ReturnType<typeof setTimeout>;
  private generation = 0;
  /** The id last opened (loaded afresh): willUpdate opens `messageId` when it differs. */
  private openedId = '';
  /** Reloads when this message or its thread changes, or a reply arrives in it. */
  private readonly live = new LiveSubscription(this, {
    ...Object.fromEntries(
      ['message.updated', 'message.recalled', 'message.expired', 'message.purged'].map((type) => [
        type,
        (e: LiveEvent) => {
          const data = e.data as { messageId?: string } | null;
          if (
            data?.messageId &&
            this.thread.concat(this.current ? [this.current] : []).some((m) => m.id === data.messageId)
          )
            void this.fetchMessage(false);
        },
      ]),
    ),
    'message.received': (e) => {
      const data = e.data as { threadId?: string } | null;
      if (data?.threadId && data.threadId === this.current?.threadId) void this.fetchMessage(false);
    },
  });
  private pendingFocus: string | null = null;
  private apiFor?: { client: HeraldClient; api: MessageApi };

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);

  private readonly ctx: MessageViewContext = {
    i18n: this.i18n,
    t: (key: MessageKey, params?: Record<string, unknown>) => this.i18n.t(key, params),
    time: (at: number) => this.i18n.date(at),
    api: () => this.api,
    message: () => this.current,
    meId: () => this.herald.session.me?.subject?.id,
    maySend: () => !!this.herald.session.me?.permissions?.some((p) => p.startsWith('message.send.')),
    announce: (text, tone = 'info') => (this.status = { text, tone }),
    mailboxChanged: (action, state) => this.mailboxChanged(action, state),
    managed: (action) =>
      this.current && this.emit(new HeraldMessageManageEvent({ messageId: this.current.id, action })),
    reload: () => this.fetchMessage(false),
    patch: (changes) => {
      if (this.current) this.current = { ...this.current, ...changes };
      this.requestUpdate();
    },
    images: () => this.attachments.images,
    focusAfterRender: (selector) => {
      this.pendingFocus = selector;
      this.requestUpdate();
    },
  };

  private readonly attachments = new AttachmentsController(this, this.ctx);
  private readonly mailbox = new MailboxActionsController(this, this.ctx);
  private readonly toolbar = new MailboxToolbarController(this, this.ctx, (event) => this.emit(event));
  private readonly receipts = new ReceiptsController(this, this.ctx);
  private readonly reply = new ReplyController(this, this.ctx);
  private readonly manage = new ManageController(this, this.ctx);
  /** Issue 20 #1: change the time of, or cancel, a scheduled message. */
  private readonly schedule = new ScheduleController(this, this.ctx);
  /** Issue 19 #7: "Publish to knowledge space", shown when the server says the caller may. */
  private readonly knowledge = new KnowledgePublishController(this, this.ctx);
  /** Issue 19 item 4: the links e-mailed to contacts without portal access, and "Revoke link". */
  private readonly contactLinks = new ContactLinksController(this, this.ctx);

  private get api(): MessageApi | undefined {
    const client = this.herald.client;
    if (!client) return undefined;
    if (this.apiFor?.client !== client) this.apiFor = { client, api: new MessageApi(client) };
    return this.apiFor.api;
  }

  /** The message as shown (undefined while loading). */
  get message(): ViewedMessage | undefined {
    return this.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // (Re)connected: the next update opens the message afresh (a load cut short by a disconnect was dropped).
    this.openedId = '';
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.ticker);
    this.generation++;
  }

  protected override willUpdate(): void {
    // Whenever the id differs from the one opened: a new id; the first update of an element upgraded after the inbox
    // set its `.messageId` (its chunk loads lazily, and Lit restores such a property only now, after
    // connectedCallback); a client that arrived after the id.
    if (this.isConnected && this.messageId !== this.openedId) void this.fetchMessage(true);
  }

  protected override updated(): void {
    if (this.pendingFocus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.pendingFocus);
      this.pendingFocus = null;
      target?.focus();
    }
  }

  /** Loads the message and its thread; `opening` marks it read and resets the per-message UI. */
  private async fetchMessage(opening: boolean): Promise<void> {
    const id = this.messageId;
    const generation = ++this.generation;
    if (!id) {
      this.openedId = id;
      this.current = undefined;
      this.load = { status: 'idle' };
      this.receipts.show(undefined, undefined);
      return;
    }
    const api = this.api;
    if (!api) return;
    if (opening) {
      this.openedId = id;
      this.current = undefined;
      this.thread = [];
      this.status = null;
      this.mailbox.reset();
      this.toolbar.reset();
      this.load = { status: 'loading' };
    }
    try {
      const [message, thread] = await Promise.all([
        api.message(id),
        api.thread(id).catch(() => ({ items: [] as ViewedMessage[] })),
      ]);
      if (generation !== this.generation) return;
      this.current = message;
      this.thread = thread.items;
      this.load = { status: 'ready' };
      if (this.herald.client) this.live.follow(this.herald.client);
      this.receipts.show(message, this.herald.client);
      if (opening || message.recalledAt || message.deletedAt)
        void this.knowledge.show(message.id, this.herald.client, this.herald.session.me?.permissions ?? []);
      this.tick();
      if (opening && message.mine && message.mine.readAt === null && !message.recalledAt && !message.deletedAt)
        void this.markRead(message);
    } catch (error) {
      if (generation !== this.generation) return;
      if (opening || !this.current) this.load = { status: 'error', error: problemMessage(error, this.i18n) };
      else this.status = { text: problemMessage(error, this.i18n), tone: 'error' };
    }
    this.requestUpdate();
  }

  private async markRead(message: ViewedMessage): Promise<void> {
    try {
      const state = await this.api!.markRead(message.id);
      if (this.current?.id === message.id) this.mailboxChanged('read', state);
    } catch {
      // Reading still works; the inbox shows it unread until the next change.
    }
  }

  private mailboxChanged(action: string, state: MailboxStateAnswer): void {
    const m = this.current;
    if (!m) return;
    this.current = { ...m, mine: { ...(m.mine ?? {}), ...state } as ViewedMessage['mine'] };
    this.requestUpdate();
    this.emit(
      new HeraldMailboxChangeEvent({ messageIds: [m.id], action, state: state as unknown as Record<string, unknown> }),
    );
  }

  /** The expiry counts down (each second in its last hour, else each minute) and flips to "expired" live. */
  private tick(): void {
    clearTimeout(this.ticker);
    this.now = Date.now();
    const m = this.current;
    if (!m || m.expiresAt === null || m.expired) return;
    const left = m.expiresAt - this.now;
    if (left <= 0) {
      // Recipients lose the content now; the server checks the time itself on reads.
      void this.fetchMessage(false).then(() => {
        if (this.current && this.current.id === m.id && !this.current.expired)
          this.current = { ...this.current, expired: true };
        this.requestUpdate();
      });
      return;
    }
    this.ticker = setTimeout(
      () => (this.tick(), this.requestUpdate()),
      Math.min(left, left < 3_600_000 ? 1_000 : 60_000),
    );
  }

  /** The status line sits right under the actions that speak through it (issue 23), not below the thread. */
  private renderMessage(m: ViewedMessage, status: unknown) {
    const { t } = this.ctx;
    const notice = closedNotice(this.ctx, m);
    // Closed for the reader: recalled, deleted, or expired for a recipient (the sender keeps the content).
    const closed = notice !== nothing;
    const expiredNow = m.expired || (m.expiresAt !== null && m.expiresAt <= this.now);
    const contentHidden =
      closed &&
      (m.deletedAt !== null ||
        m.purgedAt !== null ||
        ((m.recalledAt !== null || m.expired) && this.ctx.meId() !== m.sender.id));
    const mineActions = this.mailbox.render(m, closed || expiredNow);
    const manageActions = this.manage.renderActions(m);
    const scheduleActions = this.schedule.renderActions(m);
    const knowledgeActions = closed ? nothing : this.knowledge.renderActions();
    return html`<article part="base" aria-labelledby="subject">
      ${this.toolbar.render(m, !closed)}
      ${renderHeader(this.ctx, m, this.now, nothing)}
      ${notice}
      ${contentHidden ? nothing : html`${renderBody(this.ctx, m.body)}${this.attachments.render(m.attachments)}`}
      ${
        mineActions !== nothing ||
        manageActions !== nothing ||
        scheduleActions !== nothing ||
        knowledgeActions !== nothing
          ? html`<div part="actions" class="actions" role="region" aria-label=${t('messageView.actions')}
            >${mineActions}${scheduleActions}${manageActions}${knowledgeActions}</div>`
          : nothing
      }
      ${status}
      ${this.receipts.render(m, closed || expiredNow)} ${this.contactLinks.render(m)}
      ${renderThread(this.ctx, this.thread, m.id, this.attachments)}
      ${closed ? nothing : this.reply.render(m)}
      ${this.manage.renderDialog(m)} ${this.schedule.renderDialog(m)} ${this.knowledge.renderDialog(m.id)}
    </article>`;
  }

  override render() {
    const { t } = this.ctx;
    const status = html`<p part="status" class="status ${this.status?.tone ?? ''}" role="status" aria-live="polite"
      >${this.status?.text ?? ''}</p>`;
    switch (this.load.status) {
      case 'idle':
        return html`<div class="empty"><slot name="empty"><p>${t('messageView.none')}</p></slot></div>`;
      case 'loading':
        return html`<p class="loading" role="status" aria-busy="true">${t('messageView.loading')}</p>`;
      case 'error':
        return html`<div class="error" role="alert"><p>${t('messageView.error')} ${this.load.error}</p>
          <button type="button" id="retry" @click=${() => this.fetchMessage(true)}>${t('messageView.retry')}</button
            ></div>`;
      default:
        return this.current ? this.renderMessage(this.current, status) : status;
    }
  }
}
