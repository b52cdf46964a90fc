// The signed webhook (docs/api.md "Webhook requests"), and the HTTP call it shares with the SMS gateway.
import { createHmac } from 'node:crypto';
import type { NotifySettings } from '../settings.js';
import type { fetch } from 'undici';
import { undici } from '../../../lib/heavy-modules.js';
import { assertLiteralAllowed, outboundDispatcher, refusedIn } from '../../../lib/outbound.js';
import { DeliveryError, type Notification } from './types.js';

/** How long a webhook or SMS gateway may take to answer; tests pass a shorter one. */
export const HTTP_TIMEOUT_MS = 10_000;
export type HttpOptions = { timeoutMs?: number };

const clip = (s: string, max = 300) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Replaces every secret (≥ 3 characters) in a text that may end up in `lastError` or a problem's detail. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.replaceAll(secret, '***');
  return out;
}

type NetError = Error & { code?: string; cause?: { code?: string; message?: string; hostname?: string } };

function networkError(err: NetError, url: URL, timeoutMs: number): DeliveryError {
  // The URL may carry a token (a bot key in the query), so only the host is named.
  const where = url.host;
  const refused = refusedIn(err);
  if (refused)
    return new DeliveryError(
      `${where} is not a public address (${refused.address}); the operator can allow it with HERALD_OUTBOUND_ALLOW`,
      true,
      'address-not-allowed',
    );
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new DeliveryError(`Timed out after ${timeoutMs / 1000} s (${where})`, false, 'timeout');
  const code = err.cause?.code ?? err.code;
  if (code === 'ECONNREFUSED') return new DeliveryError(`Connection refused (${where})`, false, 'connection-refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new DeliveryError(`Host not found (${url.hostname})`, false, 'host-not-found');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return new DeliveryError(`Connection lost (${where})`, false, 'connection-lost');
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT'))
    return new DeliveryError(`TLS failed with ${where} (${code})`, false, 'tls');
  return new DeliveryError(`Network error with ${where}${code ? ` (${code})` : ''}`, false, 'network');
}

/**
 * One HTTP request to a receiver: 2xx delivered; 408, 429, 5xx and network errors transient; a redirect (never
 * followed: it could lead anywhere) and other 4xx permanent. `label` names the receiver in the error, which gives the
 * status only: a receiver's answer is never read, so nothing an internal service says can come back through Herald.
 * Connections go to public addresses only (lib/outbound.ts).
 */
export async function sendHttp(
  label: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  secrets: readonly string[],
  options: HttpOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DeliveryError(`The ${label} URL is not valid`, true);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new DeliveryError(`The ${label} URL must start with http:// or https://`, true);
  let res: Awaited<ReturnType<typeof fetch>>;
  try {
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    assertLiteralAllowed(target.hostname, port);
    res = await undici().fetch(target, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: outboundDispatcher(port),
    });
  } catch (err) {
    throw networkError(err as NetError, target, timeoutMs);
  }
  await res.body?.cancel().catch(() => {}); // a 2xx or an error answer alike: dropped unread
  if (res.status >= 200 && res.status < 300) return;
  const redirect = res.status >= 300 && res.status < 400;
  const why = redirect ? ' (a redirect, which is not followed: use the final URL)' : '';
  const message = `${label} answered ${res.status}${why}`;
  const transient = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new DeliveryError(clip(redact(message, secrets)), !transient, redirect ? 'redirect' : 'answered', res.status);
}

/** The webhook's JSON body (docs/api.md): the recipient, the message with its link, and the short text. */
export function webhookPayload(n: Notification) {
  return {
    id: n.idempotencyKey,
    type: 'message.notification' as const,
    round: n.round,
    recipient: {
      kind: n.recipient.kind,
      id: n.recipient.id,
      name: n.recipient.name,
      email: n.recipient.email,
      phone: n.recipient.phone,
      locale: n.recipient.locale,
    },
    message: {
      id: n.message.id,
      subject: n.message.subject,
      priority: n.message.priority,
      senderName: n.message.senderName,
      deliveredAt: n.message.deliveredAt,
      expiresAt: n.message.expiresAt,
      receiptRequired: n.message.receiptRequired,
      attachmentCount: n.message.attachmentCount,
      link: n.content.link,
    },
    text: n.content.short,
  };
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. */
export const webhookSignature = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export async function sendWebhook(n: Notification, settings: NotifySettings, options: HttpOptions = {}): Promise<void> {
  const { url, secret } = settings.webhook;
  if (!secret) throw new DeliveryError('The webhook has no signing secret');
  const body = JSON.stringify(webhookPayload(n));
  const timestamp = Math.floor(Date.now() / 1000);
  await sendHttp(
    'Webhook',
    url,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Herald-Idempotency-Key': n.idempotencyKey,
        'Herald-Timestamp': String(timestamp),
        'Herald-Signature': webhookSignature(secret, timestamp, body),
      },
      body,
    },
    [secret],
    options,
  );
}
