import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { BlobStore } from '../../blob-store/store.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { attachments } from '../attachments/schema.js';
import { recordAudit } from '../audit/service.js';
import { publishToMailboxes } from '../live/service.js';
import { mailbox } from '../mailbox/schema.js';
import { auditLog } from '../audit/schema.js';
import { unindexMessage } from '../mailbox/search-index.js';
import { knowledgeItems } from '../knowledge/schema.js';
import { pruneContactLinks } from '../links/service.js';
import { emptyDoc } from '../messages/content/index.js';
import { messageRevisions, messages, type PurgeReason } from '../messages/schema.js';
import { stopNotifications } from '../notify/outbox.js';
import { mailboxTags } from '../tags/schema.js';
import { retentionPolicy, saveLastPurgeRun, type PurgeRun, type RetentionPolicy } from './policy.js';
import { blobDeletions } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * Messages per write transaction and blobs per deletion round. Small enough that one batch (its attachment rows,
 * revisions, index entries, the recipients' listing versions and events) stays well inside issue 15's 100 ms, and the
 * process's other writes get their turn between batches (bench/purge.bench.ts).
 */
export const purgeBatch = { messages: 10, blobs: 50 };

/** Gives the event loop and the write queue a turn between batches (issue 15: no stalls). */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One purge run (issue 19 item 8; docs/architecture.md "Expiry and retention purge"): deletes the content of messages
 * that expired more than the grace period ago and of messages older than the retention limit (sparing archived or
 * tagged ones if the policy says so), a batch of messages per transaction, then the blobs of their files. Resumable:
 * a message is marked purged in the transaction that empties it (so it is never purged twice), and its blob keys are
 * queued in `blob_deletions` in that same transaction and taken off only after the store deleted them — a crash
 * anywhere loses no blob and the next run starts by deleting what a crashed one left. Writes one audit entry with the
 * figures (when it did anything) and keeps them as the last run's (`GET /settings/retention`).
 */
export async function runPurge(db: Db, blobs: BlobStore, at = now()): Promise<PurgeRun> {
  const run: PurgeRun = {
    startedAt: at,
    finishedAt: at,
    expiredMessages: 0,
    retentionMessages: 0,
    sparedMessages: 0,
    contentBytes: 0,
    files: 0,
    fileBytes: 0,
    pendingBlobs: 0,
    error: null,
  };
  const policy = await retentionPolicy(db);
  try {
    // Contacts' dead links (issue 19 item 4, review: never pruned before), whatever the policy — first, so a failing
    // blob store below does not keep them.
    await pruneContactLinks(db, at);
    await deleteQueuedBlobs(db, blobs, run); // what a crashed or failed run left
    if (policy.expiredGraceDays !== null) await purgeExpired(db, blobs, at, policy.expiredGraceDays, run);
    if (policy.retentionDays !== null) await purgeOld(db, blobs, at, policy, run);
  } catch (err) {
    // A failing blob store (or database) stops the run; what is committed stays, the queue waits for the next run.
    run.error = err instanceof Error ? err.message : String(err);
  }
  run.pendingBlobs = await db.$count(blobDeletions);
  run.finishedAt = Math.max(at, now());
  // A run that found nothing to do is kept as the last run but not written into the trail (hourly noise).
  const did = run.expiredMessages + run.retentionMessages + run.files > 0 || run.error !== null;
  await db.transaction(async (tx) => {
    await saveLastPurgeRun(tx, run);
    if (did)
      await recordAudit(tx, { kind: 'system' }, { action: 'message.purge.run', targetType: 'settings', after: run });
  });
  return run;
}

async function purgeExpired(db: Db, blobs: BlobStore, at: number, graceDays: number, run: PurgeRun): Promise<void> {
  const expiredBy = at - graceDays * DAY_MS;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // Over messages_purge_expired_idx: only expired messages not yet purged, oldest expiry first.
      const due = await tx
        .select({ id: messages.id, threadId: messages.threadId })
        .from(messages)
        .where(and(isNotNull(messages.expiresAt), isNull(messages.purgedAt), lte(messages.expiresAt, expiredBy)))
        .orderBy(asc(messages.expiresAt), asc(messages.id))
        .limit(purgeBatch.messages);
      run.contentBytes += await purgeContent(tx, due, 'expired', at);
      run.expiredMessages += due.length;
      return due.length;
    });
    await deleteQueuedBlobs(db, blobs, run);
    if (n < purgeBatch.messages) return;
    await yieldTurn();
  }
}

