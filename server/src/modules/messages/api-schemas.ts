// The message shapes other modules answer with (mailbox, approvals): imported from here, never from a routes file.
import { z } from '@hono/zod-openapi';
import { PROGRESS } from '../mailbox/schema.js';
import { AUDIENCE_KINDS, MESSAGE_KINDS, PRIORITIES } from './schema.js';

export const AudienceKind = z.enum(AUDIENCE_KINDS);

/** `Idempotency-Key` (R10) on every request that writes a message (messages/idempotency.ts). */
export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'Printable ASCII')
    .optional()
    .openapi({ description: 'Retries with the same key answer the first result (printable ASCII)' }),
});

/** One person's copy of a message (docs/api.md "Inbox"): `Message.mine` and every mailbox route answer it. */
export const MailboxStateSchema = z
  .object({
    deliveredAt: z.number().int(),
    readAt: z.number().int().nullable(),
    confirmedAt: z.number().int().nullable(),
    progress: z.enum(PROGRESS).nullable(),
    progressNote: z.string().nullable(),
    progressAt: z.number().int().nullable(),
    archivedAt: z.number().int().nullable(),
    deletedAt: z.number().int().nullable(),
    starredAt: z.number().int().nullable().openapi({ description: 'Starred by the owner (issue 20)' }),
    snoozedUntil: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Snoozed: archived until then, when it comes back to the inbox (issue 20)' }),
    mentioned: z.boolean().openapi({ description: 'The message mentions the owner ("mentions you", issue 19 #3)' }),
    tagIds: z.array(z.string()),
    pinned: z.boolean(),
    needsConfirmation: z.boolean(),
  })
  .openapi('MailboxState');
/** A file as a message view lists it (also the knowledge space's items). */
export const AttachmentInfoSchema = z
  .object({ id: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() })
  .openapi('AttachmentInfo');
export const MessageSchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    parentId: z.string().nullable(),
    kind: z.enum(MESSAGE_KINDS),
    priority: z.enum(PRIORITIES),
    subject: z.string(),
    body: z.unknown().openapi({ description: 'A Herald rich-text document (docs/api.md "Rich text")' }),
    links: z.array(
      z.object({ href: z.string(), host: z.string().nullable(), flag: z.enum(['unlisted', 'lookalike']).nullable() }),
    ),
    sender: z.object({ kind: z.enum(['member', 'contact', 'api-key']), id: z.string(), name: z.string() }),
    audience: z.array(
      z.object({
        kind: AudienceKind,
        targetId: z.string(),
        label: z.string(),
        includeSubdepartments: z.boolean(),
        count: z.number().int(),
      }),
    ),
    attachments: z.array(AttachmentInfoSchema),
    receiptRequired: z.boolean(),
    expiresAt: z.number().int().nullable(),
    expiresInMinutes: z.number().int().nullable(),
    dueAt: z.number().int().nullable(),
    status: z.enum(['pending-approval', 'sent', 'rejected', 'withdrawn', 'scheduled']),
    /** Issue 20 #1: when its sender asked it to be delivered (still waiting while `status` is `scheduled`). */
    scheduledAt: z.number().int().nullable(),
    recipientCount: z.number().int(),
    deliveredAt: z.number().int().nullable(),
    revision: z.number().int(),
    editedAt: z.number().int().nullable(),
    recalledAt: z.number().int().nullable(),
    deletedAt: z.number().int().nullable(),
    /** Issue 19 item 8: the purge removed the content for everyone (expired plus grace, or the age limit). */
    purgedAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    expired: z.boolean(),
    mine: MailboxStateSchema.nullable(),
    can: z.object({
      edit: z.boolean(),
      recall: z.boolean(),
      delete: z.boolean(),
      reply: z.boolean(),
      viewRevisions: z.boolean(),
      viewRecipients: z.boolean(),
    }),
  })
  .openapi('Message');

/** Issue 19 #3: what a send answers — the message, and what the sender should know that did not stop it. */
export const SentMessageSchema = MessageSchema.extend({
  warnings: z
    .array(
      z.object({
        code: z.literal('mention-not-recipient'),
        memberId: z.string(),
        name: z.string(),
      }),
    )
    .openapi({ description: 'Mentioned members who are not recipients: they are not told (issue 19 #3)' }),
}).openapi('SentMessage');

/** Which recipients a chart's bar stands for (issue 24): a department id, `none` (no department) or `external`. */
export const DepartmentKey = z.string().min(1).max(64).openapi('RecipientDepartment');
