import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import type { Priority } from '../messages/schema.js';
import { settings } from '../settings/schema.js';
import { CHANNELS, type Channel } from './schema.js';

export const SMS_METHODS = ['POST', 'PUT', 'GET'] as const;
export type SmsHeader = { name: string; value: string };

/** How urgent messages leave the browser (docs/api.md "Notifications"); stored under the settings key `notify`. */
export type NotifySettings = {
  email: { enabled: boolean; host: string; port: number; secure: boolean; username: string; password: string; from: string };
  webhook: { enabled: boolean; url: string; secret: string };
  sms: { enabled: boolean; url: string; method: (typeof SMS_METHODS)[number]; headers: SmsHeader[]; bodyTemplate: string };
  /** Which channels each priority goes to (a channel that is not enabled is left out). */
  routing: Record<Priority, Channel[]>;
  /** Urgent messages that need confirmation: re-notify the unconfirmed every `everyMinutes`, `times` times (0: off). */
  reminders: { everyMinutes: number; times: number };
  /** Attempts per delivery before it goes to the dead-letter list. */
  maxAttempts: number;
  /** Where "Open" in an e-mail or SMS leads, with `{{messageId}}`; empty: no link. */
  linkTemplate: string;
};

export const DEFAULT_NOTIFY: NotifySettings = {
  email: { enabled: false, host: '', port: 587, secure: false, username: '', password: '', from: '' },
  webhook: { enabled: false, url: '', secret: '' },
  sms: { enabled: false, url: '', method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}' },
  routing: { normal: [], high: ['email'], urgent: ['email', 'webhook', 'sms'] },
  reminders: { everyMinutes: 5, times: 6 },
  maxAttempts: 8,
  linkTemplate: '',
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
  sms?: (Partial<Omit<NotifySettings['sms'], 'headers'>> & { headers?: Array<{ name: string; value?: string | undefined }> | undefined }) | undefined;
  routing?: Partial<Record<Priority, Channel[]>> | undefined;
  reminders?: Partial<NotifySettings['reminders']> | undefined;
  maxAttempts?: number | undefined;
  linkTemplate?: string | undefined;
};

export async function notifySettings(db: DbOrTx): Promise<NotifySettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'notify'));
  const stored = (row?.value ?? {}) as Partial<NotifySettings>;
  return {
    ...DEFAULT_NOTIFY, ...stored,
    email: { ...DEFAULT_NOTIFY.email, ...stored.email },
    webhook: { ...DEFAULT_NOTIFY.webhook, ...stored.webhook },
    sms: { ...DEFAULT_NOTIFY.sms, ...stored.sms },
    routing: { ...DEFAULT_NOTIFY.routing, ...stored.routing },
    reminders: { ...DEFAULT_NOTIFY.reminders, ...stored.reminders },
  };
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
    linkTemplate: patch.linkTemplate ?? before.linkTemplate,
  };
}

/** An enabled channel must be complete: checked on the merged result, so a partial change cannot break it. */
function checkComplete(s: NotifySettings): void {
  const errors: FieldError[] = [];
  const need = (ok: boolean, path: string, message: string) => { if (!ok) errors.push({ path, code: 'required', message }); };
  if (s.email.enabled) {
    need(s.email.host !== '', 'email.host', 'The SMTP server is needed to send e-mail');
    need(s.email.from !== '', 'email.from', 'A sender address is needed to send e-mail');
  }
  if (s.webhook.enabled) {
    need(s.webhook.url !== '', 'webhook.url', 'The webhook URL is needed');
    need(s.webhook.secret !== '', 'webhook.secret', 'A signing secret is needed: receivers check every request with it');
  }
  if (s.sms.enabled) {
    need(s.sms.url !== '', 'sms.url', 'The gateway URL is needed');
    need(s.sms.method === 'GET' || s.sms.bodyTemplate !== '', 'sms.bodyTemplate', 'A body template is needed for POST and PUT');
  }
  if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
}

/** The audit trail shows what changed, never a secret. */
const redacted = (s: NotifySettings) => settingsView(s);

/** Read, merge, check and audit in one transaction (two admins saving at once cannot lose a change). */
/** `system`: the demo's own webhook (demo-portal.ts). */
export async function updateNotifySettings(db: Db, actor: Actor | { kind: 'system' }, patch: NotifySettingsPatch, info: Partial<RequestInfo>): Promise<NotifySettings> {
  return db.transaction(async (tx) => {
    const before = await notifySettings(tx);
    const after = merge(before, patch);
    checkComplete(after);
    const t = now();
    const by = actor.kind === 'system' ? null : actorId(actor);
    await tx.insert(settings).values({ key: 'notify', value: after, updatedBy: by, updatedAt: t })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: by, updatedAt: t } });
    await recordAudit(tx, actor, { action: 'settings.notifications.update', targetType: 'settings', targetId: 'notify', before: redacted(before), after: redacted(after), ...info });
    return after;
  });
}
