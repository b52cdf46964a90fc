import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { HeraldContextController, type HeraldClient, type LiveEvent } from '@herald/client';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import { plainTextOf } from '@herald/core/plain-text';
import { HeraldMailboxChangeEvent, HeraldMessageOpenEvent } from '../events.js';
import { AlertApi, type AlertMessage } from './alert-api.js';
import { notificationState, notify, playTone, type NotificationState } from './attention.js';
import { styles } from './urgent-alert.styles.js';
import { alertStrings } from './i18n/index.js';

type AlertKey = Extract<MessageKey, `alert.${string}`>;

/** How much of the body the alert shows: the first lines, as plain text. */
const EXCERPT_LINES = 4;
const EXCERPT_CHARS = 400;

/** One queued alert: the message, and whether it came from the sender's reminder. */
interface QueuedAlert {
  message: AlertMessage;
  reminder: boolean;
}

type LivePayload = { messageId?: string; priority?: string };

/** The first lines of a body, as plain text. */
export function excerptOf(body: unknown): string {
  const lines = plainTextOf(body).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, EXCERPT_LINES);
  const text = lines.join('\n');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

/** Deepest focused element, through shadow roots (where focus goes back when the alert closes). */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

/**
 * Interrupts the signed-in person for urgent messages (R6, R9, S8): when an urgent message arrives on the
 * live stream — or its sender sends a reminder — it opens a modal alert dialog (`role="alertdialog"`, focus
 * inside, Escape closes) with the sender, subject, time and the first lines of the body, and the actions
 * Open, Confirm (when a receipt is required) and Later. Several alerts queue ("1 of 3"). Optionally plays a
 * short tone (`sound`, only after the user has interacted with the page) and, when the page is hidden and
 * the user allowed it, shows a desktop notification whose click brings the page back and opens the message.
 * Uses the client of the nearest <herald-provider>, or the page's shared one.
 *
 * @tag herald-urgent-alert
 * @fires herald-message-open - The user chose Open (in the alert or on the desktop notification); the inbox opens it. `detail.messageId`.
 * @fires herald-mailbox-change - The user confirmed a message from the alert (`action: 'confirm'`).
 * @csspart notifications - The "Enable desktop notifications" button (shown while the browser has not been asked).
 * @csspart dialog - The alert dialog.
 * @csspart header - The dialog's header (kind and position in the queue).
 * @csspart subject - The subject heading.
 * @csspart meta - Sender and time.
 * @csspart excerpt - The first lines of the body.
 * @csspart actions - The Open / Confirm / Later buttons.
 * @cssproperty --herald-color-danger - The urgent accent (and every other `--herald-*` token).
 */
export class HeraldUrgentAlert extends HeraldElement {
  static override catalogues = [alertStrings];
  static override styles = styles;

  /** Play a short tone when an alert opens (only after the user has interacted with the page). */
  @property({ type: Boolean, reflect: true }) sound = false;

  /** `off` hides the "Enable desktop notifications" button (the host asks for permission itself). */
  @property({ attribute: 'notifications' }) notifications?: string;

  @state() private queue: QueuedAlert[] = [];
  @state() private busy = false;
  @state() private error = '';
  @state() private announcement = '';
  @state() private permission: NotificationState = notificationState();

