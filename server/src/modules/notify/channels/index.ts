import type { Channel } from '../schema.js';
import { sendEmail } from './email.js';
import { sendSms } from './sms.js';
import type { ChannelSender } from './types.js';
import { sendWebhook } from './webhook.js';

/** The sender of each channel; each throws DeliveryError (permanent or not) when the attempt fails. */
export const SENDERS: Record<Channel, ChannelSender> = {
  email: sendEmail,
  webhook: (n, s) => sendWebhook(n, s),
  sms: (n, s) => sendSms(n, s),
};

export { DeliveryError, type ChannelSender, type Notification, type NotifyLocale } from './types.js';
export { closeEmailTransport } from './email.js';
