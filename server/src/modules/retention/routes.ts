import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requirePermission } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { lastPurgeRun, retentionPolicy, updateRetentionPolicy } from './policy.js';

const tags = ['settings'];
/** Ten years: a bound, so that a typo cannot overflow a date. */
const MAX_DAYS = 3650;
const Days = z.number().int().min(0).max(MAX_DAYS);

const PurgeRunSchema = z
  .object({
    startedAt: z.number().int(),
    finishedAt: z.number().int(),
    expiredMessages: z.number().int(),
    retentionMessages: z.number().int(),
    sparedMessages: z.number().int(),
    contentBytes: z.number().int(),
    files: z.number().int(),
    fileBytes: z.number().int(),
    pendingBlobs: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi('PurgeRun');

const RetentionSchema = z
  .object({
    expiredGraceDays: z.number().int().nullable(),
    retentionDays: z.number().int().nullable(),
    spareArchived: z.boolean(),
    spareTagged: z.boolean(),
    lastRun: PurgeRunSchema.nullable(),
  })
  .openapi('RetentionSettings');

/** `/settings/retention` (issue 19 item 8): the purge's policy and what its last run freed, for org admins only. */
export const retentionRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'The expiry grace period, the retention limit and the last purge run (org.admin)',
        responses: { 200: json(RetentionSchema, 'Policy and last run'), ...commonErrors },
      }),
      async (c) => {
        const db = c.get('deps').db;
        return c.json({ ...(await retentionPolicy(db)), lastRun: await lastPurgeRun(db) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requirePermission('org.admin')] as const,
        summary: 'Change the expiry grace period or the retention limit; null turns either off (org.admin)',
        request: {
          body: jsonBody(
            z
              .object({
                expiredGraceDays: Days.nullable().optional(),
                // At least a day: an age limit of 0 would delete every message at the next run.
                retentionDays: Days.min(1).nullable().optional(),
                spareArchived: z.boolean().optional(),
                spareTagged: z.boolean().optional(),
              })
              .strict(),
          ),
        },
        responses: { 200: json(RetentionSchema, 'Saved'), ...commonErrors },
      }),
      async (c) => {
        const db = c.get('deps').db;
        const patch = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([, v]) => v !== undefined));
        const saved = await updateRetentionPolicy(db, currentActor(c), patch, requestInfo(c));
        return c.json({ ...saved, lastRun: await lastPurgeRun(db) }, 200);
      },
    );
