// The notification routes of the in-memory back office (docs/api.md "Notifications"): settings with write-only
// secrets, the completeness check of an enabled channel, test sends and the dead-letter list. Stories and tests only.
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import type { NotifyDelivery, NotifySettings } from '../api/types.js';

type Stored = Omit<NotifySettings, 'email' | 'webhook' | 'sms'> & {
  email: Omit<NotifySettings['email'], 'passwordSet'> & { password: string };
  webhook: Omit<NotifySettings['webhook'], 'secretSet'> & { secret: string };
  sms: Omit<NotifySettings['sms'], 'headers'> & { headers: Array<{ name: string; value: string }> };
};
type FieldError = { path: string; code: string; message: string };

const HTTP_URL = /^https?:\/\/[^\s]+$/i;
/** A test sent to this address fails as a refusing receiver would. */
export const FAILING_TEST_ADDRESS = 'refuse@example.com';

const defaults = (): Stored => ({
  email: { enabled: false, host: '', port: 587, secure: false, username: '', password: '', from: '' },
  webhook: { enabled: false, url: '', secret: '' },
  sms: { enabled: false, url: '', method: 'POST', headers: [], bodyFormat: 'json', bodyTemplate: '' },
  routing: { normal: [], high: ['email'], urgent: ['email', 'webhook', 'sms'] },
  reminders: { everyMinutes: 5, times: 6 },
  maxAttempts: 8,
  linkTemplate: '',
  defaultLocale: 'en',
  memberChoice: { channels: { high: ['email'], normal: ['email'] }, quietHours: true, quietUrgent: false },
  externalEmail: true,
});

const configured = (): Stored => ({
  ...defaults(),
  email: {
    enabled: true,
    host: 'smtp.example.com',
    port: 465,
    secure: true,
    username: 'herald',
    password: 'smtp-pass',
    from: 'Herald <herald@example.com>',
  },
  webhook: { enabled: true, url: 'https://hooks.example.com/herald', secret: 'a'.repeat(64) },
  sms: {
    enabled: false,
    url: 'https://sms.example.com/send',
    method: 'POST',
    bodyFormat: 'json',
    headers: [
      { name: 'Authorization', value: 'Bearer sms-token' },
      { name: 'X-Tenant', value: '' },
    ],
    bodyTemplate: '{"to":"{{phone}}","text":"{{text}}","id":"{{key}}"}',
  },
  linkTemplate: 'https://intranet.example.com/inbox?message={{messageId}}',
});

export const view = (s: Stored): NotifySettings => {
  const { password, ...email } = s.email;
  const { secret, ...webhook } = s.webhook;
  return {
    ...structuredClone(s),
    email: { ...email, passwordSet: password !== '' },
    webhook: { ...webhook, secretSet: secret !== '' },
    sms: { ...structuredClone(s.sms), headers: s.sms.headers.map((h) => ({ name: h.name, valueSet: h.value !== '' })) },
  };
};

