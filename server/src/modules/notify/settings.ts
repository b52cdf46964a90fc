import { isIP } from 'node:net';
import { assertLiteralAllowed } from '../../lib/outbound.js';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import type { Priority } from '../messages/schema.js';
import { settings } from '../settings/schema.js';
import { BODY_ESCAPERS, fillTemplate, formatOfContentType, type SmsBodyFormat } from './channels/sms-body.js';
import type { NotifyLocale } from './channels/types.js';
import { CHANNELS, type Channel } from './schema.js';

export const SMS_METHODS = ['POST', 'PUT', 'GET'] as const;
export type SmsHeader = { name: string; value: string };

/** How urgent messages leave the browser (docs/api.md "Notifications"); stored under the settings key `notify`. */
export type NotifySettings = {
  email: {
    enabled: boolean;
    host: string;
    port: number;
    secure: boolean;
    username: string;
    password: string;
    from: string;
  };
  webhook: { enabled: boolean; url: string; secret: string };
  /**
   * `bodyFormat` decides the escaping of the body template's values (never a header the admin may drop) and the
   * `Content-Type` sent when the admin set none.
   */
  sms: {
    enabled: boolean;
    url: string;
    method: (typeof SMS_METHODS)[number];
    headers: SmsHeader[];
    bodyFormat: SmsBodyFormat;
    bodyTemplate: string;
  };
  /** Which channels each priority goes to (a channel that is not enabled is left out). */
  routing: Record<Priority, Channel[]>;
  /** Urgent messages that need confirmation: re-notify the unconfirmed every `everyMinutes`, `times` times (0: off). */
  reminders: { everyMinutes: number; times: number };
  /** Attempts per delivery before it goes to the dead-letter list. */
  maxAttempts: number;
  /** The language of notifications to people whose profile has none. */
  defaultLocale: NotifyLocale;
  /** Where "Open" in an e-mail or SMS leads, with `{{messageId}}`; empty: no link. */
  linkTemplate: string;
  /** What members may choose for themselves (issue 20 item 6; `notify/preferences.ts`). */
  memberChoice: MemberChoice;
  /**
   * Issue 19 item 4: a contact without portal access is e-mailed every message (any priority, with signed links to
   * its files and to a page where they read and reply), whatever `routing` says. Default on.
   */
  externalEmail: boolean;
};

/**
 * `channels`: per priority, the channels a member may turn on or off for themselves (the others follow `routing`;
 * urgent always does). `quietHours`: members may set quiet hours; `quietUrgent`: quiet hours may hold urgent ones too.
 */
export type MemberChoice = {
  channels: { high: Channel[]; normal: Channel[] };
  quietHours: boolean;
  quietUrgent: boolean;
};

export const DEFAULT_NOTIFY: NotifySettings = {
  email: { enabled: false, host: '', port: 587, secure: false, username: '', password: '', from: '' },
  webhook: { enabled: false, url: '', secret: '' },
  // No default headers: the Content-Type follows `bodyFormat`, and a stored value would have to be typed again
  // when the gateway URL is first set (see `keptSecrets`).
  sms: {
    enabled: false,
    url: '',
    method: 'POST',
    headers: [],
    bodyFormat: 'json',
    bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}',
  },
  routing: { normal: [], high: ['email'], urgent: ['email', 'webhook', 'sms'] },
  reminders: { everyMinutes: 5, times: 6 },
  maxAttempts: 8,
  defaultLocale: 'en',
  linkTemplate: '',
  memberChoice: { channels: { high: ['email'], normal: ['email'] }, quietHours: true, quietUrgent: false },
  externalEmail: true,
};

/** What an admin sees: secrets are never sent back, only whether they are set. */
export type NotifySettingsView = Omit<NotifySettings, 'email' | 'webhook' | 'sms'> & {
  email: Omit<NotifySettings['email'], 'password'> & { passwordSet: boolean };
  webhook: Omit<NotifySettings['webhook'], 'secret'> & { secretSet: boolean };
  sms: Omit<NotifySettings['sms'], 'headers'> & { headers: Array<{ name: string; valueSet: boolean }> };
};

