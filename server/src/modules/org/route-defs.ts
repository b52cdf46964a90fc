// The organisation's routes as values (path, input, answers), after hono-open-api-starter's `tasks.routes.ts`;
// `handlers.ts` answers them and `routes.ts` wires the two into the routers `app.ts` mounts.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../../http/auth.js';
import { BEARER, IdParam, ProblemSchema, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { PERMISSIONS } from '../auth/permissions.js';
import { GrantSchema } from './api-schemas.js';
import { oneLine } from '../../http/text.js';

const tags = ['organisation'];
const conflict = (codes: string) => ({
  409: { description: `Conflict (${codes})`, content: { 'application/problem+json': { schema: ProblemSchema } } },
});

const DepartmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    path: z.string().openapi({ description: 'Ids from the root down, `/root/…/id/`' }),
    sortOrder: z.number().int(),
    headMemberId: z.string().nullable(),
    headName: z.string().nullable(),
    memberCount: z.number().int().openapi({ description: 'Members whose primary department this is' }),
  })
  .openapi('Department');
const DepartmentListItemSchema = DepartmentSchema.extend({
  manageable: z.boolean().openapi({
    description:
      'The caller may act inside this department: org.admin everywhere, department.manage inside a granted ' +
      'subtree (its root included; renaming, moving or deleting the root needs the parent manageable too)',
  }),
}).openapi('DepartmentListItem');
const PositionSchema = z.object({ id: z.string(), name: z.string(), level: z.number().int() }).openapi('Position');

const MemberSchema = z
  .object({
    id: z.string(),
    employeeNo: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    extraDepartmentIds: z.array(z.string()),
    positionId: z.string().nullable(),
    positionName: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    locale: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Member');
const MemberDetailSchema = MemberSchema.extend({
  grants: z.array(GrantSchema),
  effectivePermissions: z.array(
    z.object({
      permission: z.enum(PERMISSIONS),
      departmentIds: z.array(z.string()).nullable().openapi({ description: 'null = organisation-wide' }),
    }),
  ),
}).openapi('MemberDetail');

const Name = oneLine(100);
// A BCP 47 tag; the widgets speak zh-CN and en and fall back to one of them for anything else.
const Locale = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
  .max(35)
  .nullable()
  .openapi({ example: 'zh-CN' });
const Email = z
  .string()
  .trim()
  .max(254)
  .nullable()
  .openapi({ example: 'zhangsan@example.com', description: 'Stored lower-case' });
const Phone = z
  .string()
  .trim()
  .max(32)
  .nullable()
  .openapi({ example: '13800138000', description: 'Mainland mobile or E.164' });
const DepartmentIds = z.array(z.string().min(1).max(64)).max(50);

const MemberDraftSchema = z.object({
  employeeNo: z.string().trim().min(1).max(32).openapi({ example: 'E1009', description: '1–32 of A–Z a–z 0–9 - _ .' }),
  name: Name,
  email: Email.optional(),
  phone: Phone.optional(),
  departmentId: z.string().min(1).max(64),
  extraDepartmentIds: DepartmentIds.optional(),
  positionId: z.string().min(1).max(64).nullable().optional(),
  locale: Locale.optional(),
});
const MemberPatchSchema = z.object({
  name: Name.optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  departmentId: z.string().min(1).max(64).optional(),
  extraDepartmentIds: DepartmentIds.optional(),
  positionId: z.string().min(1).max(64).nullable().optional(),
  locale: Locale.optional(),
  disabled: z
    .boolean()
    .optional()
    .openapi({ description: 'A disabled member cannot sign in and is not a recipient; members are never deleted' }),
});

const MemberQuerySchema = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Name, pinyin (`zhangsan`, `zs`), employee number, e-mail or phone' }),
  departmentId: z.string().max(64).optional(),
  subtree: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'With departmentId: include its sub-departments' }),
  status: z.enum(['active', 'disabled', 'all']).optional().openapi({ description: 'Default all' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
const admin = requirePermission('org.admin');

export const listDepartments = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: BEARER,
  summary: 'The department tree as a flat list, parents before children, siblings in order',
  responses: { 200: json(z.object({ items: z.array(DepartmentListItemSchema) }), 'Departments'), ...commonErrors },
});

