import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { randomToken, safeEqual, sha256 } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { Problem } from '../../http/problem.js';
import { actorId, loadGrants, type Actor, type Grant } from '../auth/actor.js';
import { assertWithinOwnRights } from '../auth/ceiling.js';
import type { Permission } from '../auth/permissions.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { actorIsSuperAdmin } from '../org/access.js';
import { getDepartment } from '../org/departments.js';
import { members } from '../org/schema.js';
import { apiKeys, embedApps, type EmbedAudience } from './schema.js';
import { embedOrigins } from './origins.js';

/** Admin actions come from a signed-in admin, or from the command line (`pnpm herald …`). */
type AdminActor = Actor | { kind: 'system' };
/** Who answers for what an admin creates: a member, or for a key made by a key, the member behind that key. */
const createdBy = (actor: AdminActor) =>
  actor.kind === 'system' ? null : actor.kind === 'api-key' ? (actor.createdBy ?? null) : actorId(actor);

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
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new Problem('validation', `"${value}" is not an origin such as https://portal.example.com.`);
  }
  return url.origin;
}

type AppAccess = { audience?: EmbedAudience | undefined; departmentIds?: string[] | null | undefined };
const speaksForMembers = (audience: EmbedAudience) => audience !== 'contacts';

/**
 * An app whose tokens may name members can act as any of them (within `departmentIds` and its registrant's rights):
 * registering, changing or re-keying one is a super admin's act (or the operator's, from the command line).
 */
async function assertMayManageMembersApp(db: DbOrTx, actor: AdminActor) {
  if (actor.kind === 'system' || (await actorIsSuperAdmin(db, actor))) return;
  throw new Problem('forbidden', 'Only a super admin registers or changes an embed app that speaks for members.', {
    reason: 'members-app-super-admin-only',
  });
}

/** Department ids as given, each checked to exist (`errors[].path` = `departmentIds.N`). */
async function checkedDepartments(db: DbOrTx, ids: string[] | null | undefined): Promise<string[] | null> {
  if (!ids || ids.length === 0) return null;
  const unique = [...new Set(ids)];
  for (const [i, id] of unique.entries()) await getDepartment(db, id, `departmentIds.${i}`);
  return unique;
}

export async function createEmbedApp(
  db: Db,
  actor: AdminActor,
  input: { name: string; origins: string[]; tokenMaxAgeSeconds?: number | undefined } & AppAccess,
  info: RequestInfo,
) {
  const audience = input.audience ?? 'contacts';
  if (speaksForMembers(audience)) await assertMayManageMembersApp(db, actor);
  if (!speaksForMembers(audience) && input.departmentIds?.length) throw departmentsWithoutMembers();
  const app = {
    id: newId(),
    name: input.name.trim(),
    origins: [...new Set(input.origins.map(normaliseOrigin))],
    audience,
    departmentIds: await checkedDepartments(db, input.departmentIds),
    secret: randomToken(32),
    tokenMaxAgeSeconds: input.tokenMaxAgeSeconds ?? 900,
    disabled: false,
    createdAt: now(),
    createdBy: createdBy(actor),
  };
  await db.transaction(async (tx) => {
    await tx.insert(embedApps).values(app);
    await recordAudit(tx, actor, {
      action: 'embed-app.create',
      targetType: 'embed-app',
      targetId: app.id,
      after: publicEmbedApp(app),
      ...info,
    });
  });
  embedOrigins(db).invalidate();
  return app;
}

const departmentsWithoutMembers = () =>
  new Problem('validation', 'Departments limit the members an app speaks for; this app speaks for contacts only.', {
    errors: [{ path: 'departmentIds', code: 'invalid-value', message: 'Only for an app that speaks for members' }],
  });

export const listEmbedApps = async (db: DbOrTx) =>
  (await db.select().from(embedApps).orderBy(desc(embedApps.createdAt))).map(publicEmbedApp);

async function getEmbedApp(db: DbOrTx, id: string) {
  const [app] = await db.select().from(embedApps).where(eq(embedApps.id, id));
  if (!app) throw new Problem('not-found', 'No such embed app.');
  return app;
}

export async function updateEmbedApp(
  db: Db,
  actor: AdminActor,
  id: string,
  patch: {
    name?: string | undefined;
    origins?: string[] | undefined;
    disabled?: boolean | undefined;
    tokenMaxAgeSeconds?: number | undefined;
  } & AppAccess,
  info: RequestInfo,
) {
  const before = await getEmbedApp(db, id);
  const audience = patch.audience ?? before.audience;
  // Any change to an app that speaks (or will speak) for members is a super admin's.
  if (speaksForMembers(before.audience) || speaksForMembers(audience)) await assertMayManageMembersApp(db, actor);
  const departmentIds =
    patch.departmentIds !== undefined ? await checkedDepartments(db, patch.departmentIds) : before.departmentIds;
  if (!speaksForMembers(audience) && departmentIds?.length) throw departmentsWithoutMembers();
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.origins !== undefined ? { origins: [...new Set(patch.origins.map(normaliseOrigin))] } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.tokenMaxAgeSeconds !== undefined ? { tokenMaxAgeSeconds: patch.tokenMaxAgeSeconds } : {}),
    ...(patch.audience !== undefined ? { audience } : {}),
    ...(patch.departmentIds !== undefined ? { departmentIds } : {}),
  };
  const after = { ...before, ...set };
  await db.transaction(async (tx) => {
    if (Object.keys(set).length) await tx.update(embedApps).set(set).where(eq(embedApps.id, id));
    await recordAudit(tx, actor, {
      action: 'embed-app.update',
      targetType: 'embed-app',
      targetId: id,
      before: publicEmbedApp(before),
      after: publicEmbedApp(after),
      ...info,
    });
  });
  embedOrigins(db).invalidate();
  return publicEmbedApp(after);
}