export function createNotifyMock(options: { notify?: 'default' | 'configured'; deadLetters?: number }, t: number) {
  let stored = options.notify === 'configured' ? configured() : defaults();
  const names = ['张三', 'Alice Chen', '李四', 'Bob Li', '王五'];
  const deliveries: NotifyDelivery[] = Array.from({ length: options.deadLetters ?? 0 }, (_, i) => ({
    id: `nd${i + 1}`,
    messageId: `msg${i + 1}`,
    subject: i % 2 ? `台风预警 ${i + 1}` : `Server room alarm ${i + 1}`,
    recipient: { kind: 'member', id: `m${i}`, name: names[i % names.length]! },
    channel: (['email', 'sms', 'webhook'] as const)[i % 3]!,
    round: i % 4 === 3 ? 1 : 0,
    status: 'dead',
    address: i % 3 === 2 ? null : i % 3 === 0 ? `person${i}@example.com` : '13800138000',
    attempts: 8,
    lastError: i % 3 === 0 ? 'SMTP 535 5.7.8 Authentication failed' : 'HTTP 503 from the gateway',
    updatedAt: t - i * 60_000,
    sentAt: null,
  }));
  const state = {
    /** Every PUT body, as sent (the tests check that unchanged secrets are never sent). */
    puts: [] as unknown[],
    tests: [] as unknown[],
    retries: [] as unknown[],
    get stored() {
      return stored;
    },
  };

  function put(b: Record<string, any>): Response {
    state.puts.push(structuredClone(b));
    const errors: FieldError[] = [];
    for (const path of ['webhook.url', 'sms.url', 'linkTemplate']) {
      const [part, key] = path.includes('.') ? path.split('.') : [null, path];
      const v = part ? b[part]?.[key!] : b[key!];
      if (typeof v === 'string' && v !== '' && !HTTP_URL.test(v.trim()))
        errors.push({ path, code: 'invalid-format', message: 'An http:// or https:// URL' });
    }
    if (typeof b.webhook?.secret === 'string' && b.webhook.secret !== '' && b.webhook.secret.length < 16)
      errors.push({ path: 'webhook.secret', code: 'too-short', message: 'At least 16 characters' });
    (b.sms?.headers as Array<{ name: string }> | undefined)?.forEach((h, i) => {
      if (!/^[A-Za-z0-9-]{1,100}$/.test(h.name))
        errors.push({ path: `sms.headers.${i}.name`, code: 'invalid-format', message: 'Letters, digits and "-"' });
    });
    if (errors.length) return problem(400, 'validation', { errors });
    const before = stored;
    // Saved secrets go only to the server they were saved for: a new SMTP host or gateway origin needs them again.
    if (
      b.email?.host !== undefined &&
      b.email.host !== before.email.host &&
      before.email.password &&
      b.email.password === undefined
    ) {
      errors.push({
        path: 'email.password',
        code: 'required',
        message: 'Enter the password again: a saved password is only sent to the server it was saved for',
      });
    }
    const origin = (u: string) => (URL.canParse(u) ? new URL(u).origin : u);
    if (b.sms?.url !== undefined && origin(b.sms.url) !== origin(before.sms.url)) {
      const storedValue = (name: string) =>
        before.sms.headers.find((o) => o.name.toLowerCase() === name.toLowerCase())?.value ?? '';
      const sent = b.sms.headers as Array<{ name: string; value?: string }> | undefined;
      const kept = sent
        ? sent.map((h) => h.value === undefined && storedValue(h.name) !== '')
        : before.sms.headers.map((h) => h.value !== '');
      kept.forEach((k, i) => {
        if (k) errors.push({ path: `sms.headers.${i}.value`, code: 'required', message: 'Enter the value again' });
      });
    }
    // A JSON template must stay JSON with the same keys when a value closes its string.
    const format = b.sms?.bodyFormat ?? before.sms.bodyFormat;
    const template = b.sms?.bodyTemplate ?? before.sms.bodyTemplate;
    if (b.sms && format === 'json' && template) {
      const fill = (v: string) => template.replace(/\{\{(phone|text|key)\}\}/g, JSON.stringify(v).slice(1, -1));
      const keys = (body: string) => {
        try {
          return Object.keys(JSON.parse(body)).join();
        } catch {
          return null;
        }
      };
      const expected = keys(fill('x'));
      if (expected === null || keys(fill('","to":"+1900')) !== expected)
        errors.push({
          path: 'sms.bodyTemplate',
          code: 'invalid-format',
          message: 'Put {{phone}} and {{text}} inside JSON strings',
        });
    }
    if (errors.length) return problem(400, 'validation', { errors });
    const headers = (b.sms?.headers as Array<{ name: string; value?: string }> | undefined)?.map((h) => ({
      name: h.name,
      value: h.value ?? before.sms.headers.find((o) => o.name.toLowerCase() === h.name.toLowerCase())?.value ?? '',
    }));
    const after: Stored = {
      email: { ...before.email, ...b.email },
      webhook: { ...before.webhook, ...b.webhook },
      sms: { ...before.sms, ...b.sms, headers: headers ?? before.sms.headers },
      routing: { ...before.routing, ...b.routing },
      reminders: { ...before.reminders, ...b.reminders },
      maxAttempts: b.maxAttempts ?? before.maxAttempts,
      linkTemplate: b.linkTemplate ?? before.linkTemplate,
      externalEmail: b.externalEmail ?? before.externalEmail,
      defaultLocale: b.defaultLocale ?? before.defaultLocale,
      memberChoice: {
        ...before.memberChoice,
        ...b.memberChoice,
        channels: { ...before.memberChoice.channels, ...b.memberChoice?.channels },
      },
    };
    // An enabled channel must be complete (checked on the merged result, as the server does).
    const need = (ok: boolean, path: string) => {
      if (!ok) errors.push({ path, code: 'required', message: 'Required' });
    };
    if (after.email.enabled) (need(after.email.host !== '', 'email.host'), need(after.email.from !== '', 'email.from'));
    if (after.webhook.enabled)
      (need(after.webhook.url !== '', 'webhook.url'), need(after.webhook.secret !== '', 'webhook.secret'));
    if (after.sms.enabled)
      (need(after.sms.url !== '', 'sms.url'),
        need(after.sms.method === 'GET' || after.sms.bodyTemplate !== '', 'sms.bodyTemplate'));
    if (errors.length) return problem(400, 'validation', { errors });
    stored = after;
    return json(view(stored));
  }

  function handle(
    method: string,
    path: string,
    url: URL,
    b: Record<string, any>,
    isOrgAdmin: boolean,
  ): Response | undefined {
    if (!path.startsWith('/settings/notifications') && !path.startsWith('/notifications/')) return undefined;
    if (!isOrgAdmin) return problem(403, 'forbidden');
    if (path === '/settings/notifications' && method === 'GET') return json(view(stored));
    if (path === '/settings/notifications' && method === 'PUT') return put(b);
    if (path === '/settings/notifications/test' && method === 'POST') {
      state.tests.push(structuredClone(b));
      const channel = b.channel as 'email' | 'webhook' | 'sms';
      if (!stored[channel].enabled)
        return problem(409, 'conflict', { detail: `Turn the ${channel} channel on and save first.` });
      if (b.to === FAILING_TEST_ADDRESS)
        return problem(502, 'notify-test-failed', {
          detail: 'e-mail: The server refused the login: check the user name and password.',
          reason: 'login-refused',
          remoteStatus: 535,
        });
      if (channel === 'sms' && !b.to)
        return problem(400, 'validation', {
          errors: [
            {
              path: 'to',
              code: 'required',
              message: 'Your profile has no phone number: enter a phone number to send the test to',
            },
          ],
        });
      return json({ ok: true });
    }
    if (path === '/notifications/deliveries' && method === 'GET') {
      const status = url.searchParams.get('status') ?? 'dead';
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const cursor = url.searchParams.get('cursor');
      const found = deliveries.filter((d) => d.status === status);
      const start = cursor ? found.findIndex((d) => d.id === cursor) + 1 : 0;
      const items = found.slice(start, start + limit);
      const count = (s: string) => deliveries.filter((d) => d.status === s).length;
      return json({
        counts: { pending: count('pending'), dead: count('dead') },
        items,
        nextCursor: start + limit < found.length ? items[items.length - 1]!.id : null,
      });
    }
    if (path === '/notifications/deliveries/retry' && method === 'POST') {
      state.retries.push(structuredClone(b));
      const chosen = deliveries.filter(
        (d) => d.status === 'dead' && (b.allDead === true || (b.ids as string[]).includes(d.id)),
      );
      for (const d of chosen) Object.assign(d, { status: 'pending', attempts: 0 });
      return json({ retried: chosen.length });
    }
    return undefined;
  }

  return { handle, state };
}
