// A generic HTTP SMS gateway (docs/api.md "Channels and settings"): the admin's URL, method, headers and body
// template, with {{phone}}, {{text}} and {{key}} filled in and escaped for where they land.
import type { NotifySettings, SmsBodyFormat } from '../settings.js';
import { DeliveryError, type Notification } from './types.js';
import { sendHttp, type HttpOptions } from './webhook.js';

type Values = { phone: string; text: string; key: string };
const PLACEHOLDER = /\{\{(phone|text|key)\}\}/g;

/** One pass, so a value that itself contains `{{key}}` is never expanded again. */
export const fillTemplate = (template: string, values: Values, escape: (v: string) => string): string =>
  template.replace(PLACEHOLDER, (_, name: keyof Values) => escape(values[name]));

/** How a value is escaped in the body, by the admin's `sms.bodyFormat`: JSON string content, URL-encoded, or raw. */
export const BODY_ESCAPERS: Record<SmsBodyFormat, (v: string) => string> = {
  json: (v) => JSON.stringify(v).slice(1, -1),
  form: encodeURIComponent,
  text: (v) => v,
};

/** The `Content-Type` sent when the admin set none. */
export const DEFAULT_CONTENT_TYPES: Record<SmsBodyFormat, string> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** The body format a Content-Type value names (used to check the headers against `bodyFormat`, and for old settings). */
export function formatOfContentType(contentType: string | undefined): SmsBodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return 'text';
}

/** The escaping a Content-Type value implies. Sending never uses it (a header can be dropped): see `bodyFormat`. */
export const bodyEscaper = (contentType: string | undefined): ((v: string) => string) => BODY_ESCAPERS[formatOfContentType(contentType)];

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The characters that give JSON, XML, HTML and form bodies their structure, as full-width or typographic look-alikes,
 * and line breaks as spaces. Escaping follows `bodyFormat`, but an admin's template may nest one format inside
 * another (JSON in a form field, XML sent as text): with none of these left in the text, no template lets a sender's
 * words become the gateway's fields. An SMS reads the same with “quotes” and ＆.
 */
const STRUCTURAL: Record<string, string> = {
  '"': '”', "'": '’', '\\': '＼', '<': '‹', '>': '›', '&': '＆', '=': '＝', '{': '｛', '}': '｝',
};
const neutral = (text: string): string => text.replace(/[\r\n\t]+/g, ' ').replace(/["'\\<>&={}]/g, (c) => STRUCTURAL[c] ?? c);

/** The SMS text with the sender's words neutralised; the "Open" link at its end (the admin's template) is kept as is. */
export function smsSafeText(short: string, link: string | null): string {
  if (link && short.endsWith(link)) return neutral(short.slice(0, -link.length)) + link;
  return neutral(short);
}

export async function sendSms(n: Notification, settings: NotifySettings, options: HttpOptions = {}): Promise<void> {
  const sms = settings.sms;
  if (!n.address) throw new DeliveryError('No phone number', true);
  const values: Values = { phone: n.address, text: smsSafeText(n.content.short, n.content.link), key: n.idempotencyKey };
  const headers: Record<string, string> = {};
  for (const h of sms.headers) {
    const name = h.name.trim();
    if (!name || name.toLowerCase() === 'herald-idempotency-key') continue; // ours, set below
    // Checked here so that fetch's own error, which quotes the value (perhaps a token), never reaches lastError.
    if (!TOKEN.test(name) || /[^\t\x20-\x7E\x80-\xFF]/.test(h.value)) throw new DeliveryError(`The gateway header "${name.slice(0, 60)}" is not valid`);
    headers[name] = h.value;
  }
  headers['Herald-Idempotency-Key'] = n.idempotencyKey;
  // The escaping follows the body format, never the headers: an admin who drops the Content-Type header must not
  // let a sender's text break out of the JSON string (review #4). Settings read without one are 'json'.
  const format = sms.bodyFormat ?? 'json';
  let body: string | undefined;
  if (sms.method !== 'GET') {
    body = fillTemplate(sms.bodyTemplate, values, BODY_ESCAPERS[format]);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = DEFAULT_CONTENT_TYPES[format];
  }
  const url = fillTemplate(sms.url, values, encodeURIComponent);
  const secrets = sms.headers.map((h) => h.value);
  await sendHttp('SMS gateway', url, { method: sms.method, headers, ...(body === undefined ? {} : { body }) }, secrets, options);
}
