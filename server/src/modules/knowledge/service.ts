import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { actorId, isOrgAdmin, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { inScope, scopeOf, type Scope } from '../auth/scope.js';
import { attachmentsOf, type AttachmentInfo } from '../attachments/service.js';
import { recordAudit } from '../audit/service.js';
import { contacts } from '../contacts/schema.js';
import { messageAccess, type MessageAccess } from '../messages/access.js';
import type { RichDoc } from '../messages/content/index.js';
import { messages } from '../messages/schema.js';
import { departments, memberDepartments, members } from '../org/schema.js';
import { tags } from '../tags/schema.js';
import { knowledgeDepartments, knowledgeItems, knowledgeTags } from './schema.js';
import { textConditions } from './search.js';

export type PublishInput = {
  messageId: string;
  everyone?: boolean | undefined;
  departmentIds?: string[] | undefined;
  tagIds?: string[] | undefined;
};
export type KnowledgeQuery = {
  q?: string | undefined;
  tagId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};
type ItemRow = typeof knowledgeItems.$inferSelect;

/**
 * Who reads the knowledge space: a member (session or embed token). `reach`: their departments and every department
 * above them (an item published to a department reaches its subtree); `moderator`: an organisation admin holding
 * `knowledge.publish` for the whole organisation, who sees and may unpublish every item.
 */
type Reader = { id: string; reach: string[]; publish: Scope | null; moderator: boolean };

/** The knowledge space belongs to the organisation's members: a contact or an API key has none (403). */
function memberOf(actor: Actor): string {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'The knowledge space belongs to members.');
  return actorId(actor);
}

async function readerOf(db: DbOrTx, actor: Actor): Promise<Reader> {
  const id = memberOf(actor);
  const [publish, rows] = await Promise.all([
    scopeOf(db, actor, 'knowledge.publish'),
    db
      .select({ path: departments.path })
      .from(departments)
      .where(
        or(
          sql`${departments.id} = (select ${members.departmentId} from ${members} where ${members.id} = ${id})`,
          sql`${departments.id} in (select ${memberDepartments.departmentId} from ${memberDepartments}
            where ${memberDepartments.memberId} = ${id})`,
        ),
      ),
  ]);
  // A path lists the ids from the root down (`/root/…/id/`): the department and all above it.
  const reach = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
  return { id, reach, publish, moderator: !!publish?.all && isOrgAdmin(actor) };
}

/** The items a reader finds: published to everyone or to a department above them, their own, or all (moderator). */
function readable(reader: Reader): SQL | undefined {
  if (reader.moderator) return undefined;
  return or(
    eq(knowledgeItems.everyone, true),
    eq(knowledgeItems.publishedBy, reader.id),
    reader.reach.length
      ? sql`exists (select 1 from ${knowledgeDepartments} kd where kd.item_id = ${knowledgeItems.id}
          and kd.department_id in ${reader.reach})`
      : undefined,
  );
}

/**
 * What a knowledge item shows needs its message's content: a message recalled, deleted, emptied by a purge or past its
 * expiry shows nothing (recall and delete unpublish at once, lifecycle.ts; this also covers an expiry added by a
 * later edit). Joins the item's message: the queries read `messages` through `crossJoin`, which SQLite never puts
 * before the items. Without planner statistics an inner join let it walk every message (the partial
 * `messages_retention_idx` looked cheap) looking for the few that are published: 17 ms per page with 100,000
 * messages, against 0.1 ms from the items' own index.
 */
const contentLive = (at: number): SQL =>
  and(
    eq(messages.id, knowledgeItems.messageId),
    eq(messages.status, 'sent'),
    isNull(messages.recalledAt),
    isNull(messages.deletedAt),
    isNull(messages.purgedAt),
    or(isNull(messages.expiresAt), sql`${messages.expiresAt} > ${at}`),
  )!;

/** The tag with its sub-tags (a tag's items include those filed under its children, as in the mailbox). */
const tagSubtree = (tagId: string) =>
  sql`with recursive subtree(id) as (select ${tagId} union select t.id from tags t join subtree s
    on t.parent_id = s.id) select id from subtree`;

