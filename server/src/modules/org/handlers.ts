// The organisation's handlers, each typed by its route (`route-defs.ts`), after hono-open-api-starter's
// `tasks.handlers.ts`. They read the input, call the module's services and answer.
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { currentActor } from '../../http/auth.js';
import { requestInfo } from '../../http/request-info.js';
import type { AppRouteHandler } from '../../http/router.js';
import { requireStaff } from './access.js';
import * as org from './departments.js';
import * as people from './members.js';
import type * as routes from './route-defs.js';

/** Anyone on staff (member or API key) who has signed in; not an external contact. */
const staff = (c: Context<AppEnv>) => {
  const actor = currentActor(c);
  requireStaff(actor);
  return actor;
};

export const listDepartments: AppRouteHandler<typeof routes.listDepartments> = async (c) => {
  const actor = staff(c);
  return c.json({ items: await org.listDepartments(c.get('deps').db, actor) }, 200);
};

export const createDepartment: AppRouteHandler<typeof routes.createDepartment> = async (c) =>
  c.json(await org.createDepartment(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201);

export const updateDepartment: AppRouteHandler<typeof routes.updateDepartment> = async (c) =>
  c.json(
    await org.updateDepartment(
      c.get('deps').db,
      currentActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      requestInfo(c),
    ),
    200,
  );

export const deleteDepartment: AppRouteHandler<typeof routes.deleteDepartment> = async (c) => {
  await org.deleteDepartment(
    c.get('deps').db,
    currentActor(c),
    c.req.valid('param').id,
    c.req.valid('query').moveMembersTo,
    requestInfo(c),
  );
  return c.body(null, 204);
};

export const listPositions: AppRouteHandler<typeof routes.listPositions> = async (c) => {
  staff(c);
  return c.json({ items: await org.listPositions(c.get('deps').db) }, 200);
};

export const createPosition: AppRouteHandler<typeof routes.createPosition> = async (c) =>
  c.json(await org.createPosition(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201);

export const updatePosition: AppRouteHandler<typeof routes.updatePosition> = async (c) =>
  c.json(
    await org.updatePosition(
      c.get('deps').db,
      currentActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      requestInfo(c),
    ),
    200,
  );

export const deletePosition: AppRouteHandler<typeof routes.deletePosition> = async (c) => {
  await org.deletePosition(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
  return c.body(null, 204);
};

export const listMembers: AppRouteHandler<typeof routes.listMembers> = async (c) => {
  const q = c.req.valid('query');
  return c.json(
    await people.listMembers(c.get('deps').db, currentActor(c), {
      q: q.q,
      departmentId: q.departmentId,
      subtree: q.subtree === 'true',
      status: q.status ?? 'all',
      cursor: q.cursor,
      limit: q.limit ?? 50,
    }),
    200,
  );
};

export const getMember: AppRouteHandler<typeof routes.getMember> = async (c) =>
  c.json(await people.getMember(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200);

export const createMember: AppRouteHandler<typeof routes.createMember> = async (c) =>
  c.json(await people.createMember(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201);

export const updateMember: AppRouteHandler<typeof routes.updateMember> = async (c) =>
  c.json(
    await people.updateMember(
      c.get('deps').db,
      currentActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      requestInfo(c),
    ),
    200,
  );

export const resetPassword: AppRouteHandler<typeof routes.resetPassword> = async (c) =>
  c.json(await people.resetPassword(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c)), 200);