/** A change: every part optional; a secret left out (or a header without `value`) keeps the stored one. */
export type NotifySettingsPatch = {
  email?: Partial<NotifySettings['email']> | undefined;
  webhook?: Partial<NotifySettings['webhook']> | undefined;
  sms?:
    | (Partial<Omit<NotifySettings['sms'], 'headers'>> & {
        headers?: Array<{ name: string; value?: string | undefined }> | undefined;
      })
    | undefined;
  routing?: Partial<Record<Priority, Channel[]>> | undefined;
  reminders?: Partial<NotifySettings['reminders']> | undefined;
  maxAttempts?: number | undefined;
  defaultLocale?: NotifyLocale | undefined;
  linkTemplate?: string | undefined;
  externalEmail?: boolean | undefined;
  memberChoice?:
    | (Partial<Omit<MemberChoice, 'channels'>> & { channels?: Partial<MemberChoice['channels']> | undefined })
    | undefined;
};

export async function notifySettings(db: DbOrTx): Promise<NotifySettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'notify'));
  const stored = (row?.value ?? {}) as Partial<NotifySettings>;
  return {
    ...DEFAULT_NOTIFY,
    ...stored,
    email: { ...DEFAULT_NOTIFY.email, ...stored.email },
    webhook: { ...DEFAULT_NOTIFY.webhook, ...stored.webhook },
    sms: {
      ...DEFAULT_NOTIFY.sms,
      ...stored.sms,
      bodyFormat: stored.sms?.bodyFormat ?? legacyBodyFormat(stored.sms?.headers),
    },
    routing: { ...DEFAULT_NOTIFY.routing, ...stored.routing },
    reminders: { ...DEFAULT_NOTIFY.reminders, ...stored.reminders },
    memberChoice: {
      ...DEFAULT_NOTIFY.memberChoice,
      ...stored.memberChoice,
      channels: { ...DEFAULT_NOTIFY.memberChoice.channels, ...stored.memberChoice?.channels },
    },
  };
}

/**
 * Settings saved before `bodyFormat` existed read as 'json' (the default template is JSON), except a gateway whose
 * stored Content-Type is form-urlencoded: its template is a form, and JSON escaping would let `&`/`=` through.
 */
function legacyBodyFormat(headers: SmsHeader[] | undefined): SmsBodyFormat {
  const contentType = headers?.find((h) => h.name.trim().toLowerCase() === 'content-type')?.value;
  return formatOfContentType(contentType) === 'form' ? 'form' : 'json';
}

export function settingsView(s: NotifySettings): NotifySettingsView {
  const { password, ...email } = s.email;
  const { secret, ...webhook } = s.webhook;
  return {
    ...s,
    email: { ...email, passwordSet: password !== '' },
    webhook: { ...webhook, secretSet: secret !== '' },
    sms: { ...s.sms, headers: s.sms.headers.map((h) => ({ name: h.name, valueSet: h.value !== '' })) },
  };
}

/** The channels a message of this priority goes out on now. */
export const channelsFor = (s: NotifySettings, priority: Priority): Channel[] =>
  CHANNELS.filter((c) => s[c].enabled && s.routing[priority].includes(c));

function merge(before: NotifySettings, patch: NotifySettingsPatch): NotifySettings {
  const headers = patch.sms?.headers?.map((h) => ({
    name: h.name,
    value: h.value ?? before.sms.headers.find((old) => old.name.toLowerCase() === h.name.toLowerCase())?.value ?? '',
  }));
  return {
    email: { ...before.email, ...patch.email },
    webhook: { ...before.webhook, ...patch.webhook },
    sms: { ...before.sms, ...patch.sms, headers: headers ?? before.sms.headers },
    routing: { ...before.routing, ...patch.routing },
    reminders: { ...before.reminders, ...patch.reminders },
    maxAttempts: patch.maxAttempts ?? before.maxAttempts,
    defaultLocale: patch.defaultLocale ?? before.defaultLocale,
    linkTemplate: patch.linkTemplate ?? before.linkTemplate,
    externalEmail: patch.externalEmail ?? before.externalEmail,
    memberChoice: {
      ...before.memberChoice,
      ...patch.memberChoice,
      channels: { ...before.memberChoice.channels, ...patch.memberChoice?.channels },
    },
  };
}