/** Published items the caller finds, newest first; `q` as the inbox's search (Chinese too), `tagId` with subtags. */
export async function listKnowledge(db: DbOrTx, actor: Actor, query: KnowledgeQuery) {
  const reader = await readerOf(db, actor);
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'string'] as const) : null;
  const rows = await db
    .select({ item: knowledgeItems })
    .from(knowledgeItems)
    .crossJoin(messages)
    .where(
      and(
        readable(reader),
        contentLive(now()),
        query.tagId
          ? sql`${knowledgeItems.id} in (select kt.item_id from ${knowledgeTags} kt
              where kt.tag_id in (${tagSubtree(query.tagId)}))`
          : undefined,
        ...textConditions(knowledgeItems.messageId, query.q),
        after
          ? or(
              lt(knowledgeItems.publishedAt, after[0]),
              and(eq(knowledgeItems.publishedAt, after[0]), lt(knowledgeItems.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(knowledgeItems.publishedAt), desc(knowledgeItems.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit).map((r) => r.item);
  const last = page.at(-1);
  return {
    items: await views(db, reader, page, false),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

/** The organisation tags of the items the caller finds, with how many items each holds (the view's tag list). */
export async function knowledgeTagCounts(db: DbOrTx, actor: Actor) {
  const reader = await readerOf(db, actor);
  const rows = await db
    .select({ id: tags.id, name: tags.name, parentId: tags.parentId, count: sql<number>`count(*)` })
    .from(knowledgeTags)
    .innerJoin(knowledgeItems, eq(knowledgeItems.id, knowledgeTags.itemId))
    .crossJoin(messages)
    .innerJoin(tags, eq(tags.id, knowledgeTags.tagId))
    .where(and(readable(reader), contentLive(now())))
    .groupBy(tags.id, tags.name, tags.parentId)
    .orderBy(tags.name);
  const labels = await tagLabels(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, label: labels.get(r.id) ?? r.name, count: r.count })) };
}

/** Each organisation tag's full name, "项目 › 项目A › 需求" (organisation tags are few: read them all). */
async function tagLabels(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const all = await db
    .select({ id: tags.id, name: tags.name, parentId: tags.parentId })
    .from(tags)
    .where(isNull(tags.ownerId));
  const byId = new Map(all.map((t) => [t.id, t]));
  const label = (id: string, depth = 0): string => {
    const t = byId.get(id);
    if (!t) return '';
    return t.parentId && depth < 20 ? `${label(t.parentId, depth + 1)} › ${t.name}` : t.name;
  };
  return new Map(ids.map((id) => [id, label(id)]));
}

/** The views of items: the message's content as its sender wrote it, attachments, reach, tags and what may be done. */
async function views(db: DbOrTx, reader: Reader, items: ItemRow[], full: boolean) {
  if (!items.length) return [];
  const itemIds = items.map((i) => i.id);
  const messageIds = items.map((i) => i.messageId);
  const [msgs, depts, tagRows, files] = await Promise.all([
    db.select().from(messages).where(inArray(messages.id, messageIds)),
    db
      .select({ itemId: knowledgeDepartments.itemId, id: departments.id, name: departments.name })
      .from(knowledgeDepartments)
      .innerJoin(departments, eq(departments.id, knowledgeDepartments.departmentId))
      .where(inArray(knowledgeDepartments.itemId, itemIds)),
    db.select().from(knowledgeTags).where(inArray(knowledgeTags.itemId, itemIds)),
    attachmentsOf(db, messageIds),
  ]);
  const byMessage = new Map(msgs.map((m) => [m.id, m]));
  const people = [...new Set([...items.map((i) => i.publishedBy), ...msgs.map((m) => m.senderId)])];
  // A customer's reply that staff published is sent by a contact (its name, as every recipient saw it).
  const contactSenders = msgs.filter((m) => m.senderKind === 'contact').map((m) => m.senderId);
  const [names, contactNames, labels] = await Promise.all([
    db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, people)),
    contactSenders.length
      ? db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactSenders))
      : [],
    tagLabels(db, [...new Set(tagRows.map((t) => t.tagId))]),
  ]);
  const nameOf = new Map([...names, ...contactNames].map((n) => [n.id, n.name]));
  return items.map((item) => {
    const m = byMessage.get(item.messageId)!;
    const attachments: AttachmentInfo[] = files.get(m.id) ?? [];
    return {
      id: item.id,
      messageId: m.id,
      subject: m.subject,
      preview: m.preview,
      ...(full ? { body: m.body as RichDoc } : {}),
      kind: m.kind,
      sender: { kind: m.senderKind, id: m.senderId, name: nameOf.get(m.senderId) ?? '' },
      deliveredAt: m.deliveredAt,
      publishedBy: { id: item.publishedBy, name: nameOf.get(item.publishedBy) ?? '' },
      publishedAt: item.publishedAt,
      everyone: item.everyone,
      departments: depts.filter((d) => d.itemId === item.id).map((d) => ({ id: d.id, name: d.name })),
      tags: tagRows.filter((t) => t.itemId === item.id).map((t) => ({ id: t.tagId, label: labels.get(t.tagId) ?? '' })),
      attachments,
      can: { unpublish: mayUnpublish(reader, item) },
    };
  });
}

