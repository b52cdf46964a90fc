import { defineCases, VIEWERS } from '../../testing/matrix.js';

export const cases = defineCases([
  { name: 'browse the audit trail', method: 'GET', path: () => '/api/v1/audit?limit=5', allowed: VIEWERS },
  { name: 'open an audit entry', method: 'GET', path: (ids) => `/api/v1/audit/${ids.auditId}`, allowed: VIEWERS },
  {
    name: 'export the audit trail as .csv',
    method: 'GET',
    path: () => '/api/v1/audit/export?format=csv&action=member.create',
    allowed: VIEWERS,
  },
  {
    name: 'export the audit trail as .xlsx',
    method: 'GET',
    path: () => '/api/v1/audit/export?format=xlsx&action=member.create',
    allowed: VIEWERS,
  },
]);
