// `npm start`'s customer portal demo (S5–S7): runs examples/host-app — a host on its own origin — for the demo
// contact, with the demo embed app's secret handed to that back end through its environment. The secret never
// reaches a browser: the host's page asks its own back end for short-lived tokens (POST /token).
import { mayConnect } from './lib/outbound.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { REPO_DIR } from './paths.js';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import type { Logger } from './lib/logger.js';
import { embedApps } from './modules/apps/schema.js';
import { notifySettings, updateNotifySettings } from './modules/notify/settings.js';
import { settings } from './modules/settings/schema.js';
import { demoPortal, demoPortalOrigins } from './seed-messages.js';

const HOST_APP = `${REPO_DIR}examples/host-app/server.mjs`;

/** The port from `HERALD_DEMO_PORTAL_PORT` (`npm start` sets 4000), or null when unset, `off` or invalid. */
export function demoPortalPort(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.HERALD_DEMO_PORTAL_PORT;
  if (!raw || raw === 'off') return null;
  const port = Number(raw);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

/**
 * The demo's notification webhook (R9): unless an admin has set a webhook URL of their own, urgent messages go to
 * the demo host's receiver, signed with a secret made here. Answers the secret for the host, or null.
 */
async function demoWebhook(db: Db, port: number): Promise<string | null> {
  const demoUrl = (p: number) => `http://127.0.0.1:${p}/herald-webhook`;
  const { webhook } = await notifySettings(db);
  // Never configured (no row yet), or still the demo's own receiver: anything else is an admin's choice, kept.
  const [configured] = await db.select({ key: settings.key }).from(settings).where(eq(settings.key, 'notify'));
  const ours = webhook.url === '' ? !configured : /^http:\/\/127\.0\.0\.1:\d+\/herald-webhook$/.test(webhook.url);
  if (!ours) return null;
  // The receiver is on loopback: only when the operator allows it (`npm start` does) are webhooks sent there.
  if (!mayConnect('127.0.0.1', '127.0.0.1', port)) return null;
  if (webhook.url === demoUrl(port) && webhook.secret) return webhook.enabled ? webhook.secret : null;
  const secret = webhook.secret || randomBytes(32).toString('hex');
  await updateNotifySettings(db, { kind: 'system' }, { webhook: { enabled: true, url: demoUrl(port), secret } }, {});
  return secret;
}

/**
 * Starts the demo customer portal next to Herald when `HERALD_DEMO_PORTAL_PORT` is set and the demo data is
 * there; prints its URL. The child stops with this process (and is returned, for tests). Never throws: the portal
 * is a demo nicety.
 */
export async function startDemoPortal(
  db: Db,
  heraldUrl: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildProcess | null> {
  const port = demoPortalPort(env);
  if (port === null) return null;
  try {
    const portal = await demoPortal(db);
    if (!portal) return null;
    // The embed app lists the portal's origins; keep them in step with the port in use.
    const origins = demoPortalOrigins(port);
    if (JSON.stringify(portal.app.origins) !== JSON.stringify(origins)) {
      await db.update(embedApps).set({ origins }).where(eq(embedApps.id, portal.app.id));
    }
    const webhookSecret = await demoWebhook(db, port);
    const child = spawn(process.execPath, [HOST_APP], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Only what the host needs: not Herald's own settings (admin password, database token …).
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        HERALD_URL: heraldUrl,
        HERALD_EMBED_APP_ID: portal.app.id,
        HERALD_EMBED_SECRET: portal.app.secret,
        HERALD_EMBED_SUBJECT: `contact:${portal.contact.id}`,
        ...(webhookSecret ? { HERALD_WEBHOOK_SECRET: webhookSecret } : {}),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (/Host app: /.test(output)) {
        output = '';
        process.stdout.write(
          `  Customer portal:   http://127.0.0.1:${port}/portal.html  (as ${portal.contact.name}, an ` +
            `external contact)\n`,
        );
        if (webhookSecret)
          process.stdout.write(
            `  Webhooks received: http://127.0.0.1:${port}/notifications.html  (urgent messages, signed)\n`,
          );
        process.stdout.write('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => logger.warn({ portal: String(chunk).trim() }, 'demo customer portal'));
    child.on('exit', (code) => {
      if (code)
        logger.warn(
          { code, port },
          'the demo customer portal stopped (is the port taken? set HERALD_DEMO_PORTAL_PORT)',
        );
    });
    process.on('exit', () => child.kill());
    return child;
  } catch (err) {
    logger.warn({ err }, 'could not start the demo customer portal');
    return null;
  }
}