const mayUnpublish = (reader: Reader, item: ItemRow) => reader.moderator || item.publishedBy === reader.id;

/** An item the caller finds, with its message live; any other id is `not-found` (its existence is not told). */
async function loadReadable(db: DbOrTx, actor: Actor, id: string) {
  const reader = await readerOf(db, actor);
  const [row] = await db
    .select({ item: knowledgeItems })
    .from(knowledgeItems)
    .crossJoin(messages)
    .where(and(eq(knowledgeItems.id, id), readable(reader), contentLive(now())));
  if (!row) throw new Problem('not-found', 'No such knowledge item.');
  return { reader, item: row.item };
}

/** One item, read-only, with its body and attachments. */
export async function getKnowledge(db: DbOrTx, actor: Actor, id: string) {
  const { reader, item } = await loadReadable(db, actor, id);
  return (await views(db, reader, [item], true))[0]!;
}

/**
 * A file of an item the caller finds (issue 19 #7: download access comes from the knowledge entry, not from a mailbox
 * entry, so a member who joined after the message was sent may download it). Any other pair is `not-found`.
 */
export async function knowledgeAttachment(db: DbOrTx, actor: Actor, id: string, attachmentId: string) {
  const { item } = await loadReadable(db, actor, id);
  const files = (await attachmentsOf(db, [item.messageId])).get(item.messageId) ?? [];
  if (!files.some((f) => f.id === attachmentId)) throw new Problem('not-found', 'No such attachment.');
  return attachmentId;
}

/**
 * Whether the caller may publish this message: they sent it, or received it and may still forward it (their own
 * entry, content not hidden) — the same rule as forwarding (issue 20 #4), so knowledge never shows what its publisher
 * could not pass on. Null: the caller may not know the message exists.
 */
function publishable(access: MessageAccess | null, at: number): 'ok' | 'gone' | 'expiring' | null {
  if (!access || !(access.sender || access.entry)) return null;
  const m = access.message;
  if (m.status !== 'sent' || m.recalledAt !== null || m.deletedAt !== null || m.purgedAt !== null) return 'gone';
  if (m.expiresAt !== null) return m.expiresAt <= at ? 'gone' : 'expiring';
  return 'ok';
}

const PUBLISH_REFUSED = {
  gone: () => new Problem('conflict', 'This message can no longer be published (recalled, deleted or removed).'),
  // Knowledge is kept until unpublished; a message "void after" a time says its content must not outlive it.
  expiring: () => new Problem('conflict', 'A message with an expiry cannot be published to the knowledge space.'),
};

/** Where the caller may publish and whether `message.manage`-style scope covers departments (org-wide: anywhere). */
async function checkReach(db: DbOrTx, scope: Scope, input: PublishInput): Promise<string[]> {
  const ids = [...new Set(input.departmentIds ?? [])];
  if (input.everyone === true ? ids.length > 0 : ids.length === 0) {
    throw new Problem('validation', 'Publish to everyone or to some departments.', {
      errors: [{ path: 'departmentIds', code: 'invalid-value', message: 'Either everyone: true or departments' }],
    });
  }
  if (input.everyone) {
    if (!scope.all) throw new Problem('forbidden', 'Your "knowledge.publish" reaches only some departments.');
    return [];
  }
  const rows = await db
    .select({ id: departments.id, path: departments.path })
    .from(departments)
    .where(inArray(departments.id, ids));
  const paths = new Map(rows.map((r) => [r.id, r.path]));
  const errors = ids.flatMap((id, i) =>
    paths.has(id)
      ? []
      : [{ path: `departmentIds.${i}`, code: 'unknown-department' as const, message: 'No such department' }],
  );
  if (errors.length) throw new Problem('validation', 'Some departments do not exist.', { errors });
  if (!ids.every((id) => inScope(scope, paths.get(id)!)))
    throw new Problem('forbidden', 'Your "knowledge.publish" does not reach all of these departments.');
  return ids;
}

