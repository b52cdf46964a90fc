// A generic HTTP SMS gateway (docs/api.md "Channels and settings"): the admin's URL, method, headers and body
// template, with {{phone}}, {{text}} and {{key}} filled in and escaped for where they land.
import type { NotifySettings } from '../settings.js';
import { BODY_ESCAPERS, DEFAULT_CONTENT_TYPES, fillTemplate, type TemplateValues } from './sms-body.js';
import { DeliveryError, type Notification } from './types.js';
import { sendHttp, type HttpOptions } from './webhook.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The characters that give JSON, XML, HTML and form bodies their structure, as full-width or typographic look-alikes,
 * and line breaks as spaces. Escaping follows `bodyFormat`, but an admin's template may nest one format inside
 * another (JSON in a form field, XML sent as text): with none of these left in the text, no template lets a sender's
 * words become the gateway's fields. An SMS reads the same with “quotes” and ＆.
 */
const STRUCTURAL: Record<string, string> = {
  '"': '”',
  "'": '’',
  '\\': '＼',
  '<': '‹',
  '>': '›',
  '&': '＆',
  '=': '＝',
  '{': '｛',
  '}': '｝',
};
const neutral = (text: string): string =>
  text.replace(/[\r\n\t]+/g, ' ').replace(/["'\\<>&={}]/g, (c) => STRUCTURAL[c] ?? c);

/**
 * The SMS text with the sender's words neutralised; the "Open" link at its end (the admin's template) is kept as is.
 */
export function smsSafeText(short: string, link: string | null): string {
  if (link && short.endsWith(link)) return neutral(short.slice(0, -link.length)) + link;
  return neutral(short);
}

export async function sendSms(n: Notification, settings: NotifySettings, options: HttpOptions = {}): Promise<void> {
  const sms = settings.sms;
  if (!n.address) throw new DeliveryError('No phone number', true);
  const values: TemplateValues = {
    phone: n.address,
    text: smsSafeText(n.content.short, n.content.link),
    key: n.idempotencyKey,
  };
  const headers: Record<string, string> = {};
  for (const h of sms.headers) {
    const name = h.name.trim();
    if (!name || name.toLowerCase() === 'herald-idempotency-key') continue; // ours, set below
    // Checked here so that fetch's own error, which quotes the value (perhaps a token), never reaches lastError.
    if (!TOKEN.test(name) || /[^\t\x20-\x7E\x80-\xFF]/.test(h.value))
      throw new DeliveryError(`The gateway header "${name.slice(0, 60)}" is not valid`);
    headers[name] = h.value;
  }
  headers['Herald-Idempotency-Key'] = n.idempotencyKey;
  // The escaping follows the body format, never the headers: an admin who drops the Content-Type header must not
  // let a sender's text break out of the JSON string (review #4). Settings read without one are 'json'.
  const format = sms.bodyFormat ?? 'json';
  let body: string | undefined;
  if (sms.method !== 'GET') {
    body = fillTemplate(sms.bodyTemplate, values, BODY_ESCAPERS[format]);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['Content-Type'] = DEFAULT_CONTENT_TYPES[format];
  }
  const url = fillTemplate(sms.url, values, encodeURIComponent);
  const secrets = sms.headers.map((h) => h.value);
  await sendHttp(
    'SMS gateway',
    url,
    { method: sms.method, headers, ...(body === undefined ? {} : { body }) },
    secrets,
    options,
  );
}
