import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { unreadAt } from '../mailbox/query.js';
import { tags } from './schema.js';
import { dialect } from '../../db/dialect.js';

/** Colour tokens a tag may carry (the widgets map them to their palette; never CSS). */
export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type TagColor = (typeof TAG_COLORS)[number];
export const TAG_SCOPES = ['organisation', 'personal'] as const;
export type TagScope = (typeof TAG_SCOPES)[number];
export const TAG_LIMITS = { maxDepth: 10, organisation: 1000, personal: 200 } as const;

export type TagRow = typeof tags.$inferSelect;
export type TagItem = {
  id: string;
  parentId: string | null;
  name: string;
  color: TagColor | null;
  scope: TagScope;
  position: number;
  count: number;
  unread: number;
};

const scopeOfTag = (t: TagRow): TagScope => (t.ownerId === null ? 'organisation' : 'personal');

/** The caller's mailbox owner id: tags belong to mailboxes, which API keys do not have. */
function tagOwner(actor: Actor): string {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no mailbox and no tags.');
  return actorId(actor);
}

/** Organisation tags are managed with `message.manage` (any scope) or `org.admin`; personal ones by their owner. */
function requireTagWriter(actor: Actor, scope: TagScope): string | null {
  if (scope === 'personal') return tagOwner(actor);
  if (actor.kind === 'contact' || (!hasPermission(actor, 'message.manage') && !hasPermission(actor, 'org.admin'))) {
    throw new Problem('forbidden', 'Organisation tags need "message.manage" or "org.admin".');
  }
  return null;
}

const fieldProblem = (path: string, code: FieldError['code'], message: string) =>
  new Problem('validation', message, { errors: [{ path, code, message }] });

/**
 * Which tags the caller sees: members the organisation tree and their own; external contacts only their own (the
 * organisation's tree is internal, issue 14); an API key the organisation tree.
 */
function seenBy(actor: Actor) {
  if (actor.kind === 'api-key') return isNull(tags.ownerId);
  if (actor.kind === 'contact') return eq(tags.ownerId, actorId(actor));
  return or(isNull(tags.ownerId), eq(tags.ownerId, actorId(actor)));
}

/** A tag the caller may see (see `seenBy`), else 404: another person's tags are not known to exist. */
export async function visibleTag(db: DbOrTx, actor: Actor, id: string): Promise<TagRow> {
  const [tag] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), seenBy(actor)));
  if (!tag) throw new Problem('not-found');
  return tag;
}

