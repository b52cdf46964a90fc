import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { scopeCondition, scopeOf } from '../auth/scope.js';
import { recordAudit } from '../audit/service.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { departments, members } from '../org/schema.js';
import { messagingSettings } from '../settings/service.js';
import { contactNotes, type ContactNoteKind } from './schema.js';
import { getContact } from './service.js';

export type NoteInput = { kind: ContactNoteKind; text: string; occurredAt?: number | undefined };
export type NotePatch = Partial<NoteInput>;
type NoteRow = typeof contactNotes.$inferSelect;

/** How many notes and messages one page shows (the timeline pages back by cursor). */
const PAGE = 50;

/** Notes are written by staff who may see the contact (the directory's rule, R7); the contact must exist. */
async function contactFor(db: DbOrTx, actor: Actor, contactId: string) {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'Contact notes are written by staff.');
  return getContact(db, actor, contactId);
}

const editWindowMs = async (db: DbOrTx) => (await messagingSettings(db)).recallWindowMinutes * 60_000;

function noteView(n: NoteRow & { authorName: string | null }, viewerId: string, windowMs: number, t: number) {
  return {
    id: n.id,
    contactId: n.contactId,
    kind: n.kind,
    text: n.text,
    occurredAt: n.occurredAt,
    createdAt: n.createdAt,
    editedAt: n.editedAt,
    author: { id: n.authorId, name: n.authorName ?? '' },
    can: { edit: n.authorId === viewerId && t - n.createdAt <= windowMs },
  };
}

const noteColumns = {
  id: contactNotes.id,
  contactId: contactNotes.contactId,
  authorId: contactNotes.authorId,
  kind: contactNotes.kind,
  text: contactNotes.text,
  occurredAt: contactNotes.occurredAt,
  createdAt: contactNotes.createdAt,
  editedAt: contactNotes.editedAt,
  authorName: members.name,
};

/** The contact's timeline, newest first; `cursor` is the last note's id of the page before. */
export async function listNotes(db: DbOrTx, actor: Actor, contactId: string, q: { cursor?: string | undefined }) {
  await contactFor(db, actor, contactId);
  const [windowMs, rows] = await Promise.all([
    editWindowMs(db),
    db
      .select(noteColumns)
      .from(contactNotes)
      .leftJoin(members, eq(members.id, contactNotes.authorId))
      .where(
        and(
          eq(contactNotes.contactId, contactId),
          q.cursor
            ? sql`(${contactNotes.occurredAt}, ${contactNotes.id}) <
                (select occurred_at, id from contact_notes where id = ${q.cursor})`
            : undefined,
        ),
      )
      .orderBy(desc(contactNotes.occurredAt), desc(contactNotes.id))
      .limit(PAGE + 1),
  ]);
  const t = now();
  const items = rows.slice(0, PAGE).map((n) => noteView(n, actorId(actor), windowMs, t));
  return { items, nextCursor: rows.length > PAGE ? items[items.length - 1]!.id : null };
}

async function oneNote(db: DbOrTx, contactId: string, id: string) {
  const [row] = await db
    .select(noteColumns)
    .from(contactNotes)
    .leftJoin(members, eq(members.id, contactNotes.authorId))
    .where(and(eq(contactNotes.id, id), eq(contactNotes.contactId, contactId)));
  if (!row) throw new Problem('not-found', 'No such note.');
  return row;
}

/** S5: logs a call, meeting or agreement with the contact; audited. */
export async function addNote(db: Db, actor: Actor, contactId: string, input: NoteInput, info: RequestInfo) {
  await contactFor(db, actor, contactId);
  const t = now();
  const row: NoteRow = {
    id: newId(),
    contactId,
    authorId: actorId(actor),
    kind: input.kind,
    text: input.text.trim(),
    occurredAt: input.occurredAt ?? t,
    createdAt: t,
    editedAt: null,
  };
  await db.transaction(async (tx) => {
    await tx.insert(contactNotes).values(row);
    await recordAudit(tx, actor, {
      action: 'contact.note.create',
      targetType: 'contact',
      targetId: contactId,
      after: { noteId: row.id, kind: row.kind, text: row.text, occurredAt: row.occurredAt },
      ...info,
    });
  });
  const windowMs = await editWindowMs(db);
  return noteView({ ...row, authorName: actor.kind === 'member' ? actor.subject.name : '' }, row.authorId, windowMs, t);
}

