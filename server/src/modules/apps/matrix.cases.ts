// Embed apps and API keys as every role (issue 13): org admins manage contacts-only apps and keys within their own
// rights; an app that speaks for members, and a key with approval.admin, are the super admin's.
import { body } from '../../testing/http.js';
import { ADMINS, defineCases, type MatrixContext } from '../../testing/matrix.js';

const app =
  (audience: string) =>
  async ({ admin, ids }: MatrixContext) => ({
    appId: (
      await body(
        await admin.request('/api/v1/embed-apps', {
          method: 'POST',
          json: { name: `app-${ids.unique}`, origins: ['https://host.example'], audience },
        }),
      )
    ).id as string,
  });
const newKey = async ({ admin, ids }: MatrixContext) => ({
  keyId: (
    await body(
      await admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: `key-${ids.unique}`, permissions: ['data.view'] },
      }),
    )
  ).id as string,
});

export const cases = defineCases([
  { name: 'list embed apps', method: 'GET', path: () => '/api/v1/embed-apps', allowed: ADMINS },
  {
    name: 'register a contacts-only embed app',
    method: 'POST',
    path: () => '/api/v1/embed-apps',
    body: { name: 'Portal', origins: ['https://portal.example'] },
    allowed: ADMINS,
  },
  {
    name: 'register an embed app that speaks for members',
    method: 'POST',
    path: () => '/api/v1/embed-apps',
    body: { name: 'Intranet', origins: ['https://intranet.example'], audience: 'members' },
    allowed: ['super-admin'],
  },
  {
    name: 'change a contacts-only embed app',
    method: 'PATCH',
    path: (ids) => `/api/v1/embed-apps/${ids.appId}`,
    body: { name: 'Portal 2' },
    prepare: app('contacts'),
    allowed: ADMINS,
  },
  {
    name: 'widen a contacts-only embed app to members',
    method: 'PATCH',
    path: (ids) => `/api/v1/embed-apps/${ids.appId}`,
    body: { audience: 'both' },
    prepare: app('contacts'),
    allowed: ['super-admin'],
  },
  {
    name: 'change an embed app that speaks for members',
    method: 'PATCH',
    path: (ids) => `/api/v1/embed-apps/${ids.appId}`,
    body: { origins: ['https://elsewhere.example'] },
    prepare: app('members'),
    allowed: ['super-admin'],
  },
  {
    name: 'new secret for a contacts-only embed app',
    method: 'POST',
    path: (ids) => `/api/v1/embed-apps/${ids.appId}/secret`,
    prepare: app('contacts'),
    allowed: ADMINS,
  },
  {
    name: 'new secret for an embed app that speaks for members',
    method: 'POST',
    path: (ids) => `/api/v1/embed-apps/${ids.appId}/secret`,
    prepare: app('both'),
    allowed: ['super-admin'],
  },
  {
    name: "create an API key within one's own rights",
    method: 'POST',
    path: () => '/api/v1/api-keys',
    body: { name: 'HR system', permissions: ['data.view'] },
    allowed: ADMINS,
  },
  {
    name: 'create an API key with approval.admin',
    method: 'POST',
    path: () => '/api/v1/api-keys',
    body: { name: 'Flows', permissions: ['approval.admin'] },
    allowed: ['super-admin'],
  },
  { name: 'list API keys', method: 'GET', path: () => '/api/v1/api-keys', allowed: ADMINS },
  {
    name: 'revoke an API key',
    method: 'DELETE',
    path: (ids) => `/api/v1/api-keys/${ids.keyId}`,
    prepare: newKey,
    allowed: ADMINS,
  },
]);
