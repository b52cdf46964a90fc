// The notification shapes other modules answer with (a message's recipients): imported from here, never from a
// routes file.
import { z } from '@hono/zod-openapi';
import { REASON_CODES } from './reasons.js';
import { CHANNELS, DELIVERY_STATUSES } from './schema.js';

export const Channel = z.enum(CHANNELS);

export const RecipientNotificationSchema = z
  .object({
    channel: Channel,
    round: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    sentAt: z.number().int().nullable(),
    reason: z.enum(REASON_CODES).nullable().openapi({
      description: 'Why it was skipped or cancelled, as a code to translate; null for a transport failure',
    }),
  })
  .openapi('RecipientNotification');
