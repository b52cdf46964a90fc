import { defineCases, type RoleName } from '../../testing/matrix.js';
import { newMessage, OVERSEERS } from '../messages/sender.matrix.cases.js';

/** Every role holding data.view, wherever its scope (the figures are then limited to it). */
const DATA_VIEWERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'department-admin-out', 'auditor'];

export const cases = defineCases([
  {
    name: 'see a message sent in 前端组 at a glance',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/reach`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'filter its recipients by department',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients?department=${ids.outDeptId}`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'remind those of one department',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/remind`,
    body: (ids: Record<string, string>) => ({ state: 'unconfirmed', department: ids.outDeptId }),
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
