import { and, eq, inArray, isNotNull, isNull, gte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { publishEvent } from '../live/service.js';
import { usableTag } from '../tags/service.js';
import { TRASH_KEEP_MS } from './query.js';
import { mailbox } from './schema.js';
import { noteOwnChanges } from './listing-cache.js';
import { applySentAction, isSentAction, sentOnlyIds } from './sent-state.js';
import { dialect } from '../../db/dialect.js';

export const BATCH_ACTIONS = [
  'read',
  'unread',
  'archive',
  'unarchive',
  'delete',
  'restore',
  'tag',
  'untag',
  'star',
  'unstar',
] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];
export const BATCH_MAX = 1000;
/** How long a deleted entry stays in the trash, restorable. */
const TRASH_MS = TRASH_KEEP_MS;

/** What a batch or export acts on: explicit ids (checked one by one), or the listing's filters (≤ 1,000 matches). */
export type Selection =
  | { messageIds: string[] }
  | { match: (db: DbOrTx, ownerId: string, limit: number) => Promise<{ messageIds: string[]; count: number }> };

/** Entries the caller may act on: in the mailbox (not deleted), or, for `restore` and exports, also in the trash. */
export type Eligibility = 'live' | 'trash' | 'live-or-trash';

function mailboxOwner(actor: Actor): string {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no mailbox.');
  return actorId(actor);
}

const eligibleWhere = (eligibility: Eligibility, t: number) => {
  const inTrash = sql`(mb.deleted_at is not null and mb.deleted_at >= ${t - TRASH_MS})`;
  if (eligibility === 'live') return sql`mb.deleted_at is null`;
  if (eligibility === 'trash') return inTrash;
  return sql`(mb.deleted_at is null or ${inTrash})`;
};

/**
 * The message ids a selection names, in the caller's mailbox and eligible, deduplicated, in the given order.
 * An explicit id that is not eligible → `400 validation` (`messageIds.N`, `not-in-mailbox`); a filter matching
 * more than 1,000 → `422 batch-too-large` with `count`. Entries of messages deleted by their sender are gone.
 * Ids in `elsewhere` (the caller's own sent messages, issue 19 #9) are acted on apart: neither errors nor returned.
 */
export async function resolveSelection(
  db: DbOrTx,
  ownerId: string,
  selection: Selection,
  eligibility: Eligibility,
  elsewhere: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const t = now();
  if ('match' in selection) {
    const { messageIds, count } = await selection.match(db, ownerId, BATCH_MAX);
    if (count > BATCH_MAX)
      throw new Problem(
        'batch-too-large',
        `The filter matches ${count} entries; at most ${BATCH_MAX} are handled at once.`,
        { count },
      );
    if (!messageIds.length) return [];
    // The listing's view decides what matches; the action still only touches what it may (e.g. restore: the trash).
    const rows = await dialect.all<{ id: string }>(
      db,
      sql`
      select mb.message_id as id from mailbox mb join messages m on m.id = mb.message_id
      where mb.owner_id = ${ownerId} and mb.message_id in ${dialect.jsonValues(JSON.stringify(messageIds))}
        and m.deleted_at is null and m.status = 'sent' and ${eligibleWhere(eligibility, t)}`,
    );
    const found = new Set(rows.map((r) => r.id));
    return messageIds.filter((id) => found.has(id));
  }
  const unique = [...new Set(selection.messageIds)];
  const rows = await dialect.all<{ id: string }>(
    db,
    sql`
    select mb.message_id as id from mailbox mb join messages m on m.id = mb.message_id
    where mb.owner_id = ${ownerId} and mb.message_id in ${dialect.jsonValues(JSON.stringify(unique))}
      and m.deleted_at is null and m.status = 'sent' and ${eligibleWhere(eligibility, t)}`,
  );
  const found = new Set(rows.map((r) => r.id));
  const errors: FieldError[] = [];
  selection.messageIds.forEach((id, i) => {
    if (!found.has(id) && !elsewhere.has(id))
      errors.push({ path: `messageIds.${i}`, code: 'not-in-mailbox', message: 'Not in your mailbox.' });
  });
  if (errors.length)
    throw new Problem('validation', 'Some entries are not in your mailbox; nothing was changed.', { errors });
  return unique.filter((id) => found.has(id));
}

const eligibilityOf = (action: BatchAction): Eligibility => (action === 'restore' ? 'live-or-trash' : 'live');

export type BatchResult = { action: BatchAction; matched: number; changed: number };

/**
 * One batch (R12, R13): a single transaction, all or nothing, one set-based statement per action. `changed` counts
 * the entries that were not already in the asked state.
 */
