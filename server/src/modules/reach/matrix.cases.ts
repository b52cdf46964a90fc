import { defineCases, type RoleName } from '../../testing/matrix.js';
import { newMessage, OVERSEERS } from '../messages/sender.matrix.cases.js';

/** Every role holding data.view, wherever its scope (the figures are then limited to it). */
const DATA_VIEWERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'department-admin-out', 'auditor'];
/**
 * Overseers who may tell 市场部's recipients apart: organisation-wide ones. The department admin of 技术部 oversees the
 * message (sent from 前端组) but not 市场部, where its recipient works: naming that department is refused (issue 24).
 */
const WIDE_OVERSEERS: RoleName[] = ['super-admin', 'org-admin', 'auditor'];

export const cases = defineCases([
  {
    name: 'see a message sent in 前端组 at a glance',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/reach`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'filter its recipients by a department outside 技术部 (市场部)',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients?department=${ids.outDeptId}`,
    prepare: newMessage,
    allowed: WIDE_OVERSEERS,
  },
  {
    name: 'filter its recipients by a department inside 技术部 (前端组)',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients?department=${ids.inSubDeptId}`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'filter its recipients to those without a department',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients?department=none`,
    prepare: newMessage,
    allowed: WIDE_OVERSEERS,
  },
  {
    name: 'remind those of a department outside 技术部 (市场部)',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/remind`,
    body: (ids: Record<string, string>) => ({ state: 'unconfirmed', department: ids.outDeptId }),
    prepare: newMessage,
    allowed: WIDE_OVERSEERS,
  },
  {
    name: 'remind those of a department inside 技术部 (前端组)',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/remind`,
    body: (ids: Record<string, string>) => ({ state: 'unconfirmed', department: ids.inSubDeptId }),
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  { name: 'the reach dashboard', method: 'GET', path: () => '/api/v1/reach/summary', allowed: DATA_VIEWERS },
  {
    name: 'the reach dashboard as .xlsx',
    method: 'GET',
    path: () => '/api/v1/reach/summary/export?days=7',
    allowed: DATA_VIEWERS,
  },
]);
