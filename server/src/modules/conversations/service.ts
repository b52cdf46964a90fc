import { assertInlineImages } from '../messages/inline-images.js';
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { claimAttachments } from '../attachments/service.js';
import { recordAudit } from '../audit/service.js';
import { countAction } from '../auth/throttle.js';
import { contacts } from '../contacts/schema.js';
import { groups } from '../groups/schema.js';
import { publishEvent } from '../live/service.js';
import { checkedBody } from '../messages/body.js';
import { previewOf, type RichDoc } from '../messages/content/index.js';
import { deliverMessage, sentAtInsert } from '../messages/deliver.js';
import { replayed, requestHash, withKeyRetry } from '../messages/idempotency.js';
import { countAudience, type CheckedAudience } from '../messages/recipients.js';
import { insertAudience, insertMessage, newMessageRow } from '../messages/send-sql.js';
import { sendConfig } from '../messages/send-config.js';
import { members } from '../org/schema.js';
import { conversationAudience, membersOfGroup, workedBy } from './access.js';
import { customerConversations, type ConversationStatus, type ConversationTarget } from './schema.js';
import { serviceGroupIds } from './settings.js';

export type OpenInput = {
  to: ConversationTarget;
  groupId?: string | undefined;
  subject: string;
  body: RichDoc;
  attachmentIds?: string[] | undefined;
};
export type ConversationPatch = { status?: ConversationStatus | undefined; assigneeId?: string | null | undefined };
export type ConversationQuery = {
  status?: ConversationStatus | undefined;
  assignee?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
};

type Row = typeof customerConversations.$inferSelect;
export type ConversationView = {
  id: string;
  subject: string;
  status: ConversationStatus;
  target: ConversationTarget;
  group: { id: string; name: string } | null;
  contact: { id: string; name: string; company: string | null };
  /** A customer sees the name only (review: no member id); staff get the id to assign and filter by. */
  assignee: { id?: string; name: string } | null;
  openedAt: number;
  updatedAt: number;
  can: { update: boolean };
};

const MAX_SUBJECT = 200;
/** Conversations a customer may open: 10 in 15 minutes, then locked for a minute, doubling (throttle.ts). */
export const OPEN_LIMIT = { freeFailures: 10, baseLockMs: 60_000, maxLockMs: 15 * 60_000 } as const;
const staffOnly = () => new Problem('forbidden', 'Only staff work the customer queue.');

/** Whom a contact may open a conversation with: their owner (if any) and the service groups the admin chose. */
export async function conversationTargets(db: DbOrTx, actor: Actor) {
  if (actor.kind !== 'contact') throw new Problem('forbidden', 'Customers open conversations from the portal.');
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(contacts)
    .innerJoin(members, and(eq(members.id, contacts.ownerMemberId), eq(members.disabled, false)))
    .where(eq(contacts.id, actor.subject.id));
  const ids = await serviceGroupIds(db);
  const list = ids.length
    ? await db
        .select({ id: groups.id, name: groups.name })
        .from(groups)
        .where(and(inArray(groups.id, ids), or(sql`${groups.endsAt} is null`, sql`${groups.endsAt} > ${now()}`)))
        .orderBy(groups.name)
    : [];
  // The owner's name only: a customer learns whom they write to, nothing else of the organisation.
  return { owner: row ? { name: row.name } : null, groups: list };
}

/** The audience entry a new conversation goes to, checked: the contact's active owner, or an offered service group. */
async function addressee(db: DbOrTx, actor: Actor & { kind: 'contact' }, input: OpenInput) {
  if (input.to === 'owner') {
    const [row] = await db
      .select({ id: members.id, name: members.name })
      .from(contacts)
      .innerJoin(members, and(eq(members.id, contacts.ownerMemberId), eq(members.disabled, false)))
      .where(eq(contacts.id, actor.subject.id));
    if (!row) throw new Problem('conflict', 'You have no contact person to write to; choose a service group.');
    const entry: CheckedAudience = { kind: 'member', targetId: row.id, includeSubdepartments: true, label: row.name };
    return { entry, groupId: null, ownerMemberId: row.id };
  }
  const targets = await conversationTargets(db, actor);
  const group = targets.groups.find((g) => g.id === input.groupId);
  if (!group)
    throw new Problem('validation', 'Choose one of the offered service groups.', {
      errors: [{ path: 'groupId', code: 'unknown-group', message: 'Not a service group open to customers' }],
    });
  const entry: CheckedAudience = { kind: 'group', targetId: group.id, includeSubdepartments: true, label: group.name };
  return { entry, groupId: group.id, ownerMemberId: null };
}

