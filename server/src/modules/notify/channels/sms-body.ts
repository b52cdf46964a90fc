// How values land in an SMS gateway's body template: the formats, the escapers and the Content-Type each implies.
// Its own file so that the settings (which check a template) and the sender (which fills one) share it without
// importing each other.
/** How `{{phone}}`, `{{text}}` and `{{key}}` are escaped in the SMS body: JSON string content, URL-encoded, or raw. */
export const SMS_BODY_FORMATS = ['json', 'form', 'text'] as const;
export type SmsBodyFormat = (typeof SMS_BODY_FORMATS)[number];

export type TemplateValues = { phone: string; text: string; key: string };
const PLACEHOLDER = /\{\{(phone|text|key)\}\}/g;

/** One pass, so a value that itself contains `{{key}}` is never expanded again. */
export const fillTemplate = (template: string, values: TemplateValues, escape: (v: string) => string): string =>
  template.replace(PLACEHOLDER, (_, name: keyof TemplateValues) => escape(values[name]));

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

/** The body format a Content-Type value names (to check the headers against `bodyFormat`, and for old settings). */
export function formatOfContentType(contentType: string | undefined): SmsBodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return 'text';
}

/** The escaping a Content-Type value implies. Sending never uses it (a header can be dropped): see `bodyFormat`. */
export const bodyEscaper = (contentType: string | undefined): ((v: string) => string) =>
  BODY_ESCAPERS[formatOfContentType(contentType)];
