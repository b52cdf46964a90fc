import { isIP } from 'node:net';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requirePermission } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { listDeliveries, retryDeliveries } from './deliveries.js';
import { Channel } from './api-schemas.js';
import { DELIVERY_STATUSES } from './schema.js';
import { SMS_BODY_FORMATS } from './channels/sms-body.js';
import { notifySettings, settingsView, SMS_METHODS, updateNotifySettings } from './settings.js';
import { sendTest } from './test-send.js';

const tags = ['notifications'];

/** A user name or password in the URL: fetch refuses such URLs, and they would be shown and audited in clear. */
const hasUserinfo = (v: string) => URL.canParse(v) && (new URL(v).username !== '' || new URL(v).password !== '');
const originWith = (template: string, value: string) => {
  const url = template.replace(/\{\{\w+\}\}/g, value);
  return URL.canParse(url) ? new URL(url).origin : null;
};
const HttpUrl = (credentials: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === '' || (/^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v)), 'An http:// or https:// URL')
    .refine((v) => !hasUserinfo(v), `No user name or password in the URL (user:pass@): ${credentials}`)
    // A placeholder may stand in the path or query, never where it would choose the server a sender's text goes to.
    .refine(
      (v) => v === '' || !URL.canParse(v) || originWith(v, 'a') === originWith(v, 'b'),
      'Placeholders ({{…}}) only in the path or query',
    );
const HeaderName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'Letters, digits and "-"')
  // Set by Herald or refused by fetch (every send would fail).
  .refine(
    (n) =>
      ![
        'host',
        'content-length',
        'transfer-encoding',
        'connection',
        'expect',
        'keep-alive',
        'upgrade',
        'te',
        'trailer',
        'proxy-connection',
      ].includes(n.toLowerCase()),
    'Set by Herald or not allowed',
  );
/** What fetch sends as a header value: visible ASCII and Latin-1, spaces, no control characters. */
const HeaderValue = z
  .string()
  .max(2000)
  .regex(
    /^[\x20-\x7E\xA0-\xFF]*$/,
    'Visible ASCII or Latin-1 characters only, without control characters or line breaks',
  );