export const createDepartment = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: BEARER,
  summary:
    'Create a department under a parent (null: a top-level one, org.admin only) at a position among its siblings',
  request: {
    body: jsonBody(
      z.object({
        name: Name,
        parentId: z.string().min(1).max(64).nullable(),
        index: z.number().int().min(0).optional(),
      }),
    ),
  },
  responses: {
    201: json(DepartmentSchema, 'Created'),
    ...commonErrors,
    ...conflict('`conflict`: a sibling has that name'),
  },
});

export const updateDepartment = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  security: BEARER,
  summary: 'Rename, move (with its subtree), reorder among siblings, or set the head',
  request: {
    params: IdParam,
    body: jsonBody(
      z.object({
        name: Name.optional(),
        parentId: z.string().min(1).max(64).nullable().optional(),
        index: z.number().int().min(0).optional(),
        headMemberId: z.string().min(1).max(64).nullable().optional(),
      }),
    ),
  },
  responses: {
    200: json(DepartmentSchema, 'Updated'),
    ...commonErrors,
    ...notFound,
    ...conflict('`conflict`: a sibling has that name'),
  },
});

export const deleteDepartment = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  security: BEARER,
  summary: 'Delete an empty department, or move its members (primary and extra) elsewhere first',
  request: { params: IdParam, query: z.object({ moveMembersTo: z.string().min(1).max(64).optional() }) },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound, ...conflict('`department-not-empty`') },
});

export const listPositions = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: BEARER,
  summary: 'Positions (job levels), by level',
  responses: { 200: json(z.object({ items: z.array(PositionSchema) }), 'Positions'), ...commonErrors },
});

export const createPosition = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: BEARER,
  middleware: [admin] as const,
  summary: 'Create a position',
  request: { body: jsonBody(z.object({ name: Name, level: z.number().int().min(0).max(100) })) },
  responses: { 201: json(PositionSchema, 'Created'), ...commonErrors, ...conflict('`conflict`: the name is taken') },
});

export const updatePosition = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  security: BEARER,
  middleware: [admin] as const,
  summary: 'Rename a position or change its level',
  request: {
    params: IdParam,
    body: jsonBody(z.object({ name: Name.optional(), level: z.number().int().min(0).max(100).optional() })),
  },
  responses: {
    200: json(PositionSchema, 'Updated'),
    ...commonErrors,
    ...notFound,
    ...conflict('`conflict`: the name is taken'),
  },
});

export const deletePosition = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  security: BEARER,
  middleware: [admin] as const,
  summary: 'Delete a position nobody holds',
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    ...commonErrors,
    ...notFound,
    ...conflict('`in-use`: members hold it'),
  },
});

export const listMembers = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: BEARER,
  summary: "Find members in the caller's scope (name, pinyin, number, e-mail, phone), by employee number",
  request: { query: MemberQuerySchema },
  responses: {
    200: json(z.object({ items: z.array(MemberSchema), nextCursor: z.string().nullable() }), 'A page of members'),
    ...commonErrors,
    ...notFound,
  },
});

export const getMember = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security: BEARER,
  summary: 'One member with grants and effective permissions',
  request: { params: IdParam },
  responses: { 200: json(MemberDetailSchema, 'The member'), ...commonErrors, ...notFound },
});

export const createMember = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: BEARER,
  summary: 'Create a member; answers the initial password once (it must be changed at first sign-in)',
  request: { body: jsonBody(MemberDraftSchema) },
  responses: {
    201: json(MemberSchema.extend({ initialPassword: z.string() }), 'Created'),
    ...commonErrors,
    ...conflict('`conflict`: employee number or e-mail taken'),
  },
});

export const updateMember = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  security: BEARER,
  summary: 'Edit, move, disable or enable a member',
  request: { params: IdParam, body: jsonBody(MemberPatchSchema) },
  responses: {
    200: json(MemberSchema, 'Updated'),
    ...commonErrors,
    ...notFound,
    ...conflict('`conflict`: e-mail taken, or disabling yourself'),
  },
});

export const resetPassword = createRoute({
  method: 'post',
  path: '/{id}/password',
  tags,
  security: BEARER,
  summary: "Reset the password: answers a temporary one once, forces a change, ends the member's sessions",
  request: { params: IdParam },
  responses: { 200: json(z.object({ temporaryPassword: z.string() }), 'Reset'), ...commonErrors, ...notFound },
});
