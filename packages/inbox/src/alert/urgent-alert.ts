import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { HeraldContextController, type HeraldClient, type LiveEvent } from '@herald/client';
import {
  adoptLazyStyles,
  deepActiveElement,
  HeraldElement,
  LocalizeController,
  once,
  problemMessage,
} from '@herald/core';
import { HeraldMailboxChangeEvent } from '../events/mailbox-change.js';
import { HeraldMessageOpenEvent } from '../events/message-open.js';
import { AlertApi, alertOf, type AlertMessage, type LiveAlert } from './alert-api.js';
import type { AlertDialogHost, QueuedAlert } from './alert-dialog.js';
import { styles } from './urgent-alert.styles.js';
import { alertStrings } from './i18n/index.js';

type LivePayload = { messageId?: string; priority?: string; alert?: LiveAlert };
type DialogModule = typeof import('./alert-dialog.js');
/** The live events after which a message's alert has nothing to show (docs/api.md "Live events of the inbox"). */
const GONE_EVENTS = ['message.recalled', 'message.deleted', 'message.purged', 'message.expired'] as const;

/** The dialog's chunk, asked for when the first urgent message or reminder arrives (issue 16). */
const loadDialog = once(() => import('./alert-dialog.js'));

type NotificationState = 'unsupported' | NotificationPermission;
const notificationState = (): NotificationState =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/**
 * Interrupts the signed-in person for urgent messages (R6, R9, S8): when an urgent message arrives on the
 * live stream — or its sender sends a reminder — it opens a modal alert dialog (`role="alertdialog"`, focus
 * inside, Escape closes) with the sender, subject, time and the first lines of the body, and the actions
 * Open, Confirm (when a receipt is required) and Later. Several alerts queue ("1 of 3"). Optionally plays a
 * short tone (`sound`, only after the user has interacted with the page) and, when the page is hidden and
 * the user allowed it, shows a desktop notification whose click brings the page back and opens the message.
 * Uses the client of the nearest <herald-provider>, or the page's shared one. The dialog is a lazy chunk (issue 16),
 * loaded while the first urgent message is fetched.
 *
 * @tag herald-urgent-alert
 * @fires {HeraldMessageOpenEvent} herald-message-open - The user chose Open (in the alert or on the desktop
 *   notification); the inbox opens it. `detail.messageId`.
 * @fires {HeraldMailboxChangeEvent} herald-mailbox-change - The user confirmed a message from the alert
 *   (`action: 'confirm'`).
 * @csspart notifications - The "Enable desktop notifications" button (shown while the browser has not been asked).
 * @csspart dialog - The alert dialog.
 * @csspart header - The dialog's header (kind and position in the queue).
 * @csspart subject - The subject heading.
 * @csspart meta - Sender and time.
 * @csspart excerpt - The first lines of the body.
 * @csspart actions - The Open / Confirm / Later buttons.
 * @cssproperty --herald-color-danger - The urgent accent (and every other `--herald-*` token).
 */
export class HeraldUrgentAlert extends HeraldElement implements AlertDialogHost {
  static override catalogues = [alertStrings];
  static override styles = styles;

  /** Play a short tone when an alert opens (only after the user has interacted with the page). */
  @property({ type: Boolean, reflect: true }) sound = false;

  /** `off` hides the "Enable desktop notifications" button (the host asks for permission itself). */
  @property({ attribute: 'notifications' }) notifications?: string;

  /** @internal */ @state() queue: QueuedAlert[] = [];
  /** @internal */ @state() busy = false;
  /** @internal */ @state() error = '';
  /** @internal */ @state() announcement = '';
  @state() private permission: NotificationState = notificationState();
  /** The dialog's module, once loaded. */
  @state() private dialogPart?: DialogModule;

  /** @internal */ @query('dialog') dialog!: HTMLDialogElement | null;

