// The urgent alert's dialog (issue 16: a lazy chunk, loaded when the first urgent message or reminder arrives, while
// that message is fetched): what it shows, its keyboard, Confirm, and getting attention beyond the page.
import { html, nothing } from 'lit';
import type { LocalizeController, MessageKey } from '@herald/core';
import type { AlertApi, AlertMessage } from './alert-api.js';
import { notify, playTone } from './attention.js';
export { dialogStyles } from './alert-dialog.styles.js';
export { dialogStrings } from './dialog/i18n/index.js';

type AlertKey = Extract<MessageKey, `alert.${string}`>;

/** One queued alert: the message, and whether it came from the sender's reminder. */
export interface QueuedAlert {
  message: AlertMessage;
  reminder: boolean;
  /** The desktop notification shown with it, if any. */
  notification?: { close(): void } | undefined;
}

/** What the dialog reads and changes on <herald-urgent-alert>. */
export interface AlertDialogHost {
  readonly i18n: LocalizeController;
  readonly api: AlertApi | undefined;
  readonly queue: readonly QueuedAlert[];
  readonly dialog: HTMLDialogElement | null;
  readonly shadowRoot: ShadowRoot | null;
  readonly sound: boolean;
  busy: boolean;
  error: string;
  announcement: string;
  open(id: string): void;
  dismiss(id?: string): void;
  /** The message was confirmed: tells the host (`herald-mailbox-change`) and dismisses it. */
  confirmed(id: string, state: unknown): void;
  /** A problem in words. */
  problemText(error: unknown): string;
}
// (It imports nothing of the first load but types: a module shared by the first load and a lazy chunk is a file of its
// own there, issue 16.)

const t = (host: AlertDialogHost, key: AlertKey, params?: Record<string, unknown>) => host.i18n.t(key, params);

export const titleOf = (host: AlertDialogHost, alert: QueuedAlert) =>
  t(host, alert.reminder ? 'alert.reminder' : 'alert.urgent');

/** A tone (with `sound`) and, on a hidden page the user allowed it for, a desktop notification whose click opens it. */
export function attend(host: AlertDialogHost, alert: QueuedAlert): void {
  const { message } = alert;
  if (host.sound) playTone();
  alert.notification = notify(titleOf(host, alert), `${message.sender.name}: ${message.subject}`, message.id, () =>
    host.open(message.id),
  );
}

/** Says the current alert out loud (assertive live region inside the dialog). */
export function announce(host: AlertDialogHost): void {
  const current = host.queue[0];
  host.announcement = '';
  if (!current) return;
  const { message, reminder } = current;
  // Set after the dialog is open, so that screen readers hear a change.
  requestAnimationFrame(() => {
    host.announcement = t(host, reminder ? 'alert.announceReminder' : 'alert.announce', {
      name: message.sender.name,
      subject: message.subject || t(host, 'alert.noSubject'),
    });
  });
}

async function confirm(host: AlertDialogHost, alert: QueuedAlert): Promise<void> {
  const { api } = host;
  if (!api || host.busy) return;
  host.busy = true;
  host.error = '';
  try {
    host.confirmed(alert.message.id, await api.confirm(alert.message.id));
  } catch (error) {
    host.error = host.problemText(error);
  } finally {
    host.busy = false;
  }
}

function onCancel(host: AlertDialogHost, event: Event): void {
  // Escape: the same as Later (the next queued alert, if any, stays up).
  event.preventDefault();
  host.dismiss();
}

/** Keeps Tab inside the dialog even where the browser would move on to its own UI. */
function onKeydown(host: AlertDialogHost, event: KeyboardEvent): void {
  const { dialog } = host;
  if (event.key !== 'Tab' || !dialog) return;
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'),
  ];
  if (!focusable.length) return;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  const active = host.shadowRoot?.activeElement;
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/* eslint-disable lit-a11y/no-autofocus --
  an alert dialog focuses its first action when it opens (the WAI-ARIA dialog pattern) */
function renderAlert(host: AlertDialogHost, alert: QueuedAlert) {
  const { message } = alert;
  const needsConfirm = message.receiptRequired && !message.mine?.confirmedAt;
  const time = message.deliveredAt ?? message.createdAt;
  const { queue } = host;
  return html`
    <header part="header">
      <span class="kind">${titleOf(host, alert)}</span>
      ${
        queue.length > 1
          ? html`<span class="position"
        >${t(host, 'alert.position', { index: 1, total: queue.length })}</span>`
          : nothing
      }
    </header>
    <h2 part="subject" id="alert-subject">${message.subject || t(host, 'alert.noSubject')}</h2>
    <p part="meta" class="meta">
      <span>${t(host, 'alert.from', { name: message.sender.name })}</span>
      <time datetime=${new Date(time).toISOString()}>${t(host, 'alert.sentAt', { time: host.i18n.date(time) })}</time>
    </p>
    <div id="alert-description">
      <p part="excerpt" class="excerpt">${message.excerpt}</p>
      ${needsConfirm ? html`<p class="receipt">${t(host, 'alert.receiptRequired')}</p>` : nothing}
    </div>
    ${host.error ? html`<p class="error" role="alert">${host.error}</p>` : nothing}
    <div part="actions" class="actions">
      <button type="button" class="primary" autofocus @click=${() => host.open(message.id)}
        >${t(host, 'alert.open')}</button>
      ${
        needsConfirm
          ? html`<button type="button" aria-disabled=${host.busy ? 'true' : 'false'}
            @click=${() => void confirm(host, alert)}
            >${t(host, host.busy ? 'alert.confirming' : 'alert.confirm')}</button>`
          : nothing
      }
      <button type="button" class="secondary" @click=${() => host.dismiss()}>${t(host, 'alert.later')}</button>
    </div>`;
}
/* eslint-enable lit-a11y/no-autofocus */

/** The modal alert dialog (`role="alertdialog"`); <herald-urgent-alert> opens and closes it. */
export function renderDialog(host: AlertDialogHost) {
  const current = host.queue[0];
  return html`<dialog part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="alert-subject"
      aria-describedby="alert-description" @cancel=${(e: Event) => onCancel(host, e)}
      @keydown=${(e: KeyboardEvent) => onKeydown(host, e)}>
    ${current ? renderAlert(host, current) : nothing}
    <p class="visually-hidden" aria-live="assertive" aria-atomic="true">${host.announcement}</p>
  </dialog>`;
}
