import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor, requirePermission } from '../../http/auth.js';
import { BEARER, IdParam, ProblemSchema, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { Problem } from '../../http/problem.js';
import { MessageSchema } from '../messages/api-schemas.js';
import { MESSAGE_KINDS, PRIORITIES } from '../messages/schema.js';
import { createFlow, deleteFlow, listFlows, reorderFlows, updateFlow } from './flows.js';
import { decide, resubmit, retry, withdraw } from './run.js';
import { MATCH_REASONS, METHODS, REQUEST_STATUSES, SELF_APPROVAL, SIGNATURE_KINDS } from './schema.js';
import { MAX_TYPED_SIGNATURE, openSignature, readableSignature } from './signature.js';
import { MAX_SIGNATURE_BYTES } from './signature-png.js';
import { listApprovals, viewApproval } from './view.js';

const tags = ['approvals'];
const Id = z.string().min(1).max(64);
const ApproverRuleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('members'), memberIds: z.array(Id).min(1).max(50) }).strict(),
    z.object({ kind: z.literal('department-head') }).strict(),
    z.object({ kind: z.literal('department-head-up'), levels: z.number().int().min(1).max(10) }).strict(),
    z.object({ kind: z.literal('role'), roleId: Id, inSenderDepartment: z.boolean().optional() }).strict(),
  ])
  .openapi('ApproverRule');
const NodeSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    approvers: ApproverRuleSchema,
    method: z
      .enum(METHODS)
      .default('any')
      .openapi({ description: '`any` (或签): the first approval decides; `all` (会签): every approver must approve' }),
    cc: z.array(Id).max(50).default([]),
    signOff: z
      .boolean()
      .optional()
      .openapi({
        description:
          'Sign-off (签批, issue 19 item 2): each approver of this step decides with an opinion (`comment`) and a ' +
          'signature, drawn or typed. Combines with either method.',
      }),
  })
  .strict()
  .openapi('ApprovalNode');
const SignatureSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SIGNATURE_KINDS).openapi({ description: '`drawn`: a PNG, fetched on its own; `typed`: `name`' }),
    name: z.string().nullable().openapi({ description: 'The typed name (typed signatures only)' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .openapi('ApprovalSignature');
const SignatureInputSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('drawn'),
        // No schema length limit: an oversize image is `413 payload-too-large` (signature-png.ts), like other uploads.
        png: z
          .string()
          .openapi({ description: `Base64 of the PNG bytes (no data: URL), at most ${MAX_SIGNATURE_BYTES / 1024} KB` }),
      })
      .strict(),
    z.object({ kind: z.literal('typed'), name: z.string().max(MAX_TYPED_SIGNATURE) }).strict(),
  ])
  .openapi('ApprovalSignatureInput');
const ConditionsSchema = z
  .object({
    kinds: z.array(z.enum(MESSAGE_KINDS)).max(3).optional(),
    priorities: z.array(z.enum(PRIORITIES)).max(3).optional(),
    senderDepartmentId: Id.optional(),
    hasExternalRecipients: z.boolean().optional(),
    minRecipients: z.number().int().min(0).max(1_000_000).optional(),
    hasAttachments: z.boolean().optional(),
  })
  .strict()
  .openapi('ApprovalConditions');
const FlowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    enabled: z.boolean(),
    conditions: ConditionsSchema,
    nodes: z.array(NodeSchema),
    selfApproval: z.enum(SELF_APPROVAL),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('ApprovalFlow');
const FlowBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().optional(),
    conditions: ConditionsSchema,
    nodes: z.array(NodeSchema).min(1).max(10),
    selfApproval: z.enum(SELF_APPROVAL).optional(),
  })
  .strict();
const Person = z.object({ id: z.string(), name: z.string() });
const MatchReasonSchema = z
  .object({
    code: z
      .enum([...MATCH_REASONS, 'text'])
      .describe('Which condition held (`text`: a request from before reasons were codes, `params.text` in English)'),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe(
        'kind: { kind }; priority: { priority }; sender-department: { departmentId, department }; ' +
          'min-recipients: { recipients, min }; text: { text }',
      ),
  })
  .openapi('ApprovalMatchReason');
