// A generic HTTP SMS gateway (docs/api.md "Channels and settings"): the admin's URL, method, headers and body
// template, with {{phone}}, {{text}} and {{key}} filled in and escaped for where they land.
import type { NotifySettings } from '../settings.js';
import { DeliveryError, type Notification } from './types.js';
import { sendHttp, type HttpOptions } from './webhook.js';

type Values = { phone: string; text: string; key: string };
const PLACEHOLDER = /\{\{(phone|text|key)\}\}/g;

/** One pass, so a value that itself contains `{{key}}` is never expanded again. */
export const fillTemplate = (template: string, values: Values, escape: (v: string) => string): string =>
  template.replace(PLACEHOLDER, (_, name: keyof Values) => escape(values[name]));

/** How a value is escaped in the body, by the Content-Type header the admin set. */
export function bodyEscaper(contentType: string | undefined): (v: string) => string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return (v) => JSON.stringify(v).slice(1, -1);
  if (type === 'application/x-www-form-urlencoded') return encodeURIComponent;
  return (v) => v;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export async function sendSms(n: Notification, settings: NotifySettings, options: HttpOptions = {}): Promise<void> {
  const sms = settings.sms;
  if (!n.address) throw new DeliveryError('No phone number', true);
  const values: Values = { phone: n.address, text: n.content.short, key: n.idempotencyKey };
  const headers: Record<string, string> = {};
  for (const h of sms.headers) {
    const name = h.name.trim();
    if (!name || name.toLowerCase() === 'herald-idempotency-key') continue; // ours, set below
    // Checked here so that fetch's own error, which quotes the value (perhaps a token), never reaches lastError.
    if (!TOKEN.test(name) || /[^\t\x20-\x7E\x80-\xFF]/.test(h.value)) throw new DeliveryError(`The gateway header "${name.slice(0, 60)}" is not valid`);
    headers[name] = h.value;
  }
  headers['Herald-Idempotency-Key'] = n.idempotencyKey;
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const body = sms.method === 'GET' ? undefined : fillTemplate(sms.bodyTemplate, values, bodyEscaper(contentType));
  const url = fillTemplate(sms.url, values, encodeURIComponent);
  const secrets = sms.headers.map((h) => h.value);
  await sendHttp('SMS gateway', url, { method: sms.method, headers, ...(body === undefined ? {} : { body }) }, secrets, options);
}
