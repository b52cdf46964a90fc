// The Notifications form as typed, and the patch it makes: only what changed, never a secret nobody typed.
import type { NotifyChannel, NotifySettings, NotifySettingsPatch } from '../api/types.js';

export const CHANNELS: readonly NotifyChannel[] = ['email', 'webhook', 'sms'];
export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The priorities whose channels members may choose (issue 20): urgent always follows the routing. */
export const CHOOSABLE = ['normal', 'high'] as const;
export const SMS_METHODS = ['POST', 'PUT', 'GET'] as const;
type SmsMethod = NotifySettings['sms']['method'];
/** How the gateway's body template is escaped (and its default Content-Type). */
export const SMS_BODY_FORMATS = ['json', 'form', 'text'] as const satisfies ReadonlyArray<
  NotifySettings['sms']['bodyFormat']
>;
type SmsBodyFormat = NotifySettings['sms']['bodyFormat'];

/** One SMS header row. `savedName` links it to a stored header, whose value the server keeps when none is sent. */
export interface HeaderRow {
  key: number;
  name: string;
  value: string;
  valueSet: boolean;
  savedName: string | null;
}

/** Numbers stay text until saved (a half-typed value is kept as is); secrets are only what was typed now. */
export interface NotifyDraft {
  email: {
    enabled: boolean;
    host: string;
    port: string;
    secure: boolean;
    username: string;
    password: string;
    clearPassword: boolean;
    from: string;
  };
  webhook: { enabled: boolean; url: string; secret: string; clearSecret: boolean };
  sms: {
    enabled: boolean;
    url: string;
    method: SmsMethod;
    headers: HeaderRow[];
    bodyFormat: SmsBodyFormat;
    bodyTemplate: string;
  };
  routing: Record<Priority, NotifyChannel[]>;
  reminders: { everyMinutes: string; times: string };
  maxAttempts: string;
  linkTemplate: string;
  defaultLocale: NotifySettings['defaultLocale'];
  /** What members may choose for themselves (issue 20). */
  memberChoice: NotifySettings['memberChoice'];
  /** Issue 19 item 4: e-mail every message to contacts without portal access. */
  externalEmail: boolean;
}

let rowKeys = 0;
export const newHeaderRow = (): HeaderRow => ({
  key: ++rowKeys,
  name: '',
  value: '',
  valueSet: false,
  savedName: null,
});

export const toDraft = (s: NotifySettings): NotifyDraft => ({
  email: {
    enabled: s.email.enabled,
    host: s.email.host,
    port: String(s.email.port),
    secure: s.email.secure,
    username: s.email.username,
    password: '',
    clearPassword: false,
    from: s.email.from,
  },
  webhook: { enabled: s.webhook.enabled, url: s.webhook.url, secret: '', clearSecret: false },
  sms: {
    enabled: s.sms.enabled,
    url: s.sms.url,
    method: s.sms.method,
    bodyFormat: s.sms.bodyFormat,
    bodyTemplate: s.sms.bodyTemplate,
    headers: s.sms.headers.map((h) => ({
      key: ++rowKeys,
      name: h.name,
      value: '',
      valueSet: h.valueSet,
      savedName: h.name,
    })),
  },
  routing: { normal: [...s.routing.normal], high: [...s.routing.high], urgent: [...s.routing.urgent] },
  reminders: { everyMinutes: String(s.reminders.everyMinutes), times: String(s.reminders.times) },
  maxAttempts: String(s.maxAttempts),
  linkTemplate: s.linkTemplate,
  defaultLocale: s.defaultLocale,
  externalEmail: s.externalEmail,
  memberChoice: {
    ...s.memberChoice,
    channels: { high: [...s.memberChoice.channels.high], normal: [...s.memberChoice.channels.normal] },
  },
});

/** Does this row still stand for its stored header (so an empty value keeps the stored one)? */
export const keepsSavedValue = (row: HeaderRow) =>
  row.valueSet && row.savedName !== null && row.name.trim().toLowerCase() === row.savedName.toLowerCase();

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Whole numbers the server takes, by field path: [min, max]. */
export const NUMBER_BOUNDS = {
  'email.port': [1, 65535],
  'reminders.everyMinutes': [1, 1440],
  'reminders.times': [0, 48],
  maxAttempts: [1, 50],
} as const;
export type NumberField = keyof typeof NUMBER_BOUNDS;

/** A number field's value, or the `field.*` code of why it is not one the server takes. */
export function numberOf(
  field: NumberField,
  text: string,
): number | 'required' | 'invalid-type' | 'too-small' | 'too-big' {
  const t = text.trim();
  if (!t) return 'required';
  const n = Number(t);
  if (!Number.isInteger(n)) return 'invalid-type';
  const [min, max] = NUMBER_BOUNDS[field];
  return n < min ? 'too-small' : n > max ? 'too-big' : n;
}

const sentHeaders = (rows: HeaderRow[]) =>
  rows
    .filter((r) => r.name.trim() || r.value)
    .map((r) => ({ name: r.name.trim(), ...(r.value !== '' ? { value: r.value } : {}) }));