const ApprovalSchema = z
  .object({
    id: z.string(),
    status: z.enum(REQUEST_STATUSES),
    round: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    flow: z.object({ id: z.string(), name: z.string(), reasons: z.array(MatchReasonSchema) }),
    message: MessageSchema,
    recipients: z.object({
      total: z.number().int(),
      entries: z.array(
        z.object({ kind: z.string(), targetId: z.string(), label: z.string(), count: z.number().int() }),
      ),
    }),
    nodes: z.array(
      z.object({
        name: z.string(),
        method: z.enum(METHODS),
        signOff: z.boolean(),
        status: z.enum(['waiting', 'pending', 'approved', 'skipped', 'rejected', 'stuck', 'withdrawn']),
        approvers: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            decision: z.enum(['approved', 'rejected']).nullable(),
            comment: z.string().nullable(),
            decidedAt: z.number().int().nullable(),
            signature: SignatureSchema.nullable(),
          }),
        ),
      }),
    ),
    history: z.array(
      z.object({
        round: z.number().int(),
        at: z.number().int(),
        action: z.string(),
        comment: z.string().nullable(),
        node: z.number().int().nullable(),
        reason: z.string().nullable(),
        actor: Person.nullable(),
        signature: SignatureSchema.nullable(),
      }),
    ),
    can: z.object({ decide: z.boolean(), withdraw: z.boolean(), resubmit: z.boolean(), retry: z.boolean() }),
  })
  .openapi('Approval');
