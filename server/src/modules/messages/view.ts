import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { attachmentsOf, type AttachmentInfo } from '../attachments/service.js';
import { contacts } from '../contacts/schema.js';
import { members } from '../org/schema.js';
import { contentHidden, type MailboxRow, type MessageAccess } from './access.js';
import { emptyDoc } from './content/index.js';
import { messageAudience, messages } from './schema.js';

export type MailboxState = {
  deliveredAt: number; readAt: number | null; confirmedAt: number | null;
  progress: string | null; progressNote: string | null; archivedAt: number | null;
};

export const mailboxState = (e: MailboxRow): MailboxState => ({
  deliveredAt: e.deliveredAt, readAt: e.readAt, confirmedAt: e.confirmedAt,
  progress: e.progress, progressNote: e.progressNote, archivedAt: e.archivedAt,
});

/** What the sender may still do: recall only within the window (managers at any time). */
export type ViewContext = { recallWindowMs: number };

/** Messages as one caller may see them (docs/api.md `Message`), with what they may do to each; few queries for a page. */
export async function messageViews(db: DbOrTx, actor: Actor, accesses: MessageAccess[], ctx: ViewContext) {
  if (!accesses.length) return [];
  const ids = accesses.map((a) => a.message.id);
  const memberSenders = [...new Set(accesses.filter((a) => a.message.senderKind === 'member').map((a) => a.message.senderId))];
  const contactSenders = [...new Set(accesses.filter((a) => a.message.senderKind === 'contact').map((a) => a.message.senderId))];
  const [memberNames, contactNames, audience, files] = await Promise.all([
    memberSenders.length ? db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, memberSenders)) : [],
    contactSenders.length ? db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactSenders)) : [],
    db.select().from(messageAudience).where(inArray(messageAudience.messageId, ids)).orderBy(asc(messageAudience.id)),
    attachmentsOf(db, ids),
  ]);
  const names = new Map([...memberNames, ...contactNames].map((r) => [r.id, r.name]));
  // A reply's subject repeats its conversation's first message: hidden where that message's content is.
  const firstIds = [...new Set(accesses.filter((a) => a.message.parentId !== null).map((a) => a.message.threadId))];
  const firsts = new Map((firstIds.length ? await db.select().from(messages).where(inArray(messages.id, firstIds)) : []).map((m) => [m.id, m]));
  const viewerId = actor.kind === 'api-key' ? null : actor.subject.id;
  const t = now();
  return accesses.map((a) => {
    const m = a.message;
    const hidden = contentHidden(a, t);
    const overseer = a.sender || a.viewer || a.manager;
    const first = m.parentId !== null ? firsts.get(m.threadId) : undefined;
    const firstHidden = !!first && !(a.viewer || a.manager || first.senderId === viewerId)
      && (first.recalledAt !== null || first.deletedAt !== null || (first.expiresAt !== null && first.expiresAt <= t));
    const live = m.status === 'sent' && m.recalledAt === null && m.deletedAt === null;
    const withinWindow = m.deliveredAt !== null && t - m.deliveredAt <= ctx.recallWindowMs;
    const attachments: AttachmentInfo[] = hidden ? [] : files.get(m.id) ?? [];
    return {
      id: m.id, threadId: m.threadId, parentId: m.parentId, kind: m.kind, priority: m.priority,
      subject: hidden || firstHidden ? '' : m.subject,
      body: hidden ? emptyDoc() : m.body,
      links: hidden ? [] : m.links,
      sender: { kind: m.senderKind, id: m.senderId, name: names.get(m.senderId) ?? '' },
      // Staff see whom it was addressed to (names and head counts), as in any mail client; an external contact only
      // its own entry, never the organisation's departments, groups and people.
      audience: audience.filter((x) => x.messageId === m.id && (actor.kind !== 'contact' || (x.kind === 'contact' && x.targetId === viewerId))).map((x) => ({
        kind: x.kind, targetId: x.targetId, label: x.label, includeSubdepartments: x.includeSubdepartments, count: x.resolvedCount,
      })),
      attachments,
      receiptRequired: m.receiptRequired,
      expiresAt: m.expiresAt,
      expiresInMinutes: m.expiresInMs === null ? null : Math.round(m.expiresInMs / 60_000),
      dueAt: m.dueAt,
      status: m.status,
      recipientCount: m.recipientCount,
      deliveredAt: m.deliveredAt,
      revision: m.revision,
      editedAt: m.editedAt,
      recalledAt: m.recalledAt,
      deletedAt: m.deletedAt,
      createdAt: m.createdAt,
      expired: m.expiresAt !== null && m.expiresAt <= t,
      mine: a.entry ? mailboxState(a.entry) : null,
      can: {
        edit: (a.sender || a.manager) && live,
        recall: live && (a.manager || (a.sender && withinWindow)),
        delete: (a.sender || a.manager) && m.deletedAt === null,
        reply: (a.sender || a.entry !== null) && live && !hidden && actor.kind !== 'api-key',
        viewRevisions: overseer,
        viewRecipients: overseer,
      },
    };
  });
}

export type MessageView = Awaited<ReturnType<typeof messageViews>>[number];