/** Only its author changes a note, and only within the recall window (the organisation's setting, R4); audited. */
export async function editNote(
  db: Db,
  actor: Actor,
  contactId: string,
  id: string,
  patch: NotePatch,
  info: RequestInfo,
) {
  await contactFor(db, actor, contactId);
  const before = await oneNote(db, contactId, id);
  if (before.authorId !== actorId(actor)) throw new Problem('forbidden', 'Only its author changes a note.');
  const windowMs = await editWindowMs(db);
  const t = now();
  if (t - before.createdAt > windowMs) {
    throw new Problem('edit-window-passed', `Notes can be changed within ${windowMs / 60_000} minutes of logging.`);
  }
  const set = {
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.text !== undefined ? { text: patch.text.trim() } : {}),
    ...(patch.occurredAt !== undefined ? { occurredAt: patch.occurredAt } : {}),
    editedAt: t,
  };
  await db.transaction(async (tx) => {
    await tx.update(contactNotes).set(set).where(eq(contactNotes.id, id));
    await recordAudit(tx, actor, {
      action: 'contact.note.update',
      targetType: 'contact',
      targetId: contactId,
      before: { noteId: id, kind: before.kind, text: before.text, occurredAt: before.occurredAt },
      after: { noteId: id, ...set },
      ...info,
    });
  });
  return noteView(await oneNote(db, contactId, id), actorId(actor), windowMs, t);
}

/**
 * The messages exchanged with a contact that the caller may see (issue 19 item 6): sent by the contact or addressed
 * to it, and in the caller's own mailbox, sent by the caller, or within the caller's `data.view`. Newest first; the
 * content of a recalled or expired message is hidden as in the inbox, unless the caller sent it or oversees it.
 */
export async function conversationsWith(
  db: DbOrTx,
  actor: Actor,
  contactId: string,
  q: { cursor?: string | undefined },
) {
  await contactFor(db, actor, contactId);
  const me = actorId(actor);
  const viewScope = await scopeOf(db, actor, 'data.view');
  const overseen = viewScope ? scopeCondition(viewScope, departments.path) : sql`false`;
  const t = now();
  const rows = await db
    .select({
      id: messages.id,
      threadId: messages.threadId,
      subject: messages.subject,
      senderKind: messages.senderKind,
      senderId: messages.senderId,
      senderName: sql<
        string | null
      >`coalesce(${members.name}, (select name from contacts where id = ${messages.senderId}))`,
      at: sql<number>`coalesce(${messages.deliveredAt}, ${messages.createdAt})`,
      recalledAt: messages.recalledAt,
      expiresAt: messages.expiresAt,
      overseen: sql<number>`case when ${overseen} then 1 else 0 end`,
    })
    .from(messages)
    .leftJoin(members, eq(members.id, messages.senderId))
    .leftJoin(departments, eq(departments.id, messages.senderDepartmentId))
    .where(
      and(
        sql`${messages.deletedAt} is null and ${messages.status} = 'sent'`,
        // The contact's messages as a list of ids (what they received, what they sent), which SQLite reads first
        // and then looks each message up in id order. Tested per message instead (sent by them, or an entry of
        // theirs), it walked every message of the organisation when the contact had few: 47 ms with 100,000
        // messages, against 0.1.
        sql`${messages.id} in (select c.message_id from ${mailbox} c where c.owner_id = ${contactId}
            and c.owner_kind = 'contact'${q.cursor ? sql` and c.message_id < ${q.cursor}` : sql``}
          union select s.id from ${messages} s where s.sender_kind = 'contact' and s.sender_id = ${contactId}${
            q.cursor ? sql` and s.id < ${q.cursor}` : sql``
          })`,
        sql`(${messages.senderId} = ${me} or ${overseen}
          or exists (select 1 from ${mailbox} o where o.message_id = ${messages.id} and o.owner_id = ${me}
            and o.deleted_at is null))`,
        q.cursor ? sql`${messages.id} < ${q.cursor}` : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(PAGE + 1);
  const items = rows.slice(0, PAGE).map((r) => {
    const hidden =
      r.senderId !== me && !r.overseen && (r.recalledAt !== null || (r.expiresAt !== null && r.expiresAt <= t));
    return {
      id: r.id,
      threadId: r.threadId,
      subject: hidden ? '' : r.subject,
      direction: r.senderKind === 'contact' ? ('from-contact' as const) : ('to-contact' as const),
      sender: { kind: r.senderKind, id: r.senderId, name: r.senderName ?? '' },
      at: r.at,
      recalled: r.recalledAt !== null,
    };
  });
  return { items, nextCursor: rows.length > PAGE ? items[items.length - 1]!.id : null };
}