/** A new secret, shown once; tokens signed with the old one stop working at once. */
export async function rotateEmbedAppSecret(db: Db, actor: AdminActor, id: string, info: RequestInfo) {
  const app = await getEmbedApp(db, id);
  // Whoever holds the secret can name anyone the app speaks for.
  if (speaksForMembers(app.audience)) await assertMayManageMembersApp(db, actor);
  const secret = randomToken(32);
  await db.transaction(async (tx) => {
    await tx.update(embedApps).set({ secret }).where(eq(embedApps.id, id));
    await recordAudit(tx, actor, { action: 'embed-app.rotate-secret', targetType: 'embed-app', targetId: id, ...info });
  });
  return { ...publicEmbedApp(app), secret };
}

const API_KEY_PREFIX = 'hk_';

/** Creates a server-to-server key `hk_<id>.<secret>`; only its hash is kept, so it is shown once. */
export async function createApiKey(
  db: Db,
  actor: AdminActor,
  input: { name: string; permissions: Permission[]; sendAsMembers?: boolean | undefined },
  info: RequestInfo,
) {
  await assertWithinOwnRights(db, actor, input.permissions, { departmentPath: null }, 'This API key');
  // A key that sends as members speaks for them, like an embed app for members: a super admin's to allow.
  if (input.sendAsMembers) {
    await assertMayManageMembersApp(db, actor);
    if (!input.permissions.some((p) => p === 'message.send.internal' || p === 'message.send.external')) {
      throw new Problem('validation', 'A key that sends on behalf of members needs a send permission of its own.', {
        errors: [
          { path: 'permissions', code: 'invalid-value', message: 'Add message.send.internal or message.send.external' },
        ],
      });
    }
  }
  const id = newId();
  const secret = randomToken(32);
  const row = {
    id,
    name: input.name.trim(),
    secretHash: sha256(secret),
    permissions: [...new Set(input.permissions)],
    sendAsMembers: input.sendAsMembers ?? false,
    createdAt: now(),
    createdBy: createdBy(actor),
  };
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values(row);
    await recordAudit(tx, actor, {
      action: 'api-key.create',
      targetType: 'api-key',
      targetId: id,
      after: { name: row.name, permissions: row.permissions, sendAsMembers: row.sendAsMembers },
      ...info,
    });
  });
  return {
    id,
    name: row.name,
    permissions: row.permissions,
    sendAsMembers: row.sendAsMembers,
    createdAt: row.createdAt,
    key: `${API_KEY_PREFIX}${id}.${secret}`,
  };
}

export const listApiKeys = (db: DbOrTx) =>
  db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      permissions: apiKeys.permissions,
      sendAsMembers: apiKeys.sendAsMembers,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));

export async function revokeApiKey(db: Db, actor: AdminActor, id: string, info: RequestInfo) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!row) throw new Problem('not-found', 'No such API key.');
  await assertWithinOwnRights(db, actor, row.permissions, { departmentPath: null }, 'Revoking this API key');
  await db.transaction(async (tx) => {
    await tx
      .update(apiKeys)
      .set({ revokedAt: now() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
    await recordAudit(tx, actor, { action: 'api-key.revoke', targetType: 'api-key', targetId: id, ...info });
  });
}

export const isApiKey = (bearer: string) => bearer.startsWith(API_KEY_PREFIX);

/**
 * A key acts with its permissions as far as its creator still holds them organisation-wide (issue 13: a demoted or
 * disabled admin's keys lose what the admin lost). Keys made from the command line have no creator to follow.
 */
async function keyGrants(db: DbOrTx, row: typeof apiKeys.$inferSelect): Promise<Grant[]> {
  const own = row.permissions.map((permission) => ({ permission, departmentId: null }));
  if (!row.createdBy) return own;
  const [creator] = await db
    .select({ id: members.id, disabled: members.disabled, isSuperAdmin: members.isSuperAdmin })
    .from(members)
    .where(eq(members.id, row.createdBy));
  if (!creator || creator.disabled)
    throw new Problem('token-invalid', 'The admin who created this API key is no longer active; create a new key.');
  const held = await loadGrants(db, creator.id, creator.isSuperAdmin);
  return own.filter((g) => held.some((h) => h.permission === g.permission && h.departmentId === null));
}

export async function actorFromApiKey(db: DbOrTx, bearer: string): Promise<Actor> {
  // Exactly `hk_<id>.<secret>`: an id (UUID) and a base64url secret, nothing before, between or after.
  const parts = /^hk_([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(bearer);
  const [, id, secret] = parts ?? [];
  const [row] = id ? await db.select().from(apiKeys).where(eq(apiKeys.id, id)) : [];
  if (!row || !secret || row.revokedAt || !safeEqual(row.secretHash, sha256(secret))) {
    throw new Problem('token-invalid', 'Unknown or revoked API key.');
  }
  return {
    kind: 'api-key',
    keyId: row.id,
    name: row.name,
    mustChangePassword: false,
    via: 'api-key',
    createdBy: row.createdBy,
    sendAsMembers: row.sendAsMembers,
    grants: await keyGrants(db, row),
  };
}