/**
 * A customer opens a conversation (issue 19 item 5, S7): one external message from the contact to their owner or a
 * service group, delivered like any other (mailbox rows, search, live, notifications), and its queue row — one
 * transaction. Only the group's members receive it: a service group's contacts never see another customer's message.
 */
export async function openConversation(
  db: Db,
  actor: Actor,
  input: OpenInput,
  info: RequestInfo,
  key?: string,
): Promise<{ conversation: ConversationView; replayed: boolean }> {
  if (actor.kind !== 'contact') throw new Problem('forbidden', 'Customers open conversations from the portal.');
  const t = now();
  const subject = input.subject.trim().slice(0, MAX_SUBJECT);
  if (!subject)
    throw new Problem('validation', 'A subject is needed.', {
      errors: [{ path: 'subject', code: 'required', message: 'Required' }],
    });
  const senderId = actor.subject.id;
  const hash = key ? requestHash({ conversation: input }) : '';
  // Review: a portal (or a script holding its token) cannot flood the staff's inboxes. A retry of a request that was
  // answered is not counted (the form retries with its key after a network error, and must get its answer back).
  if (!(await replayed(db, senderId, key, hash)))
    await countAction(db, `conversation-open:${actor.subject.id}`, OPEN_LIMIT);
  const outcome = await withKeyRetry(db, senderId, key, hash, () =>
    db.transaction(async (tx): Promise<{ id: string; replayed: boolean }> => {
      const prior = await replayed(tx, senderId, key, hash);
      if (prior) return { id: prior.id, replayed: true };
      const to = await addressee(tx, actor, input);
      const { config } = await sendConfig(tx, null);
      const body = await checkedBody(tx, input.body, config.messaging, actor);
      const audience = [to.entry];
      const counts = await countAudience(tx, 'internal', audience, actor.subject.id);
      if (counts.total === 0) throw new Problem('no-recipients', 'Nobody is there to answer; choose another.');
      const id = newId();
      const sent = sentAtInsert(audience);
      const row = newMessageRow({
        id,
        threadId: id,
        parentId: null,
        senderKind: 'contact',
        senderId: actor.subject.id,
        senderDepartmentId: null,
        kind: 'external',
        priority: 'normal',
        subject,
        body: body.doc,
        bodyText: body.text,
        preview: previewOf(body.text),
        links: body.links,
        receiptRequired: false,
        expiresInMs: null,
        expiresAt: null,
        dueAt: null,
        status: sent ? 'sent' : 'pending-approval',
        recipientCount: sent ? counts.total : 0,
        deliveredAt: sent ? t : null,
        idempotencyKey: key ?? null,
        requestHash: key ? hash : null,
        createdAt: t,
        updatedAt: t,
        scheduledAt: null,
        forwardOf: null,
      });
      await insertMessage(tx, row);
      await insertAudience(tx, [{ id: newId(), messageId: id, ...to.entry, resolvedCount: counts.total }]);
      const files = await claimAttachments(tx, actor, input.attachmentIds ?? [], id);
      // Issue 20 #9: an image in the body is one of this message's own files (review: it was not checked here).
      await assertInlineImages(tx, id, body.images);
      // Delivered as 'internal' so that a group's contact entries are left out; the message stays external.
      const delivered = await deliverMessage(
        tx,
        { ...row, kind: 'internal', audience, hasAttachments: files.length > 0 },
        t,
        config.notify,
      );
      await tx.insert(customerConversations).values({
        id,
        contactId: actor.subject.id,
        target: input.to,
        groupId: to.groupId,
        ownerMemberId: to.ownerMemberId,
        subject,
        status: 'open',
        assigneeId: null,
        openedAt: t,
        updatedAt: t,
      });
      await recordAudit(tx, actor, {
        action: 'conversation.open',
        targetType: 'conversation',
        targetId: id,
        after: {
          to: input.to,
          groupId: to.groupId,
          ownerMemberId: to.ownerMemberId,
          subject,
          recipientCount: delivered.delivered,
          attachments: files.map((f) => f.name),
        },
        ...info,
      });
      const audience2 = await conversationAudience(tx, { id, contactId: actor.subject.id, assigneeId: null });
      await publishEvent(tx, audience2, 'conversation.opened', { conversationId: id, status: 'open' });
      return { id, replayed: false };
    }),
  );
  return { conversation: await getConversation(db, actor, outcome.id), replayed: outcome.replayed };
}