  /** @internal */ readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);
  private subscribedTo?: HeraldClient;
  private unsubscribe: Array<() => void> = [];
  private returnFocus: HTMLElement | null = null;
  /** Messages reported recalled, deleted, purged or expired on this page: never alerted again. */
  private readonly gone = new Set<string>();

  /** How many alerts are waiting (the one shown included). */
  get pending(): number {
    return this.queue.length;
  }

  /** @internal The routes the alert calls, through the client in use. */
  get api(): AlertApi | undefined {
    const { client } = this.herald;
    return client && new AlertApi(client);
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
      // An alert whose message is recalled, deleted, purged or expired meanwhile is taken down (it may have been
      // shown from the live event alone), and one still loading is not shown.
      ...GONE_EVENTS.map((type) =>
        client.live.on<{ messageId?: string; messageIds?: string[] }>(type, (e) => {
          for (const id of e.data?.messageIds ?? (e.data?.messageId ? [e.data.messageId] : [])) this.takeDown(id);
        }),
      ),
    ];
  }

  private async enqueue(client: HeraldClient, event: LiveEvent<LivePayload>, reminder: boolean): Promise<void> {
    const id = event.data?.messageId;
    if (!id) return;
    // Issue 15: an urgent message's live event carries what the alert shows, so thousands of open pages do not all
    // read the message at once; one without it (a resumed stream, a reminder, a message with placeholders) is read.
    const carried = !reminder && event.data?.alert ? alertOf(id, event.data.alert) : undefined;
    let message: AlertMessage | null;
    let part: DialogModule;
    try {
      // The dialog's chunk loads while the message is fetched: the first alert waits for neither twice.
      [message, part] = await Promise.all([carried ?? new AlertApi(client).message(id), loadDialog()]);
      if (!(await this.i18n.use(part.dialogStrings))) return;
    } catch {
      return; // gone, recalled or not ours: nothing to alert about (or the dialog's chunk could not load)
    }
    if (!message || this.gone.has(id)) return; // recalled, deleted or expired (meanwhile)
    if (!this.dialogPart) {
      adoptLazyStyles(this, part.dialogStyles);
      this.dialogPart = part;
    }
    const rest = this.queue.filter((a) => a.message.id !== id);
    const alert = { message, reminder };
    this.queue = [...rest, alert];
    if (this.queue.length === 1) part.announce(this);
    part.attend(this, alert);
  }

  /** Its message is gone: the alert (shown or waiting) and its desktop notification go too, and it is never shown. */
  private takeDown(id: string): void {
    this.gone.add(id);
    const alert = this.queue.find((a) => a.message.id === id);
    if (!alert) return;
    alert.notification?.close();
    if (this.queue[0] === alert) this.dismiss(id);
    else this.queue = this.queue.filter((a) => a !== alert);
  }

  /** Removes the alert shown (or one by id) and shows the next, or closes the dialog and gives focus back. */
  dismiss(id = this.queue[0]?.message.id): void {
    this.error = '';
    this.queue = this.queue.filter((a) => a.message.id !== id);
    if (this.queue.length) {
      this.dialogPart?.announce(this);
      return;
    }
    this.announcement = '';
    const back = this.returnFocus;
    this.returnFocus = null;
    void this.updateComplete.then(() => back?.isConnected && back.focus());
  }

  /** @internal */
  open(id: string): void {
    this.emit(new HeraldMessageOpenEvent({ messageId: id }));
    this.dismiss(id);
  }

  /** @internal */
  confirmed(id: string, state: unknown): void {
    this.emit(
      new HeraldMailboxChangeEvent({ messageIds: [id], action: 'confirm', state: state as Record<string, unknown> }),
    );
    this.dismiss(id);
  }

  /** @internal */
  problemText(error: unknown): string {
    return problemMessage(error, this.i18n);
  }

  private async enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission = await Notification.requestPermission();
  }

  private renderNotificationsButton() {
    if (this.notifications === 'off' || this.permission !== 'default') return nothing;
    return html`<button part="notifications" class="link" type="button" @click=${this.enableNotifications}
      >${this.i18n.t('alert.enableNotifications')}</button>`;
  }

  override render() {
    return html`${this.renderNotificationsButton()}${this.dialogPart ? this.dialogPart.renderDialog(this) : nothing}`;
  }
}