  @query('dialog') private dialog?: HTMLDialogElement;

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);
  private subscribedTo?: HeraldClient;
  private unsubscribe: Array<() => void> = [];
  private returnFocus: HTMLElement | null = null;

  /** How many alerts are waiting (the one shown included). */
  get pending(): number {
    return this.queue.length;
  }

  private t(key: AlertKey, params?: Record<string, unknown>): string {
    return this.i18n.t(key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Signed out (or the session refused): nobody is left to alert.
    if (this.queue.length && this.herald.session.status === 'signed-out') this.queue = [];
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.subscribe();
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.queue.length && !dialog.open) {
      this.returnFocus = deepActiveElement();
      dialog.showModal();
    } else if (!this.queue.length && dialog.open) {
      dialog.close();
    }
  }

  /** Listens to the live stream of the client in use (once per client). */
  private subscribe(): void {
    const client = this.herald.client;
    if (!client || client === this.subscribedTo) return;
    this.unsubscribe.forEach((off) => off());
    this.subscribedTo = client;
    this.unsubscribe = [
      client.live.on<LivePayload>('message.received', (e) => {
        if (e.data?.priority === 'urgent') void this.enqueue(client, e, false);
      }),
      client.live.on<LivePayload>('message.reminder', (e) => void this.enqueue(client, e, true)),
    ];
  }

  private async enqueue(client: HeraldClient, event: LiveEvent<LivePayload>, reminder: boolean): Promise<void> {
    const id = event.data?.messageId;
    if (!id) return;
    let message: AlertMessage;
    try {
      message = await new AlertApi(client).message(id);
    } catch {
      return; // gone, recalled or not ours: nothing to alert about
    }
    if (message.recalledAt || message.deletedAt || message.expired) return;
    const rest = this.queue.filter((a) => a.message.id !== id);
    this.queue = [...rest, { message, reminder }];
    if (this.queue.length === 1) this.announce();
    if (this.sound) playTone();
    notify(this.titleOf({ message, reminder }), `${message.sender.name}: ${message.subject}`, message.id, () => this.open(message.id));
  }

  /** Says the current alert out loud (assertive live region inside the dialog). */
  private announce(): void {
    const current = this.queue[0];
    this.announcement = '';
    if (!current) return;
    const { message, reminder } = current;
    // Set after the dialog is open, so that screen readers hear a change.
    requestAnimationFrame(() => {
      this.announcement = this.t(reminder ? 'alert.announceReminder' : 'alert.announce', { name: message.sender.name, subject: message.subject || this.t('alert.noSubject') });
    });
  }

  private titleOf(alert: QueuedAlert): string {
    return this.t(alert.reminder ? 'alert.reminder' : 'alert.urgent');
  }

  /** Removes the alert shown (or one by id) and shows the next, or closes the dialog and gives focus back. */
  private dismiss(id = this.queue[0]?.message.id): void {
    this.error = '';
    this.queue = this.queue.filter((a) => a.message.id !== id);
    if (this.queue.length) {
      this.announce();
      return;
    }
    this.announcement = '';
    const back = this.returnFocus;
    this.returnFocus = null;
    void this.updateComplete.then(() => back?.isConnected && back.focus());
  }

  private open(id: string): void {
    this.emit(new HeraldMessageOpenEvent({ messageId: id }));
    this.dismiss(id);
  }

  private async confirm(alert: QueuedAlert): Promise<void> {
    const client = this.herald.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const state = await new AlertApi(client).confirm(alert.message.id);
      this.emit(new HeraldMailboxChangeEvent({ messageIds: [alert.message.id], action: 'confirm', state: state as Record<string, unknown> }));
      this.dismiss(alert.message.id);
    } catch (error) {
      this.error = problemMessage(error, this.i18n);
    } finally {
      this.busy = false;
    }
  }

  private async enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission = await Notification.requestPermission();
  }

  private onCancel(event: Event): void {
    // Escape: the same as Later (the next queued alert, if any, stays up).
    event.preventDefault();
    this.dismiss();
  }

  /** Keeps Tab inside the dialog even where the browser would move on to its own UI. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || !this.dialog) return;
    const focusable = [...this.dialog.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])')];
    if (!focusable.length) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = this.shadowRoot?.activeElement;
    if (event.shiftKey && (active === first || active === this.dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  private renderNotificationsButton() {
    if (this.notifications === 'off' || this.permission !== 'default') return nothing;
    return html`<button part="notifications" class="link" type="button" @click=${this.enableNotifications}>${this.t('alert.enableNotifications')}</button>`;
  }

  private renderAlert(alert: QueuedAlert) {
    const { message } = alert;
    const needsConfirm = message.receiptRequired && !message.mine?.confirmedAt;
    const time = message.deliveredAt ?? message.createdAt;
    return html`
      <header part="header">
        <span class="kind">${this.titleOf(alert)}</span>
        ${this.queue.length > 1 ? html`<span class="position">${this.t('alert.position', { index: 1, total: this.queue.length })}</span>` : nothing}
      </header>
      <h2 part="subject" id="alert-subject">${message.subject || this.t('alert.noSubject')}</h2>
      <p part="meta" class="meta">
        <span>${this.t('alert.from', { name: message.sender.name })}</span>
        <time datetime=${new Date(time).toISOString()}>${this.t('alert.sentAt', { time: this.i18n.date(time) })}</time>
      </p>
      <div id="alert-description">
        <p part="excerpt" class="excerpt">${excerptOf(message.body)}</p>
        ${needsConfirm ? html`<p class="receipt">${this.t('alert.receiptRequired')}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div part="actions" class="actions">
        <button type="button" class="primary" autofocus @click=${() => this.open(message.id)}>${this.t('alert.open')}</button>
        ${needsConfirm
          ? html`<button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.confirm(alert)}>${this.t(this.busy ? 'alert.confirming' : 'alert.confirm')}</button>`
          : nothing}
        <button type="button" class="secondary" @click=${() => this.dismiss()}>${this.t('alert.later')}</button>
      </div>`;
  }

  override render() {
    const current = this.queue[0];
    return html`${this.renderNotificationsButton()}
      <dialog part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="alert-subject" aria-describedby="alert-description"
        @cancel=${this.onCancel} @keydown=${this.onKeydown}>
        ${current ? this.renderAlert(current) : nothing}
        <p class="visually-hidden" aria-live="assertive" aria-atomic="true">${this.announcement}</p>
      </dialog>`;
  }
}