/** The condition on `customer_conversations` for what a caller may see (null: everything). */
async function visibleTo(db: DbOrTx, actor: Actor): Promise<SQL | null> {
  if (actor.kind === 'contact') return eq(customerConversations.contactId, actor.subject.id);
  if (actor.kind !== 'member') throw staffOnly();
  return workedBy(db, actor);
}

const encodeCursor = (r: Row) => `${r.updatedAt}.${r.id}`;
function decodeCursor(cursor: string): [number, string] {
  const dot = cursor.indexOf('.');
  const at = Number(cursor.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(at))
    throw new Problem('validation', 'Bad cursor.', {
      errors: [{ path: 'cursor', code: 'invalid-value', message: 'Not a cursor from this list' }],
    });
  return [at, cursor.slice(dot + 1)];
}

/** The queue (staff) or one's own conversations (a contact): most recently changed first, 50 a page. */
export async function listConversations(db: DbOrTx, actor: Actor, q: ConversationQuery) {
  const limit = q.limit ?? 50;
  const where: SQL[] = [];
  const visible = await visibleTo(db, actor);
  if (visible) where.push(visible);
  if (q.status) where.push(eq(customerConversations.status, q.status));
  if (q.assignee === 'none') where.push(sql`${customerConversations.assigneeId} is null`);
  else if (q.assignee === 'me' && actor.kind === 'member')
    where.push(eq(customerConversations.assigneeId, actor.subject.id));
  else if (q.assignee && q.assignee !== 'me') where.push(eq(customerConversations.assigneeId, q.assignee));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    where.push(
      or(
        lt(customerConversations.updatedAt, at),
        and(eq(customerConversations.updatedAt, at), lt(customerConversations.id, id)),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(customerConversations)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(customerConversations.updatedAt), desc(customerConversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await views(db, actor, page),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** One conversation the caller may see, else 404 (a contact never learns of another's). */
export async function getConversation(db: DbOrTx, actor: Actor, id: string): Promise<ConversationView> {
  const row = await visibleRow(db, actor, id);
  const [view] = await views(db, actor, [row]);
  return view!;
}

async function visibleRow(db: DbOrTx, actor: Actor, id: string): Promise<Row> {
  const visible = await visibleTo(db, actor);
  const cond = eq(customerConversations.id, id);
  const [row] = await db
    .select()
    .from(customerConversations)
    .where(visible ? and(cond, visible) : cond);
  if (!row) throw new Problem('not-found');
  return row;
}

/** What a caller sees of an assignee: a support desk shows a customer the agent's name, nothing internal. */
const assigneeFor = (actor: Actor, m: { id: string; name: string }) =>
  actor.kind === 'contact' ? { name: m.name } : m;

/** Rows with the names they show, read for the whole page at once. */
async function views(db: DbOrTx, actor: Actor, rows: Row[]): Promise<ConversationView[]> {
  if (!rows.length) return [];
  const contactIds = [...new Set(rows.map((r) => r.contactId))];
  const memberIds = [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))];
  const groupIds = [...new Set(rows.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const [cs, ms, gs] = await Promise.all([
    db
      .select({ id: contacts.id, name: contacts.name, company: contacts.company })
      .from(contacts)
      .where(inArray(contacts.id, contactIds)),
    memberIds.length
      ? db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, memberIds))
      : [],
    groupIds.length
      ? db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds))
      : [],
  ]);
  const contactsById = new Map(cs.map((c) => [c.id, c]));
  const membersById = new Map(ms.map((m) => [m.id, m]));
  const groupsById = new Map(gs.map((g) => [g.id, g]));
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    status: r.status,
    target: r.target,
    group: r.groupId ? (groupsById.get(r.groupId) ?? { id: r.groupId, name: '' }) : null,
    contact: contactsById.get(r.contactId) ?? { id: r.contactId, name: '', company: null },
    assignee: r.assigneeId ? assigneeFor(actor, membersById.get(r.assigneeId) ?? { id: r.assigneeId, name: '' }) : null,
    openedAt: r.openedAt,
    updatedAt: r.updatedAt,
    can: { update: actor.kind === 'member' },
  }));
}