/** Depth of a tag (a root is 1), by walking up its parents in one recursive query. */
async function depthOf(db: DbOrTx, id: string): Promise<number> {
  const [row] = await dialect.all<{ depth: number }>(
    db,
    sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 1 from tags where id = ${id}
      union all select t.id, t.parent_id, up.depth + 1 from tags t join up on t.id = up.parent_id where up.depth < 100
    ) select max(depth) as depth from up`,
  );
  return Number(row?.depth ?? 0);
}

/** Ids of a tag and all its descendants, and how many levels the subtree spans (the tag alone: 1). */
async function subtreeOf(db: DbOrTx, id: string): Promise<{ ids: string[]; height: number }> {
  const rows = await dialect.all<{ id: string; level: number }>(
    db,
    sql`
    with recursive down(id, level) as (
      select id, 1 from tags where id = ${id}
      union all select t.id, down.level + 1 from tags t join down on t.parent_id = down.id where down.level < 100
    ) select id, level from down`,
  );
  return { ids: rows.map((r) => r.id), height: Math.max(0, ...rows.map((r) => Number(r.level))) };
}

const sameOwner = (ownerId: string | null) => (ownerId === null ? isNull(tags.ownerId) : eq(tags.ownerId, ownerId));
const sameParent = (parentId: string | null) =>
  parentId === null ? isNull(tags.parentId) : eq(tags.parentId, parentId);

/** `409 conflict` when a sibling (same owner and parent) already has the name, compared case-insensitively. */
async function assertNameFree(
  db: DbOrTx,
  ownerId: string | null,
  parentId: string | null,
  name: string,
  except?: string,
) {
  const [clash] = await db
    .select({ id: tags.id })
    .from(tags)
    .where(
      and(
        sameOwner(ownerId),
        sameParent(parentId),
        dialect.ciEq(tags.name, name),
        except ? ne(tags.id, except) : undefined,
      ),
    );
  if (clash) throw new Problem('conflict', `A tag named "${name}" already exists here.`);
}

/** The parent must be a tag of the same scope and owner (else `unknown-tag`). */
async function parentFor(db: DbOrTx, ownerId: string | null, parentId: string): Promise<TagRow> {
  const [parent] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.id, parentId), sameOwner(ownerId)));
  if (!parent) throw fieldProblem('parentId', 'unknown-tag', 'No such tag of the same scope.');
  return parent;
}

/**
 * `tags.updated` for whoever sees the tag: its owner (personal), or every member (organisation, one
 * `INSERT … SELECT`, as the tree is shared by them; contacts do not see it).
 */
async function announce(db: DbOrTx, actor: Actor, ownerId: string | null, payload: Record<string, unknown>) {
  if (ownerId !== null) {
    await publishEvent(
      db,
      [{ kind: actor.kind === 'contact' ? 'contact' : 'member', id: ownerId }],
      'tags.updated',
      payload,
    );
    return;
  }
  const at = now(),
    json = JSON.stringify(payload);
  await dialect.run(
    db,
    sql`
    insert into events (at, audience_kind, audience_id, type, payload)
    select ${at}, 'member', id, 'tags.updated', ${json} from members where disabled = false`,
  );
}

const isUniqueViolation = (e: unknown) =>
  /UNIQUE constraint failed/i.test(String((e as { message?: string })?.message ?? e)) ||
  /UNIQUE constraint failed/i.test(String((e as { cause?: { message?: string } })?.cause?.message ?? ''));

/**
 * The organisation tree (not for external contacts) and the caller's personal tags (R11), each with `count`/`unread` of
 * the caller's own
 * entries carrying exactly that tag (not deleted): one grouped query; the widget sums subtrees.
 */
export async function listTags(db: DbOrTx, actor: Actor): Promise<{ items: TagItem[] }> {
  const ownerId = tagOwner(actor);
  const rows = await dialect.all<{
    id: string;
    parentId: string | null;
    name: string;
    color: TagColor | null;
    ownerId: string | null;
    position: number;
    count: number;
    unread: number;
  }>(
    db,
    sql`
    select t.id as id, t.parent_id as "parentId", t.name as name, t.color as color, t.owner_id as "ownerId",
      t.position as position,
      coalesce(c.count, 0) as count, coalesce(c.unread, 0) as unread
    from tags t left join (
      select mt.tag_id as tag_id, count(*) as count, sum(case when ${unreadAt(now())} then 1 else 0 end) as unread
      from mailbox_tags mt
      join mailbox mb on mb.owner_id = mt.owner_id and mb.message_id = mt.message_id
      join messages m on m.id = mt.message_id
      where mt.owner_id = ${ownerId} and mb.deleted_at is null and m.deleted_at is null and m.status = 'sent'
      group by mt.tag_id
    ) c on c.tag_id = t.id
    where ${
      actor.kind === 'contact'
        ? sql`t.owner_id = ${ownerId}`
        : sql`(t.owner_id is null
      or t.owner_id = ${ownerId})`
    }
    order by t.owner_id is not null, t.position, ${dialect.ciOrder(sql`t.name`)}, t.id`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      name: r.name,
      color: r.color,
      scope: r.ownerId === null ? 'organisation' : 'personal',
      position: Number(r.position),
      count: Number(r.count),
      unread: Number(r.unread),
    })),
  };
}

export type TagDraft = {
  scope: TagScope;
  parentId?: string | null | undefined;
  name: string;
  color?: TagColor | null | undefined;
};

export async function createTag(db: Db, actor: Actor, draft: TagDraft, info: RequestInfo): Promise<TagItem> {
  const ownerId = requireTagWriter(actor, draft.scope);
  const name = draft.name.trim();
  try {
    return await db.transaction(async (tx) => {
      const parentId = draft.parentId ?? null;
      if (parentId) {
        await parentFor(tx, ownerId, parentId);
        if ((await depthOf(tx, parentId)) + 1 > TAG_LIMITS.maxDepth)
          throw fieldProblem('parentId', 'tag-too-deep', `Tags nest at most ${TAG_LIMITS.maxDepth} levels.`);
      }
      const limit = ownerId === null ? TAG_LIMITS.organisation : TAG_LIMITS.personal;
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(tags)
        .where(sameOwner(ownerId));
      if (Number(n) >= limit)
        throw new Problem('conflict', `At most ${limit} ${ownerId === null ? 'organisation' : 'personal'} tags.`);
      await assertNameFree(tx, ownerId, parentId, name);
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${tags.position}) + 1, 0)` })
        .from(tags)
        .where(and(sameOwner(ownerId), sameParent(parentId)));
      const t = now();
      const row: TagRow = {
        id: newId(),
        ownerId,
        parentId,
        name,
        color: draft.color ?? null,
        position: Number(next),
        createdBy: actorId(actor),
        createdAt: t,
        updatedAt: t,
      };
      await tx.insert(tags).values(row);
      if (ownerId === null)
        await recordAudit(tx, actor, {
          action: 'tag.create',
          targetType: 'tag',
          targetId: row.id,
          after: { name, parentId, color: row.color },
          ...info,
        });
      await announce(tx, actor, ownerId, { tagId: row.id, scope: draft.scope, change: 'created' });
      return {
        id: row.id,
        parentId,
        name,
        color: row.color as TagColor | null,
        scope: draft.scope,
        position: row.position,
        count: 0,
        unread: 0,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem('conflict', `A tag named "${name}" already exists here.`);
    throw e;
  }
}

export type TagPatch = {
  name?: string | undefined;
  parentId?: string | null | undefined;
  color?: TagColor | null | undefined;
  position?: number | undefined;
};

