import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { inList, keptQuery } from '../../db/kept-query.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import { inScope, scopeOf } from '../auth/scope.js';
import type { Permission } from '../auth/permissions.js';
import { mailbox } from '../mailbox/schema.js';
import { departments, members } from '../org/schema.js';
import { messages } from './schema.js';
import { approvalRequests, approvalTasks } from '../approvals/schema.js';
import { worksThreads } from '../conversations/access.js';

export type MessageRow = typeof messages.$inferSelect;
export type MailboxRow = typeof mailbox.$inferSelect;

/**
 * How a caller stands to one message: its sender, one of its recipients (with their mailbox entry), and/or an
 * overseer (`data.view` or `message.manage` reaching the sender's department). Null: the caller may not know it exists.
 */
export type MessageAccess = {
  message: MessageRow;
  sender: boolean;
  entry: MailboxRow | null;
  /** `data.view` in scope: may read records, recipients and revisions. */
  viewer: boolean;
  /** `message.manage` in scope: may edit, recall and delete it. */
  manager: boolean;
  /** An approver of its approval request (R5): may read it (and its attachments) before it is delivered. */
  approver?: boolean | undefined;
  /**
   * Works the customer conversation it belongs to (issue 19 item 5: the contact's owner, the service group's members
   * now, the assignee, an org admin) without holding a copy: reads it as a recipient would and may answer it.
   */
  worker?: boolean | undefined;
};

/** Whether a scoped permission reaches a message's sender department (organisation-wide reaches every message). */
export async function permissionReaches(
  db: DbOrTx,
  actor: Actor,
  permission: Permission,
  message: MessageRow,
): Promise<boolean> {
  if (actor.kind === 'contact') return false;
  const scope = await scopeOf(db, actor, permission);
  if (!scope) return false;
  if (scope.all) return true;
  if (!message.senderDepartmentId) return false;
  const [dept] = await db
    .select({ path: departments.path })
    .from(departments)
    .where(eq(departments.id, message.senderDepartmentId));
  return !!dept && inScope(scope, dept.path);
}

/**
 * A department-scoped `message.manage` never reaches a super admin's messages (as it never changes a super admin's
 * account): otherwise a department admin could rewrite an organisation-wide notice sent from inside its subtree.
 */
async function mayManageSender(db: DbOrTx, actor: Actor, message: MessageRow): Promise<boolean> {
  if (message.senderKind !== 'member' || actor.kind === 'contact') return true;
  if ((await scopeOf(db, actor, 'message.manage'))?.all) return true;
  const [sender] = await db
    .select({ isSuperAdmin: members.isSuperAdmin })
    .from(members)
    .where(eq(members.id, message.senderId));
  return !sender?.isSuperAdmin;
}

/** A message by id (its SQL built once: `keptQuery`). */
export const messageById = keptQuery((db, v: { id: string }) =>
  db.select().from(messages).where(eq(messages.id, v.id)),
);

export async function messageAccess(db: DbOrTx, actor: Actor, messageId: string): Promise<MessageAccess | null> {
  const [message] = await messageById(db, { id: messageId });
  if (!message) return null;
  return (await accessTo(db, actor, [message]))[0] ?? null;
}

/**
 * How its sender stands to a message it has just sent: no mailbox entry (a sender never receives its own message),
 * no approver; overseeing permissions as `accessTo` decides them.
 */
export async function senderAccess(db: DbOrTx, actor: Actor, message: MessageRow): Promise<MessageAccess> {
  const viewer = await permissionReaches(db, actor, 'data.view', message);
  const manager =
    (await permissionReaches(db, actor, 'message.manage', message)) && (await mayManageSender(db, actor, message));
  return { message, sender: true, entry: null, viewer, manager, approver: false };
}

/**
 * How the caller stands to each of several messages (a thread), with one mailbox query and the scope checks made
 * once per sender department and sender. Answers the accessible ones, in the order given.
 */