async function checkTags(db: DbOrTx, tagIds: string[]): Promise<void> {
  if (!tagIds.length) return;
  const found = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(inArray(tags.id, tagIds), isNull(tags.ownerId)));
  const known = new Set(found.map((t) => t.id));
  const errors = tagIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `tagIds.${i}`, code: 'invalid-value' as const, message: 'Not an organisation tag' }],
  );
  if (errors.length) throw new Problem('validation', 'Knowledge is filed under organisation tags.', { errors });
}

/** Issue 19 #7: publishes a message (with its attachments) to everyone or to departments; audited. */
export async function publishKnowledge(db: Db, actor: Actor, input: PublishInput, info: RequestInfo) {
  const reader = await readerOf(db, actor);
  if (!reader.publish) throw new Problem('forbidden', 'Publishing to the knowledge space needs "knowledge.publish".');
  const scope = reader.publish;
  const id = newId();
  const tagIds = [...new Set(input.tagIds ?? [])];
  await db.transaction(async (tx) => {
    const state = publishable(await messageAccess(tx, actor, input.messageId), now());
    if (state === null) throw new Problem('not-found', 'No such message.');
    if (state !== 'ok') throw PUBLISH_REFUSED[state]();
    const departmentIds = await checkReach(tx, scope, input);
    await checkTags(tx, tagIds);
    const [existing] = await tx
      .select({ id: knowledgeItems.id })
      .from(knowledgeItems)
      .where(eq(knowledgeItems.messageId, input.messageId));
    if (existing) throw new Problem('conflict', 'This message is already in the knowledge space.');
    await tx.insert(knowledgeItems).values({
      id,
      messageId: input.messageId,
      publishedBy: reader.id,
      everyone: input.everyone === true,
      publishedAt: now(),
    });
    if (departmentIds.length)
      await tx.insert(knowledgeDepartments).values(departmentIds.map((departmentId) => ({ itemId: id, departmentId })));
    if (tagIds.length) await tx.insert(knowledgeTags).values(tagIds.map((tagId) => ({ itemId: id, tagId })));
    await recordAudit(tx, actor, {
      action: 'knowledge.publish',
      targetType: 'message',
      targetId: input.messageId,
      after: { itemId: id, everyone: input.everyone === true, departmentIds, tagIds },
      ...info,
    });
  });
  return getKnowledge(db, actor, id);
}

/** Takes an item out of the knowledge space: its publisher, or an organisation admin holding the permission. */
export async function unpublishKnowledge(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  const reader = await readerOf(db, actor);
  const [item] = await db.select().from(knowledgeItems).where(eq(knowledgeItems.id, id));
  // Whoever may not find it is told nothing (404); whoever finds it but may not remove it, 403.
  if (!item) throw new Problem('not-found', 'No such knowledge item.');
  if (!mayUnpublish(reader, item)) {
    await loadReadable(db, actor, id);
    throw new Problem(
      'forbidden',
      'Only its publisher or an organisation admin with "knowledge.publish" unpublishes it.',
    );
  }
  await db.transaction(async (tx) => {
    await tx.delete(knowledgeItems).where(eq(knowledgeItems.id, id));
    await recordAudit(tx, actor, {
      action: 'knowledge.unpublish',
      targetType: 'message',
      targetId: item.messageId,
      before: { itemId: id, publishedBy: item.publishedBy, everyone: item.everyone },
      ...info,
    });
  });
}

/**
 * The reading pane's question (issue 19 #7): is this message in the knowledge space, and may the caller publish or
 * unpublish it? The "Publish to knowledge space" action shows only when `can.publish` says so. Whoever may not read
 * the message gets `not-found`.
 */
export async function knowledgeOfMessage(db: DbOrTx, actor: Actor, messageId: string) {
  const reader = await readerOf(db, actor);
  const access = await messageAccess(db, actor, messageId);
  const state = publishable(access, now());
  if (state === null && !(access && (access.viewer || access.manager))) throw new Problem('not-found');
  const [item] = await db.select().from(knowledgeItems).where(eq(knowledgeItems.messageId, messageId));
  const seen = item
    ? await db
        .select({ id: knowledgeItems.id })
        .from(knowledgeItems)
        .where(and(eq(knowledgeItems.id, item.id), readable(reader)))
    : [];
  const shown = item && seen.length ? (await views(db, reader, [item], false))[0]! : null;
  return {
    item: shown,
    can: { publish: !!reader.publish && state === 'ok' && !item, unpublish: !!item && mayUnpublish(reader, item) },
  };
}
