// E-mail over SMTP (nodemailer). One transporter per distinct configuration, replaced when an admin changes it.
import nodemailer from 'nodemailer';
import type { NotifySettings } from '../settings.js';
import { DeliveryError, type Notification } from './types.js';

type EmailSettings = NotifySettings['email'];
type Transporter = ReturnType<typeof nodemailer.createTransport>;
type SmtpError = Error & {
  code?: string; originalCode?: string; responseCode?: number; response?: string; command?: string; timeoutType?: string;
};

export const SMTP_TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 };

let cached: { key: string; transporter: Transporter } | null = null;

function transporterFor(email: EmailSettings): Transporter {
  const key = JSON.stringify(email);
  if (cached?.key === key) return cached.transporter;
  cached?.transporter.close();
  const transporter = nodemailer.createTransport({
    host: email.host, port: email.port, secure: email.secure,
    ...(email.username ? { auth: { user: email.username, pass: email.password } } : {}),
    connectionTimeout: SMTP_TIMEOUTS.connectionMs, greetingTimeout: SMTP_TIMEOUTS.greetingMs, socketTimeout: SMTP_TIMEOUTS.socketMs,
  });
  cached = { key, transporter };
  return transporter;
}

/** Closes the cached transporter (shutdown, tests). */
export function closeEmailTransport(): void {
  cached?.transporter.close();
  cached = null;
}

/** Never let a secret through, even if a server echoed it back. */
function redact(text: string, email: EmailSettings): string {
  let out = text;
  for (const secret of [email.password, email.password && Buffer.from(email.password).toString('base64')]) {
    if (secret && secret.length >= 3) out = out.replaceAll(secret, '***');
  }
  return out;
}

/** The server's reply without its codes ("550 5.1.1 <x@y>: no such user" → "<x@y>: no such user"). */
const replyText = (response: string | undefined): string =>
  (response ?? '').split(/\r?\n/).map((line) => line.replace(/^\d{3}[ -]?(\d\.\d{1,3}\.\d{1,3}\s+)?/, '')).join(' ').replace(/\s+/g, ' ').trim();

const clip = (s: string, max = 300) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * A nodemailer error as a DeliveryError. Permanent only for a 5xx reply about this recipient or message (RCPT TO,
 * DATA): a 5xx on AUTH, MAIL FROM or the greeting is the organisation's configuration, which an admin can fix.
 */
export function smtpError(err: SmtpError, email: EmailSettings): DeliveryError {
  const where = `${email.host}:${email.port}`;
  const code = err.responseCode;
  const isAuth = err.code === 'EAUTH' || err.code === 'ENOAUTH' || /^AUTH/.test(err.command ?? '');
  let message: string;
  if (isAuth) message = `SMTP login refused${code ? ` (${code})` : ''}: check the user name and password`;
  else if (code) message = `SMTP ${code}: ${replyText(err.response) || 'refused'}`;
  else if (err.code === 'ETIMEDOUT') {
    const seconds = err.timeoutType === 'SOCKET_TIMEOUT' ? SMTP_TIMEOUTS.socketMs / 1000 : SMTP_TIMEOUTS.connectionMs / 1000;
    message = `Timed out after ${seconds} s (${where})`;
  } else if (err.originalCode === 'ECONNREFUSED') message = `Connection refused (${where})`;
  else if (err.code === 'EDNS') message = `SMTP server not found (${email.host})`;
  else if (err.code === 'ETLS') message = `TLS failed with ${where}: ${err.message}`;
  else if (err.originalCode === 'ECONNRESET' || err.code === 'ECONNECTION') message = `Connection lost (${where})`;
  else message = `SMTP error (${where}): ${err.message}`;
  const permanent = !isAuth && code !== undefined && code >= 500 && code < 600
    && (err.command === 'RCPT TO' || err.command === 'DATA' || err.code === 'EMESSAGE');
  return new DeliveryError(clip(redact(message, email)), permanent);
}

export async function sendEmail(n: Notification, settings: NotifySettings): Promise<void> {
  const email = settings.email;
  if (!n.address) throw new DeliveryError('No e-mail address', true);
  try {
    await transporterFor(email).sendMail({
      from: email.from,
      to: n.address,
      subject: n.content.subject,
      text: n.content.text,
      html: n.content.html,
      messageId: `<${n.idempotencyKey}@herald>`,
      headers: { 'Herald-Idempotency-Key': n.idempotencyKey },
    });
  } catch (err) {
    throw smtpError(err as SmtpError, email);
  }
}