export async function accessTo(db: DbOrTx, actor: Actor, rows: MessageRow[]): Promise<MessageAccess[]> {
  if (!rows.length) return [];
  const id = actorId(actor);
  const entries =
    actor.kind === 'api-key'
      ? []
      : await visibleEntries(db, {
          ids: JSON.stringify(rows.map((m) => m.id)),
          owner: id,
          deletedSince: now() - TRASH_DAYS * 86_400_000,
        });
  const entryOf = new Map(entries.map((e) => [e.messageId, e]));
  const memo = new Map<string, Promise<boolean>>();
  const once = (key: string, check: () => Promise<boolean>) => {
    if (!memo.has(key)) memo.set(key, check());
    return memo.get(key)!;
  };
  // Per row: its access, null (none yet: maybe a conversation the caller works), undefined (none at all).
  const result: Array<MessageAccess | null | undefined> = [];
  for (const message of rows) {
    const sender = message.senderId === id; // ids are UUIDs: a key's own messages are its, as a member's are theirs
    const dept = message.senderDepartmentId ?? '';
    const viewer = await once(`view:${dept}`, () => permissionReaches(db, actor, 'data.view', message));
    const manager =
      (await once(`manage:${dept}`, () => permissionReaches(db, actor, 'message.manage', message))) &&
      (await once(`sender:${message.senderId}`, () => mayManageSender(db, actor, message)));
    // Only an undelivered message has approvers who are not also its recipients; a would-be recipient has no entry yet.
    const approver =
      message.status !== 'sent' && actor.kind === 'member' && !sender && (await isApprover(db, message.id, id));
    const access: MessageAccess = {
      message,
      sender,
      entry: entryOf.get(message.id) ?? null,
      viewer,
      manager,
      approver,
    };
    // A deleted message is gone for its sender and recipients; the record stays for those who oversee.
    if (message.deletedAt !== null && !viewer && !manager) {
      result.push(undefined);
      continue;
    }
    result.push(!sender && !access.entry && !viewer && !manager && !approver ? null : access);
  }
  // Who works a customer conversation reads and answers its delivered messages without a copy (overseers who read
  // it already are marked too: they may answer it). One look-up for all of them.
  const copyless = (m: MessageRow, i: number) =>
    m.status === 'sent' && m.deletedAt === null && result[i] !== undefined && !result[i]?.sender && !result[i]?.entry;
  const worked = await worksThreads(
    db,
    actor,
    rows.filter(copyless).map((m) => m.threadId),
  );
  return rows.flatMap((message, i) => {
    const access = result[i];
    const worker = copyless(message, i) && worked.has(message.threadId);
    if (access) return [worker ? { ...access, worker } : access];
    if (worker)
      return [{ message, sender: false, entry: null, viewer: false, manager: false, approver: false, worker }];
    return [];
  });
}

/** Whether the member was asked to approve this message, in any round. */
async function isApprover(db: DbOrTx, messageId: string, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: approvalTasks.id })
    .from(approvalTasks)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalTasks.requestId))
    .where(and(eq(approvalRequests.messageId, messageId), eq(approvalTasks.approverId, memberId)))
    .limit(1);
  return !!row;
}

/** The trash keeps a deleted mailbox entry readable for 30 days (docs/api.md, batch `delete`/`restore`). */
export const TRASH_DAYS = 30;
/** An owner's entries of some messages (`ids`: JSON), those in the trash only if deleted since `deletedSince`. */
const visibleEntries = keptQuery((db, v: { ids: string; owner: string; deletedSince: number }) =>
  db
    .select()
    .from(mailbox)
    .where(
      and(
        inList(mailbox.messageId, v.ids),
        eq(mailbox.ownerId, v.owner),
        or(isNull(mailbox.deletedAt), gt(mailbox.deletedAt, v.deletedSince)),
      ),
    ),
);

/**
 * A recipient (who is not also sender or overseer) no longer sees the content of a recalled, deleted or expired
 * message.
 */
export function contentHidden<
  A extends Pick<MessageAccess, 'sender' | 'viewer' | 'manager' | 'approver'> & {
    message: Pick<MessageRow, 'recalledAt' | 'deletedAt' | 'expiresAt'>;
  },
>(access: A, at = now()): boolean {
  if (access.sender || access.viewer || access.manager || access.approver) return false;
  const m = access.message;
  return m.recalledAt !== null || m.deletedAt !== null || (m.expiresAt !== null && m.expiresAt <= at);
}

/** `contentHidden` for whoever sees the message only as its recipient (the list, a forward, a receipt, an alert). */
export const hiddenFromRecipient = (message: Pick<MessageRow, 'recalledAt' | 'deletedAt' | 'expiresAt'>, at = now()) =>
  contentHidden({ message, sender: false, viewer: false, manager: false, approver: false }, at);
