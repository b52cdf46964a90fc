import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { Channel } from './api-schemas.js';
import { myNotificationPreferences, updateMyNotificationPreferences } from './preferences.js';

const tags = ['me'];
const ByPriority = <T extends z.ZodType>(t: T) => z.object({ high: t, normal: t });
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time such as 22:00')
  .openapi({ example: '22:00' });
const QuietHours = z
  .object({
    start: Time,
    end: Time,
    timeZone: z.string().min(1).max(64).openapi({ example: 'Asia/Shanghai', description: 'IANA time zone' }),
    includeUrgent: z.boolean().default(false),
  })
  .strict();
const Chosen = z
  .array(Channel)
  .max(3)
  .transform((list) => [...new Set(list)])
  .nullable();

const PreferencesSchema = z
  .object({
    allowed: z.object({
      channels: ByPriority(z.array(Channel)).openapi({ description: 'Channels a member may turn on or off' }),
      quietHours: z.boolean(),
      quietUrgent: z.boolean(),
    }),
    defaults: z.object({ high: z.array(Channel), normal: z.array(Channel), urgent: z.array(Channel) }),
    channels: ByPriority(z.array(Channel).nullable()).openapi({
      description: 'My choice among the allowed channels; null: the default',
    }),
    quietHours: z
      .object({ start: z.string(), end: z.string(), timeZone: z.string(), includeUrgent: z.boolean() })
      .nullable(),
    effective: z.object({ high: z.array(Channel), normal: z.array(Channel), urgent: z.array(Channel) }),
  })
  .openapi('MyNotificationPreferences');

/** A member's own notification preferences and quiet hours (issue 20 item 6): members only, their own only. */
export const myNotificationsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'My notification channels and quiet hours, and what the admin allows (members)',
        responses: { 200: json(PreferencesSchema, 'My preferences'), ...commonErrors },
      }),
      async (c) => c.json(await myNotificationPreferences(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Choose my channels for high and normal messages and my quiet hours; parts left out are kept',
        request: {
          body: jsonBody(
            z
              .object({
                channels: z.object({ high: Chosen, normal: Chosen }).partial().strict().optional(),
                quietHours: QuietHours.nullable().optional(),
              })
              .strict(),
          ),
        },
        responses: { 200: json(PreferencesSchema, 'Saved'), ...commonErrors },
      }),
      async (c) =>
        c.json(
          await updateMyNotificationPreferences(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)),
          200,
        ),
    );
