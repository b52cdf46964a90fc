import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor, requirePermission } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { MAX_FILE_BYTES, MAX_MESSAGE_BYTES } from '../attachments/service.js';
import { requireStaff } from '../org/access.js';
import { messagingSettings, updateMessagingSettings } from './service.js';

/** One domain label, internationalised letters allowed: 1–63 characters, not starting or ending with `-`. */
const DOMAIN_LABEL = '[a-z0-9\\u00a1-\\uffff]([a-z0-9\\u00a1-\\uffff-]{0,61}[a-z0-9\\u00a1-\\uffff])?';
const tags = ['settings'];
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(new RegExp(`^(?=.{1,253}$)(${DOMAIN_LABEL}\\.)*${DOMAIN_LABEL}$`), 'A domain such as example.com')
  .transform((d) => new URL(`http://${d}`).hostname);
const SettingsSchema = z
  .object({
    recallWindowMinutes: z.number().int(),
    linkBlocklist: z.array(z.string()),
    linkAllowlist: z.array(z.string()),
    maxFileBytes: z.number().int(),
    maxMessageBytes: z.number().int(),
  })
  .openapi('MessagingSettings');

const withLimits = <T extends object>(s: T) => ({
  ...s,
  maxFileBytes: MAX_FILE_BYTES,
  maxMessageBytes: MAX_MESSAGE_BYTES,
});

export const settingsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/messaging',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Messaging settings and limits (staff and API keys; not external contacts)',
        responses: { 200: json(SettingsSchema, 'Settings'), ...commonErrors },
      }),
      async (c) => {
        // The organisation's link lists and recall window are internal; the portal's reply box has its own limits.
        requireStaff(currentActor(c));
        return c.json(withLimits(await messagingSettings(c.get('deps').db)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/messaging',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Change the recall window and the link block and allow lists (org.admin)',
        request: {
          body: jsonBody(
            z
              .object({
                recallWindowMinutes: z.number().int().min(0).max(525_600).optional(),
                linkBlocklist: z.array(Domain).max(500).optional(),
                linkAllowlist: z.array(Domain).max(500).optional(),
              })
              .strict(),
          ),
        },
        responses: { 200: json(SettingsSchema, 'Saved'), ...commonErrors },
      }),
      async (c) => {
        const patch = c.req.valid('json');
        const clean = (list: string[] | undefined) => (list ? [...new Set(list)] : undefined);
        const saved = await updateMessagingSettings(
          c.get('deps').db,
          currentActor(c),
          {
            ...(patch.recallWindowMinutes !== undefined ? { recallWindowMinutes: patch.recallWindowMinutes } : {}),
            ...(patch.linkBlocklist ? { linkBlocklist: clean(patch.linkBlocklist)! } : {}),
            ...(patch.linkAllowlist ? { linkAllowlist: clean(patch.linkAllowlist)! } : {}),
          },
          requestInfo(c),
        );
        return c.json(withLimits(saved), 200);
      },
    );