const hostOf = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');
const originOf = (url: string) => {
  try {
    return url.trim() === '' ? '' : new URL(url.trim()).origin.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
};

/**
 * Write-only secrets stay with the server they were saved for: an admin who may not read them must not get them
 * back by pointing the channel at a server of their own and keeping the stored value (review #2). So a change of
 * the SMTP host or port (or turning implicit TLS off) needs the password again, and a change of the SMS gateway's
 * origin needs every header value that
 * would otherwise be kept. The webhook secret needs nothing: it is only the HMAC key and never leaves Herald, so a
 * new URL cannot capture it.
 */
function keptSecrets(before: NotifySettings, patch: NotifySettingsPatch): FieldError[] {
  const errors: FieldError[] = [];
  const email = patch.email;
  // Another host or port is another server; turning implicit TLS off may send the password in clear.
  const elsewhere =
    (email?.host !== undefined && hostOf(email.host) !== hostOf(before.email.host)) ||
    (email?.port !== undefined && email.port !== before.email.port) ||
    (email?.secure === false && before.email.secure);
  if (elsewhere && before.email.password !== '' && email?.password === undefined) {
    errors.push({
      path: 'email.password',
      code: 'required',
      message: 'Enter the password again: a saved password is only sent to the server it was saved for',
    });
  }
  const sms = patch.sms;
  if (sms?.url !== undefined && originOf(sms.url) !== originOf(before.sms.url)) {
    const stored = (name: string) =>
      before.sms.headers.find((old) => old.name.toLowerCase() === name.toLowerCase())?.value ?? '';
    const kept = sms.headers
      ? sms.headers.map((h) => h.value === undefined && stored(h.name) !== '')
      : before.sms.headers.map((h) => h.value !== '');
    kept.forEach((isKept, i) => {
      if (isKept) {
        errors.push({
          path: `sms.headers.${i}.value`,
          code: 'required',
          message: 'Enter the value again: saved header values are only sent to the gateway they were saved for',
        });
      }
    });
  }
  return errors;
}

/**
 * Sample values for the body template check: benign, then everything that breaks out of a JSON string or a form value.
 */
const BENIGN = { phone: '13800000000', text: 'Hello', key: 'msg.rcpt.sms.0' };
const HOSTILE = [
  { phone: '","to":"+19005550100","x":"', text: ',"to":"+19005550100","x":', key: '"}' },
  { phone: '\\"\n{', text: 'a"b\\c\nd\r\u2028e\t}]', key: '{{phone}}' },
  { phone: '+1900&to=+1900', text: 'x=1&to=%2B1900&=', key: '&=' },
];

/** The shape of a JSON value: its keys, nesting and value types (not the values). */
const shapeOf = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(shapeOf).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${shapeOf(x)}`)
      .join(',')}}`;
  return v === null ? 'null' : typeof v;
};
const parsedShape = (body: string): string | null => {
  try {
    return shapeOf(JSON.parse(body));
  } catch {
    return null;
  }
};
const formShape = (body: string) =>
  `${[...new URLSearchParams(body).keys()].join('&')}|${body.split('&').length}|${body.split('=').length}`;

/**
 * The body template, filled with hostile values, must keep the structure it has with benign ones (review #4):
 * with 'json' it stays JSON with the same keys, with 'form' it gains no `&`/`=` pairs. With 'text' the values go
 * in raw, so a Content-Type header that says JSON or form is refused: the gateway would parse what a sender wrote.
 */
function checkBodyTemplate(s: NotifySettings): FieldError[] {
  const sms = s.sms;
  const contentType = sms.headers.find((h) => h.name.trim().toLowerCase() === 'content-type')?.value;
  if (sms.bodyFormat === 'text' && contentType && formatOfContentType(contentType) !== 'text') {
    return [
      {
        path: 'sms.bodyFormat',
        code: 'invalid-value',
        message:
          `The Content-Type header says ${formatOfContentType(contentType) === 'json' ? 'JSON' : 'form'}: ` +
          `choose that body format, so values are escaped`,
      },
    ];
  }
  if (sms.method === 'GET' || sms.bodyTemplate === '' || sms.bodyFormat === 'text') return [];
  const escape = BODY_ESCAPERS[sms.bodyFormat];
  const fill = (values: typeof BENIGN) => fillTemplate(sms.bodyTemplate, values, escape);
  if (sms.bodyFormat === 'json') {
    const expected = parsedShape(fill(BENIGN));
    if (expected === null || HOSTILE.some((values) => parsedShape(fill(values)) !== expected)) {
      return [
        { path: 'sms.bodyTemplate', code: 'invalid-format', message: 'Put {{phone}} and {{text}} inside JSON strings' },
      ];
    }
  } else {
    const expected = formShape(fill(BENIGN));
    if (HOSTILE.some((values) => formShape(fill(values)) !== expected)) {
      return [
        {
          path: 'sms.bodyTemplate',
          code: 'invalid-format',
          message: 'Put {{phone}} and {{text}} only in values (after "=")',
        },
      ];
    }
  }
  return [];
}