export async function updateTag(
  db: Db,
  actor: Actor,
  id: string,
  patch: TagPatch,
  info: RequestInfo,
): Promise<TagItem> {
  try {
    return await db.transaction(async (tx) => {
      const tag = await visibleTag(tx, actor, id);
      requireTagWriter(actor, scopeOfTag(tag));
      const parentId = patch.parentId === undefined ? tag.parentId : patch.parentId;
      const name = patch.name?.trim() ?? tag.name;
      if (parentId !== tag.parentId && parentId !== null) {
        await parentFor(tx, tag.ownerId, parentId);
        const subtree = await subtreeOf(tx, id);
        if (subtree.ids.includes(parentId))
          throw fieldProblem('parentId', 'tag-cycle', 'A tag cannot move under itself or one of its descendants.');
        if ((await depthOf(tx, parentId)) + subtree.height > TAG_LIMITS.maxDepth)
          throw fieldProblem('parentId', 'tag-too-deep', `Tags nest at most ${TAG_LIMITS.maxDepth} levels.`);
      }
      if (parentId !== tag.parentId || name.toLowerCase() !== tag.name.toLowerCase())
        await assertNameFree(tx, tag.ownerId, parentId, name, id);
      const next: TagRow = {
        ...tag,
        name,
        parentId,
        color: patch.color === undefined ? tag.color : patch.color,
        position: patch.position ?? tag.position,
        updatedAt: now(),
      };
      const unchanged =
        next.name === tag.name &&
        next.parentId === tag.parentId &&
        next.color === tag.color &&
        next.position === tag.position;
      if (unchanged) return { ...itemOf(tag), ...(await listCounts(tx, actor, id)) };
      await tx
        .update(tags)
        .set({
          name: next.name,
          parentId: next.parentId,
          color: next.color,
          position: next.position,
          updatedAt: next.updatedAt,
        })
        .where(eq(tags.id, id));
      if (tag.ownerId === null) {
        await recordAudit(tx, actor, {
          action: 'tag.update',
          targetType: 'tag',
          targetId: id,
          before: { name: tag.name, parentId: tag.parentId, color: tag.color, position: tag.position },
          after: { name: next.name, parentId: next.parentId, color: next.color, position: next.position },
          ...info,
        });
      }
      await announce(tx, actor, tag.ownerId, { tagId: id, scope: scopeOfTag(tag), change: 'updated' });
      return { ...itemOf(next), ...(await listCounts(tx, actor, id)) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem('conflict', 'A sibling tag already has this name.');
    throw e;
  }
}

const itemOf = (t: TagRow) => ({
  id: t.id,
  parentId: t.parentId,
  name: t.name,
  color: t.color as TagColor | null,
  scope: scopeOfTag(t),
  position: t.position,
});

/** The caller's count and unread for one tag (an API key has no mailbox: zero). */
async function listCounts(db: DbOrTx, actor: Actor, tagId: string): Promise<{ count: number; unread: number }> {
  if (actor.kind === 'api-key') return { count: 0, unread: 0 };
  const ownerId = actorId(actor);
  const [row] = await dialect.all<{ count: number; unread: number }>(
    db,
    sql`
    select count(*) as count, coalesce(sum(case when ${unreadAt(now())} then 1 else 0 end), 0) as unread
    from mailbox_tags mt
    join mailbox mb on mb.owner_id = mt.owner_id and mb.message_id = mt.message_id
    join messages m on m.id = mt.message_id
    where mt.owner_id = ${ownerId} and mt.tag_id = ${tagId} and mb.deleted_at is null and m.deleted_at is null
      and m.status = 'sent'`,
  );
  return { count: Number(row?.count ?? 0), unread: Number(row?.unread ?? 0) };
}

/** Removes the tag, its descendants and their assignments (never the messages). */
export async function deleteTag(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  await db.transaction(async (tx) => {
    const tag = await visibleTag(tx, actor, id);
    requireTagWriter(actor, scopeOfTag(tag));
    const subtree = await subtreeOf(tx, id);
    // Explicit rather than relying on the self-referencing cascade alone; mailbox_tags rows go by their FK cascade.
    await dialect.run(
      tx,
      sql`delete from mailbox_tags where tag_id in ${dialect.jsonValues(JSON.stringify(subtree.ids))}`,
    );
    await dialect.run(tx, sql`delete from tags where id in ${dialect.jsonValues(JSON.stringify(subtree.ids))}`);
    if (tag.ownerId === null) {
      await recordAudit(tx, actor, {
        action: 'tag.delete',
        targetType: 'tag',
        targetId: id,
        before: { name: tag.name, parentId: tag.parentId, removedTagIds: subtree.ids },
        ...info,
      });
    }
    await announce(tx, actor, tag.ownerId, { tagId: id, scope: scopeOfTag(tag), change: 'deleted' });
  });
}

/** A tag the caller may put on their own entries (one they see, see `seenBy`), else field `tagId` `unknown-tag`. */
export async function usableTag(db: DbOrTx, actor: Actor, tagId: string): Promise<TagRow> {
  tagOwner(actor);
  const [tag] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.id, tagId), seenBy(actor)));
  if (!tag) throw fieldProblem('tagId', 'unknown-tag', 'No such tag, or not one of yours.');
  return tag;
}