/** The members a conversation may be assigned to: its group's members now, or the contact's owner (and the caller). */
export async function assigneeChoices(db: DbOrTx, actor: Actor, id: string) {
  if (actor.kind !== 'member') throw staffOnly();
  const row = await visibleRow(db, actor, id);
  const people = new Map<string, string>([[actor.subject.id, actor.subject.name]]);
  if (row.groupId) for (const m of await membersOfGroup(db, row.groupId)) people.set(m.id, m.name);
  const [owner] = await db
    .select({ id: members.id, name: members.name })
    .from(contacts)
    .innerJoin(members, and(eq(members.id, contacts.ownerMemberId), eq(members.disabled, false)))
    .where(eq(contacts.id, row.contactId));
  if (owner) people.set(owner.id, owner.name);
  return { items: [...people].map(([memberId, name]) => ({ id: memberId, name })) };
}

/** Staff change the status by hand (resolve, reopen) or the assignee (self or a group member); audited, live. */
export async function updateConversation(
  db: Db,
  actor: Actor,
  id: string,
  patch: ConversationPatch,
  info: RequestInfo,
) {
  if (actor.kind !== 'member') throw staffOnly();
  if (patch.assigneeId) {
    const choices = await assigneeChoices(db, actor, id);
    if (!choices.items.some((m) => m.id === patch.assigneeId))
      throw new Problem('validation', 'Assign it to yourself or a member of its service group.', {
        errors: [{ path: 'assigneeId', code: 'invalid-value', message: 'Not someone who works this conversation' }],
      });
  }
  await db.transaction(async (tx) => {
    const before = await visibleRow(tx, actor, id);
    const set: Partial<Row> = {};
    if (patch.status !== undefined && patch.status !== before.status) set.status = patch.status;
    if (patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId) set.assigneeId = patch.assigneeId;
    if (!Object.keys(set).length) return;
    await changeConversation(tx, actor, before, set, info);
  });
  return getConversation(db, actor, id);
}

/** Writes a change with its audit row and live event (by hand, or by a reply). */
async function changeConversation(
  tx: DbOrTx,
  actor: Actor,
  before: Row,
  set: Partial<Pick<Row, 'status' | 'assigneeId'>>,
  info: RequestInfo | undefined,
  reason?: string,
) {
  const t = now();
  await tx
    .update(customerConversations)
    .set({ ...set, updatedAt: t })
    .where(eq(customerConversations.id, before.id));
  const pick = (r: Partial<Row>) => ({
    ...('status' in set ? { status: r.status } : {}),
    ...('assigneeId' in set ? { assigneeId: r.assigneeId } : {}),
  });
  await recordAudit(tx, actor, {
    action: 'assigneeId' in set ? 'conversation.assign' : 'conversation.status',
    targetType: 'conversation',
    targetId: before.id,
    before: pick(before),
    after: { ...pick(set), ...(reason ? { reason } : {}) },
    ...(info ?? {}),
  });
  const after = { ...before, ...set };
  const audience = await conversationAudience(tx, after);
  const change = { conversationId: before.id, status: after.status };
  // The customer hears that it changed, not which member took it (their list shows the assignee's name).
  await publishEvent(
    tx,
    audience.filter((a) => a.kind === 'contact'),
    'conversation.changed',
    change,
  );
  await publishEvent(
    tx,
    audience.filter((a) => a.kind !== 'contact'),
    'conversation.changed',
    { ...change, assigneeId: after.assigneeId },
  );
}

/**
 * A reply in a customer conversation's thread moves its status (called by `replyToMessage` in its transaction): staff
 * answering → waiting for the customer (unless resolved), the customer answering → open again, even when resolved.
 */
export async function conversationReplied(tx: DbOrTx, actor: Actor, threadId: string, info: RequestInfo) {
  const [row] = await tx.select().from(customerConversations).where(eq(customerConversations.id, threadId));
  if (!row) return;
  const next: ConversationStatus | null = actor.kind === 'contact' ? 'open' : row.status === 'open' ? 'waiting' : null;
  if (!next || next === row.status) {
    await tx.update(customerConversations).set({ updatedAt: now() }).where(eq(customerConversations.id, threadId));
    return;
  }
  await changeConversation(tx, actor, row, { status: next }, info, 'reply');
}