/**
 * The patch from the saved settings to the draft, or the number fields that are not valid (`{ invalid }`, by path,
 * with the `field.*` code). Secrets go only when typed (or `""` when cleared); headers go as a whole list when any
 * name, row or typed value changed, each without `value` unless one was typed, so stored values are kept.
 */
export function patchOf(
  s: NotifySettings,
  d: NotifyDraft,
): { patch: NotifySettingsPatch } | { invalid: Partial<Record<NumberField, string>> } {
  const invalid: Partial<Record<NumberField, string>> = {};
  const num = (field: NumberField, text: string) => {
    const v = numberOf(field, text);
    if (typeof v === 'string') invalid[field] = v;
    return typeof v === 'number' ? v : 0;
  };
  const port = num('email.port', d.email.port);
  const everyMinutes = num('reminders.everyMinutes', d.reminders.everyMinutes);
  const times = num('reminders.times', d.reminders.times);
  const maxAttempts = num('maxAttempts', d.maxAttempts);
  if (Object.keys(invalid).length) return { invalid };

  const changed = <T extends object>(part: T) => (Object.keys(part).length ? part : undefined);
  const diff = <K extends string, V>(key: K, now: V, before: V) =>
    now !== before ? ({ [key]: now } as Record<K, V>) : {};
  const e = d.email;
  const email = changed({
    ...diff('enabled', e.enabled, s.email.enabled),
    ...diff('host', e.host.trim(), s.email.host),
    ...diff('port', port, s.email.port),
    ...diff('secure', e.secure, s.email.secure),
    ...diff('username', e.username, s.email.username),
    ...diff('from', e.from.trim(), s.email.from),
    ...(e.password ? { password: e.password } : e.clearPassword && s.email.passwordSet ? { password: '' } : {}),
  });
  const w = d.webhook;
  const webhook = changed({
    ...diff('enabled', w.enabled, s.webhook.enabled),
    ...diff('url', w.url.trim(), s.webhook.url),
    ...(w.secret ? { secret: w.secret } : w.clearSecret && s.webhook.secretSet ? { secret: '' } : {}),
  });
  const m = d.sms;
  const headers = sentHeaders(m.headers);
  const headersChanged =
    headers.length !== s.sms.headers.length ||
    headers.some((h, i) => h.name !== s.sms.headers[i]!.name || 'value' in h);
  const sms = changed({
    ...diff('enabled', m.enabled, s.sms.enabled),
    ...diff('url', m.url.trim(), s.sms.url),
    ...diff('method', m.method, s.sms.method),
    ...diff('bodyFormat', m.bodyFormat, s.sms.bodyFormat),
    ...diff('bodyTemplate', m.bodyTemplate, s.sms.bodyTemplate),
    ...(headersChanged ? { headers } : {}),
  });
  const routing = changed(
    Object.fromEntries(
      PRIORITIES.filter((p) => !sameSet(d.routing[p], s.routing[p])).map((p) => [
        p,
        CHANNELS.filter((c) => d.routing[p].includes(c)),
      ]),
    ),
  );
  const mc = d.memberChoice;
  const choiceChannels = changed(
    Object.fromEntries(
      CHOOSABLE.filter((p) => !sameSet(mc.channels[p], s.memberChoice.channels[p])).map((p) => [
        p,
        CHANNELS.filter((c) => mc.channels[p].includes(c)),
      ]),
    ),
  );
  const memberChoice = changed({
    ...(choiceChannels ? { channels: choiceChannels } : {}),
    ...diff('quietHours', mc.quietHours, s.memberChoice.quietHours),
    ...diff('quietUrgent', mc.quietUrgent, s.memberChoice.quietUrgent),
  });
  const reminders = changed({
    ...diff('everyMinutes', everyMinutes, s.reminders.everyMinutes),
    ...diff('times', times, s.reminders.times),
  });
  const patch: NotifySettingsPatch = {
    ...(email ? { email } : {}),
    ...(webhook ? { webhook } : {}),
    ...(sms ? { sms } : {}),
    ...(routing ? { routing } : {}),
    ...(reminders ? { reminders } : {}),
    ...(memberChoice ? { memberChoice } : {}),
    ...diff('maxAttempts', maxAttempts, s.maxAttempts),
    ...diff('linkTemplate', d.linkTemplate.trim(), s.linkTemplate),
    ...diff('defaultLocale', d.defaultLocale, s.defaultLocale),
    ...diff('externalEmail', d.externalEmail, s.externalEmail),
  };
  return { patch };
}

/** Has the draft anything the server does not have yet? (Invalid numbers count as changes.) */
export function isDirty(s: NotifySettings, d: NotifyDraft): boolean {
  const result = patchOf(s, d);
  return 'invalid' in result || Object.keys(result.patch).length > 0;
}

/** A random 32-byte signing secret as hex, from the browser's CSPRNG. */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
