// `POST /settings/notifications/test`: one sample notification, sent now with the saved settings, so an admin sees
// at once whether a channel works (and, when it does not, why: a reason code and a status, never the receiver's words).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RichDoc } from '../messages/content/index.js';
import { members } from '../org/schema.js';
import { SENDERS } from './channels/index.js';
import { DeliveryError, type FailureReason, type Notification, type NotifyLocale } from './channels/types.js';
import { notifyLocale, renderContent } from './content.js';
import type { Channel } from './schema.js';
import { notifySettings } from './settings.js';

const CHANNEL_NAMES: Record<Channel, string> = { email: 'e-mail', webhook: 'webhook', sms: 'SMS' };

const SAMPLE: Record<NotifyLocale, { subject: string; body: (channel: string) => string }> = {
  en: {
    subject: 'Herald test notification',
    body: (c) => `This is a test from Herald. If you can read it, the ${c} channel works.`,
  },
  'zh-CN': {
    subject: 'Herald 测试通知',
    body: (c) => `这是 Herald 发送的测试通知。能看到这条消息，说明${c}通道工作正常。`,
  },
};
const ZH_CHANNEL: Record<Channel, string> = { email: '邮件', webhook: 'Webhook ', sms: '短信' };

async function whoIsActing(db: DbOrTx, actor: Actor) {
  if (actor.kind === 'api-key') return { id: actor.keyId, name: actor.name, email: null, phone: null, locale: null };
  if (actor.kind === 'contact') return { ...actor.subject, phone: null };
  const [m] = await db
    .select({ id: members.id, name: members.name, email: members.email, phone: members.phone, locale: members.locale })
    .from(members)
    .where(eq(members.id, actor.subject.id));
  return m ?? { ...actor.subject, phone: null };
}

const FAILURES: Record<FailureReason, string> = {
  answered: 'The receiver answered {status}.',
  redirect: 'The receiver answered with a redirect ({status}), which is not followed: use the final URL.',
  timeout: 'The receiver did not answer in time.',
  'connection-refused': 'The connection was refused.',
  'host-not-found': 'The host was not found.',
  'connection-lost': 'The connection was lost.',
  tls: 'The TLS connection failed (certificate or protocol).',
  network: 'A network error stopped the send.',
  'address-not-allowed': 'The host is not at a public address; the operator can allow it with HERALD_OUTBOUND_ALLOW.',
  'login-refused': 'The server refused the login: check the user name and password.',
  refused: 'The server refused the message ({status}).',
  settings: 'The channel settings are not complete or not valid.',
};

const testFailure = (channel: Channel, err: DeliveryError) =>
  `${CHANNEL_NAMES[channel]}: ${FAILURES[err.reason].replace('{status}', String(err.status ?? ''))}`;

/** Sends a test on `channel` to `to` (an e-mail address or phone number) or the acting admin's own profile. */
export async function sendTest(db: DbOrTx, actor: Actor, channel: Channel, to: string | undefined): Promise<void> {
  const settings = await notifySettings(db);
  if (!settings[channel].enabled)
    throw new Problem('conflict', `Turn the ${CHANNEL_NAMES[channel]} channel on and save first.`);
  const me = await whoIsActing(db, actor);
  const target = to?.trim() || undefined;
  const email = channel === 'email' ? (target ?? me.email) : me.email;
  const phone = channel === 'sms' ? (target ?? me.phone) : me.phone;
  const address = channel === 'email' ? email : channel === 'sms' ? phone : null;
  if (channel !== 'webhook' && !address) {
    const what = channel === 'email' ? 'an e-mail address' : 'a phone number';
    throw new Problem('validation', 'Some properties are not valid.', {
      errors: [
        {
          path: 'to',
          code: 'required',
          message:
            `Your profile has no ${channel === 'email' ? 'e-mail address' : 'phone number'}: enter ${what} to ` +
            `send the test to`,
        },
      ],
    });
  }

  const locale = notifyLocale(me.locale ?? settings.defaultLocale);
  const sample = SAMPLE[locale];
  const bodyText = sample.body(locale === 'zh-CN' ? ZH_CHANNEL[channel] : CHANNEL_NAMES[channel]);
  const body: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: bodyText }] }] };
  const nonce = randomBytes(8).toString('hex');
  const recipient: Notification['recipient'] = { kind: 'member', id: me.id, name: me.name, email, phone, locale };
  const message: Notification['message'] = {
    id: `test-${nonce}`,
    subject: sample.subject,
    priority: 'urgent',
    senderName: 'Herald',
    deliveredAt: now(),
    expiresAt: null,
    receiptRequired: false,
    attachmentCount: 0,
  };
  const notification: Notification = {
    idempotencyKey: `test.${nonce}`,
    channel,
    round: 0,
    address,
    recipient,
    message,
    content: renderContent({ recipient, message, body, bodyText, linkTemplate: settings.linkTemplate }),
  };
  try {
    await SENDERS[channel](notification, settings);
  } catch (err) {
    // Only our own words, a reason code and a status: never what the receiver said (it may be an internal service).
    if (err instanceof DeliveryError)
      throw new Problem('notify-test-failed', testFailure(channel, err), {
        reason: err.reason,
        ...(err.status ? { remoteStatus: err.status } : {}),
      });
    throw err;
  }
}
