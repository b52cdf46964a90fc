import type { EmailImage } from '../email-images.js';
import type { Channel } from '../schema.js';
import type { NotifySettings } from '../settings.js';

export type NotifyLocale = 'en' | 'zh-CN';

/** One notification ready to go out: who, about what, and its text already rendered in the recipient's locale. */
export type Notification = {
  /** `<messageId>.<recipientId>.<channel>.<round>`: the same on every attempt, so receivers can drop duplicates. */
  idempotencyKey: string;
  channel: Channel;
  /** 0: the first notice; N: the Nth reminder. */
  round: number;
  /** The e-mail address or phone number (null for the webhook). */
  address: string | null;
  recipient: {
    kind: 'member' | 'contact';
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    locale: NotifyLocale;
  };
  message: {
    id: string;
    subject: string;
    priority: 'normal' | 'high' | 'urgent';
    senderName: string;
    deliveredAt: number;
    expiresAt: number | null;
    receiptRequired: boolean;
    attachmentCount: number;
  };
  /** Issue 20 #9: e-mail only — the body's inline images as parts of the e-mail, named by `cid:` in `content.html`. */
  images?: EmailImage[];
  /** Built from the sanitised rich text (never the sender's raw input), in `recipient.locale`. */
  content: {
    /** E-mail subject, e.g. "[Urgent] Server room closed" / "【紧急】机房关闭". */
    subject: string;
    /** Short text for SMS and bots (≤ 300 characters, ends with the link when there is one). */
    short: string;
    /** The e-mail's plain-text part and its HTML part (an escaped frame around `renderEmailHtml`). */
    text: string;
    html: string;
    /** Where "Open" leads (`linkTemplate` with `{{messageId}}`), or null. */
    link: string | null;
  };
};

/**
 * Why an attempt failed, as a code the admin's widget translates: what a test send shows, since the message (kept for
 * the outbox) may quote the receiver and a test send must never relay a remote answer (docs/api.md).
 */
export type FailureReason =
  | 'answered'
  | 'redirect'
  | 'timeout'
  | 'connection-refused'
  | 'host-not-found'
  | 'connection-lost'
  | 'tls'
  | 'network'
  | 'address-not-allowed'
  | 'login-refused'
  | 'refused'
  | 'settings';

/** A failed attempt. `permanent`: retrying cannot help (a 4xx other than 408/429, a refused address): dead at once. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
    readonly reason: FailureReason = 'settings',
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Sends one notification on one channel with the settings as they are now; throws DeliveryError when it fails. */
export type ChannelSender = (n: Notification, settings: NotifySettings) => Promise<void>;