export async function runBatch(
  db: Db,
  actor: Actor,
  input: { action: BatchAction; selection: Selection; tagId?: string | undefined },
  info: RequestInfo,
): Promise<BatchResult> {
  const ownerId = mailboxOwner(actor);
  const { action } = input;
  if ((action === 'tag' || action === 'untag') && !input.tagId) {
    throw new Problem('validation', 'Tagging needs a tagId.', {
      errors: [{ path: 'tagId', code: 'required', message: 'Required for tag and untag' }],
    });
  }
  return db.transaction(async (tx) => {
    const tag =
      input.tagId && (action === 'tag' || action === 'untag') ? await usableTag(tx, actor, input.tagId) : null;
    // Issue 19 #9: the caller's own sent messages they did not receive take the sender's actions (sent-state.ts).
    const sentIds =
      'messageIds' in input.selection && isSentAction(action)
        ? await sentOnlyIds(tx, ownerId, input.selection.messageIds)
        : new Set<string>();
    const ids = await resolveSelection(tx, ownerId, input.selection, eligibilityOf(action), sentIds);
    if (!ids.length && !sentIds.size) return { action, matched: 0, changed: 0 };
    const t = now();
    const mine = and(eq(mailbox.ownerId, ownerId), inArray(mailbox.messageId, ids));
    const returning = { messageId: mailbox.messageId };
    let changedIds: string[] = [];
    switch (action) {
      case 'read':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ readAt: t })
            .where(and(mine, isNull(mailbox.deletedAt), isNull(mailbox.readAt)))
            .returning(returning)
        ).map((r) => r.messageId);
        if (changedIds.length) {
          // Each sender hears of the read, as for a single read (mailbox/service.ts setRead): one INSERT … SELECT.
          // Not an API key, which has no live stream (its rows were never read by anyone).
          await dialect.run(
            tx,
            sql`
            insert into events (at, audience_kind, audience_id, type, payload)
            select ${t}, m.sender_kind, m.sender_id, 'message.read',
              ${dialect.jsonObject(sql`'messageId'`, sql`m.id`, sql`'recipientId'`, sql`cast(${ownerId} as text)`)}
            from messages m where m.id in ${dialect.jsonValues(JSON.stringify(changedIds))}
              and m.sender_kind <> 'api-key'`,
          );
        }
        break;
      case 'unread':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ readAt: null })
            .where(and(mine, isNull(mailbox.deletedAt), isNotNull(mailbox.readAt)))
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'archive':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ archivedAt: t })
            .where(and(mine, isNull(mailbox.deletedAt), isNull(mailbox.archivedAt)))
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'unarchive':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ archivedAt: null, snoozedUntil: null }) // a snoozed entry comes back now (issue 20)
            .where(and(mine, isNull(mailbox.deletedAt), isNotNull(mailbox.archivedAt)))
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'delete':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ deletedAt: t, snoozedUntil: null }) // restored, it stays archived
            .where(and(mine, isNull(mailbox.deletedAt)))
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'restore':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ deletedAt: null })
            .where(and(mine, isNotNull(mailbox.deletedAt), gte(mailbox.deletedAt, t - TRASH_MS)))
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'star':
      case 'unstar':
        changedIds = (
          await tx
            .update(mailbox)
            .set({ starredAt: action === 'star' ? t : null })
            .where(
              and(
                mine,
                isNull(mailbox.deletedAt),
                action === 'star' ? isNull(mailbox.starredAt) : isNotNull(mailbox.starredAt),
              ),
            )
            .returning(returning)
        ).map((r) => r.messageId);
        break;
      case 'tag':
        // The entry's delivery time is copied so a tag view pages by keyset without a sort.
        changedIds = (
          await dialect.all<{ id: string }>(
            tx,
            sql`
          insert into mailbox_tags (owner_id, message_id, tag_id, delivered_at, created_at)
          select owner_id, message_id, ${tag!.id}, delivered_at, ${t} from mailbox
          where owner_id = ${ownerId} and deleted_at is null
            and message_id in ${dialect.jsonValues(JSON.stringify(ids))}
          on conflict do nothing returning message_id as id`,
          )
        ).map((r) => r.id);
        break;
      case 'untag':
        changedIds = (
          await dialect.all<{ id: string }>(
            tx,
            sql`
          delete from mailbox_tags where owner_id = ${ownerId} and tag_id = ${tag!.id}
            and message_id in ${dialect.jsonValues(JSON.stringify(ids))}
          returning message_id as id`,
          )
        ).map((r) => r.id);
        break;
    }
    // Each entry changed above moved the owner's listing version once (its row, or its tag's): noted for the kept
    // page (listing-cache.ts). Not with the caller's own sent messages: their actions write rows not counted here.
    if (!sentIds.size) await noteOwnChanges(tx, [{ ownerId, messageIds: [...changedIds], bumps: changedIds.length }]);
    changedIds.push(...(await applySentAction(tx, ownerId, action, [...sentIds], tag?.id ?? null, t)));
    if ((action === 'delete' || action === 'restore') && changedIds.length) {
      await recordAudit(tx, actor, {
        action: `mailbox.${action}`,
        targetType: 'mailbox',
        targetId: ownerId,
        after: { count: changedIds.length, messageIds: changedIds },
        ...info,
      });
    }
    if (changedIds.length) {
      await publishEvent(
        tx,
        [{ kind: actor.kind === 'contact' ? 'contact' : 'member', id: ownerId }],
        'mailbox.updated',
        {
          messageIds: changedIds,
          action,
          ...(tag ? { tagId: tag.id } : {}),
        },
      );
    }
    return { action, matched: ids.length + sentIds.size, changed: changedIds.length };
  });
}
