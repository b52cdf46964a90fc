import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMINS, defineCases, type MatrixContext } from '../../testing/matrix.js';

/** A webhook receiver on loopback that accepts everything; unref'd so it never holds the test process open. */
let hookUrl: Promise<string> | null = null;
const receiver = () =>
  (hookUrl ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`));
    server.unref();
  }));

const webhookOn = async ({ admin }: MatrixContext) => {
  const res = await admin.request('/api/v1/settings/notifications', {
    method: 'PUT',
    json: { webhook: { enabled: true, url: await receiver(), secret: 'matrix-secret-0123456789' } },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return {};
};

/** Notification channels and the outbox: `org.admin` only (they hold secrets and reach every member's phone). */
export const cases = defineCases([
  {
    name: 'read the notification settings',
    method: 'GET',
    path: () => '/api/v1/settings/notifications',
    allowed: ADMINS,
  },
  {
    name: 'change the notification settings',
    method: 'PUT',
    path: () => '/api/v1/settings/notifications',
    body: { reminders: { everyMinutes: 5 } },
    allowed: ADMINS,
  },
  {
    name: 'send a test notification',
    method: 'POST',
    path: () => '/api/v1/settings/notifications/test',
    body: { channel: 'webhook' },
    prepare: webhookOn,
    allowed: ADMINS,
  },
  { name: 'list the dead letters', method: 'GET', path: () => '/api/v1/notifications/deliveries', allowed: ADMINS },
  {
    name: 'retry dead letters',
    method: 'POST',
    path: () => '/api/v1/notifications/deliveries/retry',
    body: { allDead: true },
    allowed: ADMINS,
  },
]);
