import { ALL, defineCases } from '../../testing/matrix.js';

/**
 * My settings (issue 20 items 6 and 7): every member may read and change their own, and only their own — no path
 * names anyone, so there is no one else's to reach. (Contacts: `profile.test.ts` and `notify/preferences.test.ts`.)
 */
export const cases = defineCases([
  { name: 'read my notification preferences', method: 'GET', path: () => '/api/v1/me/notifications', allowed: ALL },
  {
    name: 'change my notification preferences',
    method: 'PUT',
    path: () => '/api/v1/me/notifications',
    body: { quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' } },
    allowed: ALL,
  },
  { name: 'read my profile', method: 'GET', path: () => '/api/v1/me/profile', allowed: ALL },
  {
    name: 'change my language',
    method: 'PATCH',
    path: () => '/api/v1/me/profile',
    body: { locale: 'en' },
    allowed: ALL,
  },
]);