const conflict = {
  409: { description: 'The approval moved on meanwhile, or is not in a state that allows this (`conflict`)' },
};
const admin = requirePermission('approval.admin');
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const approvalFlowsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Every approval flow, in the order they are tried (approval.admin)',
        responses: { 200: json(z.object({ items: z.array(FlowSchema) }), 'Flows'), ...commonErrors },
      }),
      async (c) => c.json({ items: await listFlows(c.get('deps').db) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Add a flow, tried after the existing ones (approval.admin)',
        request: { body: jsonBody(FlowBody) },
        responses: { 201: json(FlowSchema, 'Created'), ...commonErrors },
      }),
      async (c) =>
        c.json(await createFlow(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/order',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Reorder the flows: every flow id, once, in the new order (approval.admin)',
        request: { body: jsonBody(z.object({ ids: z.array(Id).max(500) }).strict()) },
        responses: { 200: json(z.object({ items: z.array(FlowSchema) }), 'Reordered'), ...commonErrors },
      }),
      async (c) =>
        c.json(
          { items: await reorderFlows(c.get('deps').db, currentActor(c), c.req.valid('json').ids, requestInfo(c)) },
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Change a flow; running requests keep the flow as it was when they started (approval.admin)',
        request: { params: IdParam, body: jsonBody(FlowBody.partial().strict()) },
        responses: { 200: json(FlowSchema, 'Changed'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await updateFlow(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            requestInfo(c),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Delete a flow; running requests finish by their snapshot (approval.admin)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await deleteFlow(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );

/** The approvers' queue and their decisions. */
export const approvalsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Approvals: `todo` waiting for my decision, `done` decided by me, `mine` my requests; newest first',
        request: {
          query: z.object({
            tab: z.enum(['todo', 'done', 'mine']).default('todo'),
            cursor: z.string().max(500).optional(),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(ApprovalSchema), nextCursor: z.string().nullable() }), 'A page'),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await listApprovals(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/decisions',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Approve several approvals waiting for the caller; the others are skipped with a reason',
        request: {
          body: jsonBody(
            z.object({ ids: z.array(Id).min(1).max(100), comment: z.string().max(1000).optional() }).strict(),
          ),
        },
        responses: {
          200: json(
            z.object({
              approved: z.array(z.string()),
              skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
            }),
            'Outcome',
          ),
          ...commonErrors,
        },
      }),
      async (c) => {
        const { ids, comment } = c.req.valid('json');
        const approved: string[] = [];
        const skipped: Array<{ id: string; reason: string }> = [];
        for (const id of [...new Set(ids)]) {
          try {
            await decide(c.get('deps').db, currentActor(c), id, { decision: 'approve', comment }, requestInfo(c));
            approved.push(id);
          } catch (err) {
            if (!(err instanceof Problem)) throw err;
            // A sign-off step needs each approver's opinion and signature: never approved in a batch.
            const signOff = err.extras.errors?.some((e) => e.path === 'signature' && e.code === 'required');
            skipped.push({ id, reason: signOff ? 'sign-off-required' : err.code });
          }
        }
        return c.json({ approved, skipped }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "One approval (the sender, its approvers, data.view in the sender's scope, approval.admin)",
        request: { params: IdParam },
        responses: { 200: json(ApprovalSchema, 'The approval'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await viewApproval(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/decision',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Approve or reject (an approver of the current step who has not decided); the last approval ' +
          'delivers the message',
        request: {
          params: IdParam,
          body: jsonBody(
            z
              .object({
                decision: z.enum(['approve', 'reject']),
                comment: z.string().max(1000).optional(),
                signature: SignatureInputSchema.optional(),
              })
              .strict(),
          ),
        },
        responses: {
          200: json(ApprovalSchema, 'Decided'),
          ...commonErrors,
          ...notFound,
          ...conflict,
          413: problem(`\`payload-too-large\`: a signature image over ${MAX_SIGNATURE_BYTES / 1024} KB`),
          415: problem('`unsupported-media-type`: the signature is not a well-formed PNG'),
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        const id = c.req.valid('param').id;
        await decide(db, currentActor(c), id, c.req.valid('json'), requestInfo(c), blobs);
        return c.json(await viewApproval(db, currentActor(c), id), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/signatures/{signatureId}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "A drawn sign-off signature's PNG (whoever may see the approval)",
        description:
          "Fetched with the caller's credentials (no secret in the URL). Always `image/png`, " +
          '`X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox`, `Cache-Control: private, no-store`.',
        request: { params: z.object({ id: Id, signatureId: Id }) },
        responses: {
          200: {
            description: 'The PNG',
            content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        const { id, signatureId } = c.req.valid('param');
        const row = await readableSignature(db, currentActor(c), id, signatureId);
        const bytes = Readable.toWeb(await openSignature(blobs, row.blobKey!)) as ReadableStream<Uint8Array>;
        return c.body(bytes, 200, {
          'content-type': 'image/png',
          'content-length': String(row.size),
          'content-disposition': 'inline; filename="signature.png"',
          'x-content-type-options': 'nosniff',
          'content-security-policy': 'sandbox',
          'cache-control': 'private, no-store',
        });
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/retry',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: "Resolve a stuck approval's step again, after fixing the flow or the organisation (approval.admin)",
        request: { params: IdParam },
        responses: { 200: json(ApprovalSchema, 'Retried'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) => {
        const db = c.get('deps').db;
        const id = c.req.valid('param').id;
        await retry(db, currentActor(c), id, requestInfo(c));
        return c.json(await viewApproval(db, currentActor(c), id), 200);
      },
    );

/** A sender's own message waiting for approval: withdraw it, or resubmit it after a rejection. */
export const approvalMessageRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/resubmit',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Resubmit a rejected message after editing it: a new round from the first step (the sender)',
        request: { params: IdParam },
        responses: { 200: json(ApprovalSchema, 'Resubmitted'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) => {
        const db = c.get('deps').db;
        const id = await resubmit(db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.json(await viewApproval(db, currentActor(c), id), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/withdraw',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Withdraw a pending, stuck or rejected message: nobody ever receives it (the sender)',
        request: { params: IdParam },
        responses: { 200: json(ApprovalSchema, 'Withdrawn'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) => {
        const db = c.get('deps').db;
        const id = await withdraw(db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.json(await viewApproval(db, currentActor(c), id), 200);
      },
    );