/** An enabled channel must be complete: checked on the merged result, so a partial change cannot break it. */
function checkComplete(s: NotifySettings): FieldError[] {
  const errors: FieldError[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) errors.push({ path, code: 'required', message });
  };
  if (s.email.enabled) {
    need(s.email.host !== '', 'email.host', 'The SMTP server is needed to send e-mail');
    need(s.email.from !== '', 'email.from', 'A sender address is needed to send e-mail');
  }
  if (s.webhook.enabled) {
    need(s.webhook.url !== '', 'webhook.url', 'The webhook URL is needed');
    need(
      s.webhook.secret !== '',
      'webhook.secret',
      'A signing secret is needed: receivers check every request with it',
    );
  }
  if (s.sms.enabled) {
    need(s.sms.url !== '', 'sms.url', 'The gateway URL is needed');
    need(
      s.sms.method === 'GET' || s.sms.bodyTemplate !== '',
      'sms.bodyTemplate',
      'A body template is needed for POST and PUT',
    );
  }
  return errors;
}

/**
 * Targets typed as an address must be public (or allowed by the operator): said at once at the field. Names are
 * checked where it counts, at every connection (lib/outbound.ts), since what they resolve to can change.
 */
function checkTargets(patch: NotifySettingsPatch, s: NotifySettings): FieldError[] {
  const errors: FieldError[] = [];
  // Through the URL parser, so numeric spellings (`127.1`, `2130706433`, `0x7f000001`) are the address they name.
  const target = (url: string) => {
    try {
      const u = new URL(url);
      return { host: u.hostname, port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80) };
    } catch {
      return null;
    }
  };
  const check = (path: string, t: { host: string; port: number } | null) => {
    if (!t) return;
    try {
      assertLiteralAllowed(t.host, t.port);
    } catch {
      errors.push({
        path,
        code: 'address-not-allowed',
        message: 'Not a public address; the operator can allow it with HERALD_OUTBOUND_ALLOW',
      });
    }
  };
  const smtpHost = s.email.host.trim();
  const smtp = target(`http://${isIP(smtpHost) === 6 ? `[${smtpHost}]` : smtpHost}`);
  if (patch.email?.host !== undefined || patch.email?.port !== undefined)
    check('email.host', smtp && { host: smtp.host, port: s.email.port });
  if (patch.webhook?.url !== undefined) check('webhook.url', target(s.webhook.url));
  if (patch.sms?.url !== undefined) check('sms.url', target(s.sms.url));
  return errors;
}

/** The audit trail shows what changed, never a secret. */
const redacted = (s: NotifySettings) => settingsView(s);

/** Read, merge, check and audit in one transaction (two admins saving at once cannot lose a change). */
/** `system`: the demo's own webhook (demo-portal.ts). */
export async function updateNotifySettings(
  db: Db,
  actor: Actor | { kind: 'system' },
  patch: NotifySettingsPatch,
  info: Partial<RequestInfo>,
): Promise<NotifySettings> {
  return db.transaction(async (tx) => {
    const before = await notifySettings(tx);
    const after = merge(before, patch);
    const errors = [...keptSecrets(before, patch), ...checkComplete(after), ...checkTargets(patch, after)];
    // Checked whenever the SMS part changes (not on unrelated saves, so an old template never blocks them).
    if (patch.sms && !errors.some((e) => e.path === 'sms.bodyTemplate')) errors.push(...checkBodyTemplate(after));
    if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
    const t = now();
    const by = actor.kind === 'system' ? null : actorId(actor);
    await tx
      .insert(settings)
      .values({ key: 'notify', value: after, updatedBy: by, updatedAt: t })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: by, updatedAt: t } });
    await recordAudit(tx, actor, {
      action: 'settings.notifications.update',
      targetType: 'settings',
      targetId: 'notify',
      before: redacted(before),
      after: redacted(after),
      ...info,
    });
    return after;
  });
}
