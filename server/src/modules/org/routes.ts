// The organisation's routers: each route (`route-defs.ts`) with its handler (`handlers.ts`); `app.ts` mounts them.
import { createRouter } from '../../http/router.js';
import * as handlers from './handlers.js';
import * as routes from './route-defs.js';

/** The department tree (R2): staff read it, org.admin and department.manage change it. */
export const departmentsRoutes = () =>
  createRouter()
    .openapi(routes.listDepartments, handlers.listDepartments)
    .openapi(routes.createDepartment, handlers.createDepartment)
    .openapi(routes.updateDepartment, handlers.updateDepartment)
    .openapi(routes.deleteDepartment, handlers.deleteDepartment);

/** Positions (job levels, R2): anyone on staff reads them, org.admin changes them. */
export const positionsRoutes = () =>
  createRouter()
    .openapi(routes.listPositions, handlers.listPositions)
    .openapi(routes.createPosition, handlers.createPosition)
    .openapi(routes.updatePosition, handlers.updatePosition)
    .openapi(routes.deletePosition, handlers.deletePosition);

/** The member directory and its administration (docs/api.md "Members"). */
export const membersRoutes = () =>
  createRouter()
    .openapi(routes.listMembers, handlers.listMembers)
    .openapi(routes.getMember, handlers.getMember)
    .openapi(routes.createMember, handlers.createMember)
    .openapi(routes.updateMember, handlers.updateMember)
    .openapi(routes.resetPassword, handlers.resetPassword);