type Cursor = { createdAt: number; id: string };

async function purgeOld(db: Db, blobs: BlobStore, at: number, policy: RetentionPolicy, run: PurgeRun) {
  const olderThan = at - policy.retentionDays! * DAY_MS;
  // Spared messages stay in messages_retention_idx: the run walks past them with a keyset cursor, so each batch
  // examines at most `purgeBatch.messages` of them, however many are spared.
  let cursor: Cursor | null = null;
  for (;;) {
    const from: Cursor | null = cursor;
    const examined: Cursor[] = await db.transaction(async (tx) => {
      const batch = await tx
        .select({
          id: messages.id,
          threadId: messages.threadId,
          createdAt: messages.createdAt,
          status: messages.status,
        })
        .from(messages)
        .where(
          and(
            isNull(messages.purgedAt),
            lt(messages.createdAt, olderThan),
            from
              ? or(
                  gt(messages.createdAt, from.createdAt),
                  and(eq(messages.createdAt, from.createdAt), gt(messages.id, from.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(purgeBatch.messages);
      // A message waiting for approval is its flow's to finish; the next run sees it again.
      // Issue 20 #1: a scheduled message, like one waiting for approval, has reached nobody yet.
      const candidates = batch.filter((m) => m.status !== 'pending-approval' && m.status !== 'scheduled');
      const spared = await sparedOf(
        tx,
        candidates.map((m) => m.id),
        policy,
      );
      const due = candidates.filter((m) => !spared.has(m.id));
      run.contentBytes += await purgeContent(tx, due, 'retention', at);
      run.retentionMessages += due.length;
      run.sparedMessages += spared.size;
      return batch;
    });
    await deleteQueuedBlobs(db, blobs, run);
    if (examined.length < purgeBatch.messages) return;
    cursor = examined[examined.length - 1]!;
    await yieldTurn();
  }
}

/**
 * The messages of `ids` that the age limit keeps (docs/api.md "Retention"): one body and one set of files serve every
 * recipient, so one recipient's archive or tag keeps the message for all of them. An entry in the trash is no longer
 * archived in this sense (its owner threw it away), but its tags still count.
 */
async function sparedOf(tx: DbOrTx, ids: string[], policy: RetentionPolicy): Promise<Set<string>> {
  const spared = new Set<string>();
  if (!ids.length) return spared;
  if (policy.spareArchived) {
    const rows = await tx
      .selectDistinct({ id: mailbox.messageId })
      .from(mailbox)
      .where(and(inArray(mailbox.messageId, ids), isNotNull(mailbox.archivedAt), isNull(mailbox.deletedAt)));
    for (const r of rows) spared.add(r.id);
  }
  // Issue 19 #7: what is in the knowledge space is kept until it is unpublished.
  for (const r of await tx
    .select({ id: knowledgeItems.messageId })
    .from(knowledgeItems)
    .where(inArray(knowledgeItems.messageId, ids)))
    spared.add(r.id);
  if (policy.spareTagged) {
    const rows = await tx
      .selectDistinct({ id: mailboxTags.messageId })
      .from(mailboxTags)
      .where(inArray(mailboxTags.messageId, ids));
    for (const r of rows) spared.add(r.id);
  }
  return spared;
}

/**
 * Empties messages in the caller's transaction and leaves their stubs: sender, kind, priority, times, audience and
 * every recipient's entry stay (who, when, to whom); subject, body, text, links, earlier revisions, search entry and
 * files go (what). The files' blob keys are queued for `deleteQueuedBlobs`. Recipients are told (`message.purged`,
 * or `message.deleted` for the age limit, which also takes the message out of every mailbox as a deletion does).
 * Answers how many bytes of text went.
 */
async function purgeContent(
  tx: DbOrTx,
  due: Array<{ id: string; threadId: string }>,
  reason: PurgeReason,
  at: number,
): Promise<number> {
  if (!due.length) return 0;
  const ids = due.map((m) => m.id);
  const t = at;
  const [text] = await tx
    .select({
      bytes: sql<number>`coalesce(sum(octet_length(${messages.subject}) + octet_length(${messages.body})
        + octet_length(${messages.bodyText}) + octet_length(${messages.preview})), 0)`,
    })
    .from(messages)
    .where(inArray(messages.id, ids));
  const [revisions] = await tx
    .select({
      bytes: sql<number>`coalesce(sum(octet_length(${messageRevisions.subject})
        + octet_length(${messageRevisions.body}) + octet_length(${messageRevisions.bodyText})), 0)`,
    })
    .from(messageRevisions)
    .where(inArray(messageRevisions.messageId, ids));
  // An edit's audit entry holds the text before and after (messages/manage.ts): the purge takes it out, keeping who
  // edited and when (review of issue 19 item 8: the text outlived the purge there).
  await tx
    .update(auditLog)
    .set({ before: null, after: null })
    .where(
      and(eq(auditLog.targetType, 'message'), inArray(auditLog.targetId, ids), eq(auditLog.action, 'message.edit')),
    );
  const files = await tx
    .delete(attachments)
    .where(inArray(attachments.messageId, ids))
    .returning({ blobKey: attachments.blobKey, size: attachments.size });
  // Issue 20 #4: a forward's files share the original's blobs; a blob goes only when no row uses it any more.
  const unused = await unusedBlobs(tx, files);
  if (unused.length)
    await tx
      .insert(blobDeletions)
      .values(unused.map((f) => ({ blobKey: f.blobKey, size: f.size, queuedAt: t })))
      .onConflictDoNothing();
  await tx.delete(messageRevisions).where(inArray(messageRevisions.messageId, ids));
  // A message at a time from here: each statement fans out to one message's recipients (events, entries, and the
  // listing versions the triggers move), so none grows with the batch and `pace()` can yield between them.
  for (const m of due) {
    await unindexMessage(tx, m.id);
    const event = reason === 'retention' ? 'message.deleted' : 'message.purged';
    await publishToMailboxes(tx, m.id, event, { messageId: m.id, threadId: m.threadId });
    await tx
      .update(messages)
      .set({
        subject: '',
        body: emptyDoc(),
        bodyText: '',
        preview: '', // the body's first words, stored for the list (review of issue 15: they outlived the purge)
        links: [],
        purgedAt: t,
        purgeReason: reason,
        updatedAt: t,
        // The age limit deletes: the message leaves every mailbox and the Sent view, as a sender's deletion does.
        ...(reason === 'retention' ? { deletedAt: sql`coalesce(${messages.deletedAt}, ${t})` } : {}),
        // A message purged before the expiry sweep saw it needs no sweep any more (recipients were just told).
        expirySweptAt: sql`coalesce(${messages.expirySweptAt}, ${t})`,
      })
      .where(eq(messages.id, m.id));
    // The "has files" filter reads the entries' copy (mailbox/page.ts).
    await tx
      .update(mailbox)
      .set({ hasAttachments: false })
      .where(and(eq(mailbox.messageId, m.id), eq(mailbox.hasAttachments, true)));
  }
  await stopNotifications(tx, ids, reason === 'retention' ? 'deleted' : 'expired', t);
  return Number(text?.bytes ?? 0) + Number(revisions?.bytes ?? 0);
}

/** The files of `files` whose blob no attachment row uses (any more): over `attachments_blob_idx`. */
async function unusedBlobs<F extends { blobKey: string }>(db: DbOrTx, files: F[]): Promise<F[]> {
  if (!files.length) return [];
  const used = await db
    .selectDistinct({ blobKey: attachments.blobKey })
    .from(attachments)
    .where(
      inArray(
        attachments.blobKey,
        files.map((f) => f.blobKey),
      ),
    );
  const kept = new Set(used.map((u) => u.blobKey));
  return files.filter((f) => !kept.has(f.blobKey));
}

/**
 * Deletes the queued blobs, a round at a time: the store first, then the queue rows (a crash in between deletes the
 * same blobs again next time, which is no error). A store that fails stops here and leaves the rest queued.
 */
export async function deleteQueuedBlobs(db: Db, blobs: BlobStore, run: PurgeRun): Promise<void> {
  for (;;) {
    const queued = await db
      .select()
      .from(blobDeletions)
      .orderBy(asc(blobDeletions.queuedAt), asc(blobDeletions.blobKey))
      .limit(purgeBatch.blobs);
    if (!queued.length) return;
    // Asked again: a forward that committed after the key was queued may share the blob now (issue 20 #4).
    const unused = await unusedBlobs(db, queued);
    for (const b of unused) await blobs.delete(b.blobKey);
    await db.delete(blobDeletions).where(
      inArray(
        blobDeletions.blobKey,
        queued.map((b) => b.blobKey),
      ),
    );
    run.files += unused.length;
    run.fileBytes += unused.reduce((sum, b) => sum + b.size, 0);
    if (queued.length < purgeBatch.blobs) return;
    await yieldTurn();
  }
}
