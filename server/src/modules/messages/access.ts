import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import { inScope, scopeOf } from '../auth/scope.js';
import type { Permission } from '../auth/permissions.js';
import { mailbox } from '../mailbox/schema.js';
import { departments, members } from '../org/schema.js';
import { messages } from './schema.js';

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
};

/** Whether a scoped permission reaches a message's sender department (organisation-wide reaches every message). */
export async function permissionReaches(db: DbOrTx, actor: Actor, permission: Permission, message: MessageRow): Promise<boolean> {
  if (actor.kind === 'contact') return false;
  const scope = await scopeOf(db, actor, permission);
  if (!scope) return false;
  if (scope.all) return true;
  if (!message.senderDepartmentId) return false;
  const [dept] = await db.select({ path: departments.path }).from(departments).where(eq(departments.id, message.senderDepartmentId));
  return !!dept && inScope(scope, dept.path);
}

/**
 * A department-scoped `message.manage` never reaches a super admin's messages (as it never changes a super admin's
 * account): otherwise a department admin could rewrite an organisation-wide notice sent from inside its subtree.
 */
async function mayManageSender(db: DbOrTx, actor: Actor, message: MessageRow): Promise<boolean> {
  if (message.senderKind !== 'member' || actor.kind === 'contact') return true;
  if ((await scopeOf(db, actor, 'message.manage'))?.all) return true;
  const [sender] = await db.select({ isSuperAdmin: members.isSuperAdmin }).from(members).where(eq(members.id, message.senderId));
  return !sender?.isSuperAdmin;
}

export async function messageAccess(db: DbOrTx, actor: Actor, messageId: string): Promise<MessageAccess | null> {
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!message) return null;
  const id = actorId(actor);
  const sender = actor.kind !== 'api-key' && message.senderId === id;
  const [entry] = actor.kind === 'api-key' ? [] : await db.select().from(mailbox)
    .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, id), isNull(mailbox.deletedAt)));
  const viewer = await permissionReaches(db, actor, 'data.view', message);
  const manager = await permissionReaches(db, actor, 'message.manage', message) && await mayManageSender(db, actor, message);
  const access: MessageAccess = { message, sender, entry: entry ?? null, viewer, manager };
  // A deleted message is gone for its sender and recipients; the record stays for those who oversee.
  if (message.deletedAt !== null && !viewer && !manager) return null;
  if (!sender && !access.entry && !viewer && !manager) return null;
  return access;
}

/** A recipient (who is not also sender or overseer) no longer sees the content of a recalled, deleted or expired message. */
export function contentHidden(access: MessageAccess, at = now()): boolean {
  if (access.sender || access.viewer || access.manager) return false;
  const m = access.message;
  return m.recalledAt !== null || m.deletedAt !== null || (m.expiresAt !== null && m.expiresAt <= at);
}
