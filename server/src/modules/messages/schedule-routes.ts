import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { MessageSchema } from './api-schemas.js';
import { cancelScheduled, rescheduleMessage, sendScheduledNow } from './schedule.js';

const tags = ['messages'];
const notWaiting = {
  409: { description: 'Already sent, cancelled, or not scheduled (`conflict`, `reason`)' },
};

/** Scheduled send (issue 20 #1; docs/api.md "Scheduled send"): change the time, or cancel, until it is delivered. */
export const scheduleRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'put',
        path: '/{id}/schedule',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Move a scheduled message to another time (the sender; message.manage in scope), also while it waits ' +
          'for approval',
        request: {
          params: IdParam,
          body: jsonBody(
            z
              .object({
                scheduledAt: z
                  .number()
                  .int()
                  .positive()
                  .openapi({ description: 'Epoch ms; after now, at most 366 days ahead' }),
              })
              .strict(),
          ),
        },
        responses: { 200: json(MessageSchema, 'Rescheduled'), ...commonErrors, ...notFound, ...notWaiting },
      }),
      async (c) =>
        c.json(
          await rescheduleMessage(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json').scheduledAt,
            requestInfo(c),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}/schedule',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Cancel a scheduled send: the message becomes `withdrawn` and nobody receives it (the sender; ' +
          'message.manage in scope)',
        request: { params: IdParam },
        responses: { 200: json(MessageSchema, 'Cancelled'), ...commonErrors, ...notFound, ...notWaiting },
      }),
      async (c) =>
        c.json(await cancelScheduled(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/schedule/send-now',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Send a scheduled message now (the sender; message.manage in scope). One waiting for approval loses its ' +
          'time and goes out when approved',
        request: { params: IdParam },
        responses: {
          200: json(
            MessageSchema,
            'Sent, or no longer timed; still `scheduled` (due now, for the worker) if the delivery failed after the ' +
              'time was moved',
          ),
          ...commonErrors,
          ...notFound,
          ...notWaiting,
        },
      }),
      async (c) =>
        c.json(
          await sendScheduledNow(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            requestInfo(c),
            c.get('deps').logger,
          ),
          200,
        ),
    );
