import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { randomToken, safeEqual, sha256 } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { Problem } from '../../http/problem.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';

/** Admin actions come from a signed-in admin, or from the command line (`pnpm herald …`). */
type AdminActor = Actor | { kind: 'system' };
const createdBy = (actor: AdminActor) => (actor.kind === 'system' ? null : actorId(actor));
import { apiKeys, embedApps } from './schema.js';
import { embedOrigins } from './origins.js';

type EmbedAppRow = typeof embedApps.$inferSelect;

/** What may be shown of an embed app after creation: everything but the secret. */
export const publicEmbedApp = ({ secret: _secret, ...app }: EmbedAppRow) => app;

/** `https://portal.example.com` with no path: what a browser sends in `Origin`. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Problem('validation', `"${value}" is not an origin such as https://portal.example.com.`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new Problem('validation', `"${value}" is not an origin such as https://portal.example.com.`);
  }
  return url.origin;
}

export async function createEmbedApp(db: Db, actor: AdminActor, input: { name: string; origins: string[]; tokenMaxAgeSeconds?: number | undefined }, info: RequestInfo) {
  const app = {
    id: newId(), name: input.name.trim(), origins: [...new Set(input.origins.map(normaliseOrigin))],
    secret: randomToken(32), tokenMaxAgeSeconds: input.tokenMaxAgeSeconds ?? 900, disabled: false,
    createdAt: now(), createdBy: createdBy(actor),
  };
  await db.transaction(async (tx) => {
    await tx.insert(embedApps).values(app);
    await recordAudit(tx, actor, { action: 'embed-app.create', targetType: 'embed-app', targetId: app.id, after: publicEmbedApp(app), ...info });
  });
  embedOrigins(db).invalidate();
  return app;
}

export const listEmbedApps = async (db: DbOrTx) =>
  (await db.select().from(embedApps).orderBy(desc(embedApps.createdAt))).map(publicEmbedApp);

async function getEmbedApp(db: DbOrTx, id: string) {
  const [app] = await db.select().from(embedApps).where(eq(embedApps.id, id));
  if (!app) throw new Problem('not-found', 'No such embed app.');
  return app;
}

export async function updateEmbedApp(db: Db, actor: AdminActor, id: string, patch: { name?: string | undefined; origins?: string[] | undefined; disabled?: boolean | undefined; tokenMaxAgeSeconds?: number | undefined }, info: RequestInfo) {
  const before = await getEmbedApp(db, id);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.origins !== undefined ? { origins: [...new Set(patch.origins.map(normaliseOrigin))] } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.tokenMaxAgeSeconds !== undefined ? { tokenMaxAgeSeconds: patch.tokenMaxAgeSeconds } : {}),
  };
  const after = { ...before, ...set };
  await db.transaction(async (tx) => {
    if (Object.keys(set).length) await tx.update(embedApps).set(set).where(eq(embedApps.id, id));
    await recordAudit(tx, actor, { action: 'embed-app.update', targetType: 'embed-app', targetId: id, before: publicEmbedApp(before), after: publicEmbedApp(after), ...info });
  });
  embedOrigins(db).invalidate();
  return publicEmbedApp(after);
}

/** A new secret, shown once; tokens signed with the old one stop working at once. */
export async function rotateEmbedAppSecret(db: Db, actor: AdminActor, id: string, info: RequestInfo) {
  const app = await getEmbedApp(db, id);
  const secret = randomToken(32);
  await db.transaction(async (tx) => {
    await tx.update(embedApps).set({ secret }).where(eq(embedApps.id, id));
    await recordAudit(tx, actor, { action: 'embed-app.rotate-secret', targetType: 'embed-app', targetId: id, ...info });
  });
  return { ...publicEmbedApp(app), secret };
}

const API_KEY_PREFIX = 'hk_';

/** Creates a server-to-server key `hk_<id>.<secret>`; only its hash is kept, so it is shown once. */
export async function createApiKey(db: Db, actor: AdminActor, input: { name: string; permissions: Permission[] }, info: RequestInfo) {
  const id = newId();
  const secret = randomToken(32);
  const row = { id, name: input.name.trim(), secretHash: sha256(secret), permissions: [...new Set(input.permissions)], createdAt: now(), createdBy: createdBy(actor) };
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values(row);
    await recordAudit(tx, actor, { action: 'api-key.create', targetType: 'api-key', targetId: id, after: { name: row.name, permissions: row.permissions }, ...info });
  });
  return { id, name: row.name, permissions: row.permissions, createdAt: row.createdAt, key: `${API_KEY_PREFIX}${id}.${secret}` };
}

export const listApiKeys = (db: DbOrTx) =>
  db.select({ id: apiKeys.id, name: apiKeys.name, permissions: apiKeys.permissions, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys).orderBy(desc(apiKeys.createdAt));

export async function revokeApiKey(db: Db, actor: AdminActor, id: string, info: RequestInfo) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!row) throw new Problem('not-found', 'No such API key.');
  await db.transaction(async (tx) => {
    await tx.update(apiKeys).set({ revokedAt: now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
    await recordAudit(tx, actor, { action: 'api-key.revoke', targetType: 'api-key', targetId: id, ...info });
  });
}

export const isApiKey = (bearer: string) => bearer.startsWith(API_KEY_PREFIX);

const LAST_USED_RESOLUTION_MS = 60_000;

export async function actorFromApiKey(db: DbOrTx, bearer: string): Promise<Actor> {
  const [id, secret] = bearer.slice(API_KEY_PREFIX.length).split('.', 2);
  const [row] = id ? await db.select().from(apiKeys).where(eq(apiKeys.id, id)) : [];
  if (!row || !secret || row.revokedAt || !safeEqual(row.secretHash, sha256(secret))) {
    throw new Problem('token-invalid', 'Unknown or revoked API key.');
  }
  const t = now();
  if (!row.lastUsedAt || t - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: t }).where(eq(apiKeys.id, row.id));
  }
  return {
    kind: 'api-key', keyId: row.id, name: row.name, mustChangePassword: false, via: 'api-key',
    grants: row.permissions.map((permission) => ({ permission, departmentId: null })),
  };
}
