// What the reading pane's parts (header, body, attachments, mailbox actions, thread, reply, receipts, manage) read
// and call on <herald-message-view>. The view keeps the loaded message and thread; each part keeps its own UI state.
import type { ReactiveControllerHost } from 'lit';
import type { InlineImageLoader, LocalizeController, MessageKey } from '@herald/core';
import type { MessageApi } from '../api/message-api.js';
import type { MailboxStateAnswer, ViewedMessage } from '../api/message-types.js';

export type MessageViewHost = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface MessageViewContext {
  readonly i18n: LocalizeController;
  t(key: MessageKey, params?: Record<string, unknown>): string;
  /** A date and time in the caller's locale. */
  time(at: number): string;
  api(): MessageApi | undefined;
  /** The message shown (undefined while loading). */
  message(): ViewedMessage | undefined;
  /** The signed-in subject's id. */
  meId(): string | undefined;
  /** Says `text` in the polite status line (screen readers hear it). */
  announce(text: string, tone?: 'info' | 'error'): void;
  /** The caller's mailbox copy changed: store it and tell the host (HeraldMailboxChangeEvent). */
  mailboxChanged(action: string, state: MailboxStateAnswer): void;
  /** The sender changed the message: tell the host (HeraldMessageManageEvent). */
  managed(action: 'edit' | 'recall' | 'delete' | 'remind' | 'revoke-link'): void;
  /** Changes the shown message locally (e.g. marked deleted after `DELETE`, which the sender can no longer read). */
  patch(changes: Partial<ViewedMessage>): void;
  /** Reloads the message and thread. */
  reload(): Promise<void>;
  /** Issue 20 #4: the signed-in member may send some kind of message (so may forward what they received). */
  maySend(): boolean;
  /** Issue 20 #9: loads the body's inline images (for `renderRichText`'s `image`). */
  images(): InlineImageLoader;
  /** Moves focus to an element of the shadow root after the next render. */
  focusAfterRender(selector: string): void;
}

/** A short random key (Idempotency-Key per reply). */
export const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** `5 min`, `3 h 10 min`, `2 d 4 h` (never below a minute unless under one). */
export function durationText(ms: number, t: MessageViewContext['t']): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return t('messageView.duration.seconds', { count: s });
  const m = Math.ceil(s / 60);
  if (m < 60) return t('messageView.duration.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('messageView.duration.hours', { count: h, minutes: m % 60 });
  return t('messageView.duration.days', { count: Math.floor(h / 24), hours: h % 24 });
}