/** One DNS label: 1–63 letters, digits, `_` or `-`, not starting or ending with `-`. */
const HOST_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const Hostname = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`);
const SmtpHost = z
  .string()
  .trim()
  .max(253)
  .refine((v) => v === '' || Hostname.test(v) || isIP(v) !== 0, 'A host name or IP address, such as smtp.example.com');
const SmsHeaders = z
  .array(z.object({ name: HeaderName, value: HeaderValue.optional() }).strict())
  .max(20)
  .superRefine((list, ctx) => {
    list.forEach((h, i) => {
      if (list.findIndex((other) => other.name.toLowerCase() === h.name.toLowerCase()) < i) {
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'This header is already in the list' });
      }
    });
  });
const Routing = z
  .array(Channel)
  .max(3)
  .transform((list) => [...new Set(list)]);

const SettingsView = z
  .object({
    email: z.object({
      enabled: z.boolean(),
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      username: z.string(),
      passwordSet: z.boolean(),
      from: z.string(),
    }),
    webhook: z.object({ enabled: z.boolean(), url: z.string(), secretSet: z.boolean() }),
    sms: z.object({
      enabled: z.boolean(),
      url: z.string(),
      method: z.enum(SMS_METHODS),
      headers: z.array(z.object({ name: z.string(), valueSet: z.boolean() })),
      bodyFormat: z.enum(SMS_BODY_FORMATS).openapi({
        description:
          'How values are escaped in the body template (json: JSON string content; form: URL-encoded; text: ' +
          'raw) and the Content-Type when no header sets one',
      }),
      bodyTemplate: z.string(),
    }),
    routing: z.object({ normal: z.array(Channel), high: z.array(Channel), urgent: z.array(Channel) }),
    reminders: z.object({ everyMinutes: z.number().int(), times: z.number().int() }),
    maxAttempts: z.number().int(),
    defaultLocale: z.enum(['en', 'zh-CN']),
    linkTemplate: z.string(),
    externalEmail: z.boolean().describe('Issue 19 item 4: e-mail contacts without portal access at any priority'),
    memberChoice: z
      .object({
        channels: z.object({ high: z.array(Channel), normal: z.array(Channel) }),
        quietHours: z.boolean(),
        quietUrgent: z.boolean(),
      })
      .openapi({ description: 'What members may choose for themselves (GET /me/notifications)' }),
  })
  .openapi('NotifySettings');

const SettingsPatch = z
  .object({
    email: z
      .object({
        enabled: z.boolean(),
        host: SmtpHost,
        port: z.number().int().min(1).max(65535),
        secure: z.boolean(),
        username: z.string().max(320),
        password: z.string().max(1000),
        from: z
          .string()
          .trim()
          .max(320)
          .refine((v) => !/[\x00-\x1F\x7F]/.test(v), 'One line, without control characters')
          .refine(
            (v) => v === '' || /^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(v),
            'An address such as herald@example.com or "Herald <herald@example.com>"',
          ),
      })
      .partial()
      .strict()
      .optional(),
    webhook: z
      .object({
        enabled: z.boolean(),
        url: HttpUrl('receivers check the Herald-Signature header, made with the signing secret, instead'),
        secret: z
          .string()
          .max(500)
          .refine((v) => v === '' || v.length >= 16, 'At least 16 characters'),
      })
      .partial()
      .strict()
      .optional(),
    sms: z
      .object({
        enabled: z.boolean(),
        url: HttpUrl('put credentials in a header, such as Authorization'),
        method: z.enum(SMS_METHODS),
        headers: SmsHeaders,
        bodyFormat: z.enum(SMS_BODY_FORMATS),
        bodyTemplate: z.string().max(4000),
      })
      .partial()
      .strict()
      .optional(),
    routing: z.object({ normal: Routing, high: Routing, urgent: Routing }).partial().strict().optional(),
    reminders: z
      .object({ everyMinutes: z.number().int().min(1).max(1440), times: z.number().int().min(0).max(48) })
      .partial()
      .strict()
      .optional(),
    maxAttempts: z.number().int().min(1).max(50).optional(),
    defaultLocale: z.enum(['en', 'zh-CN']).optional(),
    linkTemplate: HttpUrl('the link is shown to every recipient').optional(),
    externalEmail: z.boolean().optional(),
    memberChoice: z
      .object({
        channels: z.object({ high: Routing, normal: Routing }).partial().strict(),
        quietHours: z.boolean(),
        quietUrgent: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .openapi('NotifySettingsPatch');

const DeliverySchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    subject: z.string(),
    recipient: z.object({ kind: z.enum(['member', 'contact']), id: z.string(), name: z.string() }),
    channel: Channel,
    round: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
    address: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    updatedAt: z.number().int(),
    sentAt: z.number().int().nullable(),
  })
  .openapi('NotifyDelivery');

/** Notification channels, routing, reminders and test sends (docs/api.md "Notifications"); all `org.admin`. */
export const notifySettingsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Notification channels, routing and reminders, without secrets (org.admin)',
        responses: { 200: json(SettingsView, 'Settings'), ...commonErrors },
      }),
      async (c) => c.json(settingsView(await notifySettings(c.get('deps').db)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Change channels, routing, reminders or retries; secrets left out are kept (org.admin)',
        request: { body: jsonBody(SettingsPatch) },
        responses: { 200: json(SettingsView, 'Saved'), ...commonErrors },
      }),
      async (c) => {
        const saved = await updateNotifySettings(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('json'),
          requestInfo(c),
        );
        return c.json(settingsView(saved), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/test',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Send one test notification now with the saved settings (org.admin)',
        request: {
          body: jsonBody(z.object({ channel: Channel, to: z.string().trim().min(3).max(320).optional() }).strict()),
        },
        responses: {
          200: json(z.object({ ok: z.literal(true) }), 'Sent'),
          502: {
            description: 'The receiver refused or could not be reached (`notify-test-failed`, `detail` says why)',
          },
          ...commonErrors,
        },
      }),
      async (c) => {
        const { channel, to } = c.req.valid('json');
        await sendTest(c.get('deps').db, currentActor(c), channel, to);
        return c.json({ ok: true as const }, 200);
      },
    );

/** The outbox: dead letters and retries (org.admin). */
export const notificationsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/deliveries',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'The outbox by status, newest change first; default: the dead-letter list (org.admin)',
        request: {
          query: z.object({
            status: z.enum(DELIVERY_STATUSES).default('dead'),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: json(
            z.object({
              counts: z.object({ pending: z.number().int(), dead: z.number().int() }),
              items: z.array(DeliverySchema),
              nextCursor: z.string().nullable(),
            }),
            'Deliveries',
          ),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await listDeliveries(c.get('deps').db, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/deliveries/retry',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Send dead letters again: some by id, or all (org.admin)',
        request: {
          body: jsonBody(
            z.union([
              z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(),
              z.object({ allDead: z.literal(true) }).strict(),
            ]),
          ),
        },
        responses: { 200: json(z.object({ retried: z.number().int() }), 'Back in the queue'), ...commonErrors },
      }),
      async (c) =>
        c.json(await retryDeliveries(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 200),
    );
