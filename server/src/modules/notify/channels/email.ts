// E-mail over SMTP (nodemailer). One pooled transporter per distinct configuration, replaced when an admin changes it.
import type nodemailer from 'nodemailer';
import { nodemailer as loadNodemailer } from '../../../lib/heavy-modules.js';
import type { NotifySettings } from '../settings.js';
import { isIP } from 'node:net';
import { refusedIn, resolveAllowed } from '../../../lib/outbound.js';
import { DeliveryError, type FailureReason, type Notification } from './types.js';

type EmailSettings = NotifySettings['email'];
type Transporter = ReturnType<typeof nodemailer.createTransport>;
type SmtpError = Error & {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
};

/**
 * The longest one notification may take to send, whatever the receiver does. nodemailer's `socketTimeout` only
 * counts silence, so a server that trickles a reply line every few seconds (a tarpit, a greylisting relay) would
 * otherwise keep a send, and the worker's tick behind it, waiting for ever. It must stay well below the worker's
 * lease (60 s), so that a claimed row is always finished before another process may claim it again.
 */
export const SEND_DEADLINE_MS = 30_000;

/** Tests shorten these; `deadlineMs` is the overall bound above. */
export const SMTP_TIMEOUTS = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 20_000,
  deadlineMs: SEND_DEADLINE_MS,
};

/** Connections one transporter keeps open at most: a large audience reuses them instead of one per e-mail. */
export const SMTP_MAX_CONNECTIONS = 3;

let cached: { key: string; transporter: Transporter } | null = null;

/** `address`: where `email.host` resolved to, checked by lib/outbound.ts; connections go there and nowhere else. */
function transporterFor(email: EmailSettings, address: string): Transporter {
  const key = JSON.stringify({ ...email, address });
  if (cached?.key === key) return cached.transporter;
  cached?.transporter.close(); // idle connections close now, a delivery in progress on the old settings finishes first
  const transporter = loadNodemailer().createTransport({
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    // A connection that drops mid-send fails the attempt instead of being re-sent by nodemailer on its own: the
    // outbox decides about retries (with backoff, counted in `attempts`, and visible to the admin).
    maxRequeues: 0,
    // The checked address, with the name kept for TLS (SNI and the certificate check), so nodemailer does no DNS.
    host: address,
    port: email.port,
    secure: email.secure,
    ...(isIP(email.host) ? {} : { servername: email.host }),
    ...(email.username ? { auth: { user: email.username, pass: email.password } } : {}),
    connectionTimeout: SMTP_TIMEOUTS.connectionMs,
    greetingTimeout: SMTP_TIMEOUTS.greetingMs,
    socketTimeout: SMTP_TIMEOUTS.socketMs,
  });
  cached = { key, transporter };
  return transporter;
}

/** Takes a transporter out of use after one of its sends hung: the next send gets a fresh pool. */
function retire(transporter: Transporter): void {
  if (cached?.transporter !== transporter) return; // already replaced (the settings changed meanwhile)
  cached = null;
  transporter.close();
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

/** The enhanced status code of a reply ("550 5.1.1 <x@y>: no such user" → "5.1.1"): its only part that is kept. */
const enhancedCode = (response: string | undefined): string | undefined =>
  /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(response ?? '')?.[1];

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
  let reason: FailureReason;
  if (isAuth)
    [message, reason] = [
      `SMTP login refused${code ? ` (${code})` : ''}: check the user name and password`,
      'login-refused',
    ];
  else if (code) {
    // Codes only, never the server's words (issue 13): a "server" may be an internal service answering anything.
    const what =
      err.command === 'RCPT TO'
        ? 'the recipient'
        : err.command === 'DATA' || err.code === 'EMESSAGE'
          ? 'the message'
          : 'the connection';
    const enhanced = enhancedCode(err.response);
    [message, reason] = [`SMTP ${code}${enhanced ? ` ${enhanced}` : ''}: the server refused ${what}`, 'refused'];
  } else if (err.code === 'ETIMEDOUT') {
    const seconds =
      err.timeoutType === 'SOCKET_TIMEOUT' ? SMTP_TIMEOUTS.socketMs / 1000 : SMTP_TIMEOUTS.connectionMs / 1000;
    [message, reason] = [`Timed out after ${seconds} s (${where})`, 'timeout'];
  } else if (err.originalCode === 'ECONNREFUSED')
    [message, reason] = [`Connection refused (${where})`, 'connection-refused'];
  else if (err.code === 'EDNS') [message, reason] = [`SMTP server not found (${email.host})`, 'host-not-found'];
  else if (err.code === 'ETLS') [message, reason] = [`TLS failed with ${where}`, 'tls'];
  else if (err.originalCode === 'ECONNRESET' || err.code === 'ECONNECTION')
    [message, reason] = [`Connection lost (${where})`, 'connection-lost'];
  else [message, reason] = [`SMTP error (${where})${err.code ? ` (${err.code})` : ''}`, 'network'];
  const permanent =
    !isAuth &&
    code !== undefined &&
    code >= 500 &&
    code < 600 &&
    (err.command === 'RCPT TO' || err.command === 'DATA' || err.code === 'EMESSAGE');
  return new DeliveryError(clip(redact(message, email)), permanent, reason, code);
}

