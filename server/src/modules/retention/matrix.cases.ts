import { ADMINS, defineCases } from '../../testing/matrix.js';

/** The retention policy and the purge's figures (issue 19 item 8): `org.admin` only — it deletes everyone's mail. */
export const cases = defineCases([
  {
    name: 'read the retention policy and last purge',
    method: 'GET',
    path: () => '/api/v1/settings/retention',
    allowed: ADMINS,
  },
  {
    name: 'change the retention policy',
    method: 'PUT',
    path: () => '/api/v1/settings/retention',
    body: { expiredGraceDays: 30 },
    allowed: ADMINS,
  },
]);