/** Where to connect for the SMTP server: a public address, or one the operator allows (lib/outbound.ts). */
async function smtpAddress(email: EmailSettings): Promise<string> {
  try {
    return await resolveAllowed(email.host, email.port);
  } catch (err) {
    const refused = refusedIn(err);
    if (refused)
      throw new DeliveryError(
        `${email.host} is not a public address (${refused.address}); the operator can allow it with ` +
          `HERALD_OUTBOUND_ALLOW`,
        true,
        'address-not-allowed',
      );
    throw new DeliveryError(`SMTP server not found (${email.host})`, false, 'host-not-found');
  }
}

export async function sendEmail(n: Notification, settings: NotifySettings): Promise<void> {
  const email = settings.email;
  if (!n.address) throw new DeliveryError('No e-mail address', true);
  const deadlineMs = SMTP_TIMEOUTS.deadlineMs;
  const abort = new AbortController();
  const timeout = new DeliveryError(
    `Timed out after ${deadlineMs / 1000} s (${email.host}:${email.port})`,
    false,
    'timeout',
  );
  let timer: NodeJS.Timeout | undefined;
  let transporter: Transporter | undefined;
  // Created before the first `await`, so it fires ahead of the worker's own safety net with the same deadline.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(timeout);
      // nodemailer closes the connection carrying this message (or takes it off the pool's queue); the pool is
      // retired too, so that no connection that somehow survived can hold up a later send.
      abort.abort();
      if (transporter) retire(transporter);
    }, deadlineMs);
  });
  deadline.catch(() => {}); // heard by the race below, or after a failed look-up by nobody
  try {
    transporter = transporterFor(email, await Promise.race([smtpAddress(email), deadline]));
    const sending = transporter.sendMail({
      from: email.from,
      to: n.address,
      subject: n.content.subject,
      text: n.content.text,
      html: n.content.html,
      messageId: `<${n.idempotencyKey}@herald>`,
      // Issue 20 #9: the body's inline images travel inside the e-mail (multipart/related), never as links.
      ...(n.images?.length
        ? {
            attachments: n.images.map((i) => ({
              cid: i.cid,
              filename: i.filename,
              contentType: i.contentType,
              content: i.content,
              contentDisposition: 'inline' as const,
            })),
          }
        : {}),
      // Auto-Submitted (RFC 3834): out-of-office and other automatic replies are not sent back to `from`.
      headers: { 'Herald-Idempotency-Key': n.idempotencyKey, 'Auto-Submitted': 'auto-generated' },
      signal: abort.signal,
    });
    sending.catch(() => {}); // after the deadline its (abort) error has nobody left to hear it
    await Promise.race([sending, deadline]);
  } catch (err) {
    if (err === timeout || abort.signal.aborted) throw timeout; // the abort's own error may settle first
    if (err instanceof DeliveryError) throw err;
    throw smtpError(err as SmtpError, email);
  } finally {
    clearTimeout(timer);
  }
}
