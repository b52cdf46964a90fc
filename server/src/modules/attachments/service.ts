import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, count, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { inList, keptQuery } from '../../db/kept-query.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { releaseQuietly } from '../../http/refused-upload.js';
import { storageFault } from '../../http/storage-faults.js';
import type { BlobStore } from '../../blob-store/store.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import { contentHidden, messageAccess } from '../messages/access.js';
import { attachments } from './schema.js';
import { SNIFF_BYTES, extensionOf, sniffType } from './sniff.js';

/** One file (R8). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** All the files of one message together. */
export const MAX_MESSAGE_BYTES = 200 * 1024 * 1024;
/** Uploads no message claimed are removed after this long. */
/** How many uploads one uploader may have that no message has taken yet. */
export const MAX_PENDING_UPLOADS = 100;
export const UNCLAIMED_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_NAME_LENGTH = 255;

export type AttachmentRow = typeof attachments.$inferSelect;
/** What a message lists of each file. */
export type AttachmentInfo = { id: string; name: string; size: number; contentType: string };
/** What an upload answers. */
export type Attachment = AttachmentInfo & { createdAt: number };

const info = (row: AttachmentRow): AttachmentInfo => ({
  id: row.id,
  name: row.name,
  size: row.size,
  contentType: row.contentType,
});
const notFound = () => new Problem('not-found', 'No such attachment.');
const tooLarge = () => new Problem('attachment-too-large', `A file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`);

/** Members who may send, API keys with a send permission, and contacts (portal replies). */
export function assertMayUpload(actor: Actor): void {
  if (actor.kind === 'contact') return;
  if (hasPermission(actor, 'message.send.internal') || hasPermission(actor, 'message.send.external')) return;
  throw new Problem(
    'forbidden',
    'Uploading attachments needs the "message.send.internal" or "message.send.external" permission.',
  );
}

/**
 * The file name as it will be shown and offered for saving: no folders, no control characters, trimmed, at
 * most 255 characters (the extension kept). Empty → a `required` field error.
 */
export function cleanFileName(raw: string | undefined): string {
  let name = (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
  // Windows drops trailing dots and spaces when saving (`run.bat. .` becomes `run.bat`), and `:` names a stream.
  name = name.replace(/[. ]+$/, '').replace(/:/g, '_');
  if (name === '.' || name === '..') name = '';
  if (!name) {
    throw new Problem('validation', 'Name the file with ?name=.', {
      errors: [{ path: 'name', code: 'required', message: 'The file name is required.' }],
    });
  }
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const ext = extensionOf(name);
    const tail = ext && ext.length < 20 ? `.${ext}` : '';
    name =
      chars
        .slice(0, MAX_NAME_LENGTH - [...tail].length)
        .join('')
        .trimEnd() + tail;
  }
  return name;
}

type UploadInput = {
  name: string | undefined;
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length, when it sent one: a larger file is refused before a byte is read. */
  declaredLength: string | undefined;
};

/**
 * Streams an upload into the blob store, counting and hashing as it goes; the first bytes decide the type (a
 * refused type stops the upload there). Over `MAX_FILE_BYTES`, a refused type or a broken connection: storing
 * stops, the partial blob is removed and no row is written.
 */
export async function uploadAttachment(
  db: DbOrTx,
  blobs: BlobStore,
  actor: Actor,
  input: UploadInput,
): Promise<Attachment> {
  assertMayUpload(actor);
  const name = cleanFileName(input.name);
  if (input.declaredLength && Number(input.declaredLength) > MAX_FILE_BYTES) throw tooLarge();
  if (!input.body) throw new Problem('validation', 'Send the file as the request body.');
  // Unsent uploads are kept a day: a cap per uploader keeps one account (or one portal contact) from filling the disk.
  const [{ pending }] = (await db
    .select({ pending: count() })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, actorId(actor)), isNull(attachments.messageId)))) as [{ pending: number }];
  if (pending >= MAX_PENDING_UPLOADS) {
    throw new Problem(
      'too-many-attempts',
      `At most ${MAX_PENDING_UPLOADS} files may wait unsent; send or remove some first.`,
      { retryAfter: 3600 },
    );
  }

  const id = newId();
  const reader = input.body.getReader();
  const hash = createHash('sha256');
  let size = 0;
  let contentType: string | null = null;

  /** Decides the type once `SNIFF_BYTES` have arrived (or the file ended); throws when refused. */
  const decide = async (head: Uint8Array, complete: boolean) => {
    const sniffed = await sniffType(head.subarray(0, SNIFF_BYTES), name, complete);
    if (!sniffed.ok) throw new Problem('file-type-refused', sniffed.reason);
    contentType = sniffed.contentType;
  };

  async function* chunks() {
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_FILE_BYTES) throw tooLarge();
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength); // a view: a stream's chunk is ours
      hash.update(chunk);
      if (contentType) {
        yield chunk;
        continue;
      }
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= SNIFF_BYTES) {
        await decide(Buffer.concat(pending, pendingBytes), false);
        yield* pending.splice(0);
      }
    }
    if (!contentType) {
      await decide(Buffer.concat(pending, pendingBytes), true);
      yield* pending.splice(0);
    }
  }

  let stored = false;
  try {
    // The store keeps nothing of a put that failed or whose source refused (blob-store/store.ts).
    await blobs.put(id, chunks());
    stored = true;
    const row: AttachmentRow = {
      id,
      uploaderKind: actor.kind,
      uploaderId: actorId(actor),
      messageId: null,
      name,
      size,
      contentType: contentType!,
      sha256: hash.digest('hex'),
      blobKey: id,
      createdAt: now(),
    };
    await db.insert(attachments).values(row);
    return { ...info(row), createdAt: row.createdAt };
  } catch (e) {
    // A refusal or a full/failing disk leaves the rest of the body to the caller (over HTTP: read and dropped, so the
    // client gets the answer, `http/refused-upload.ts`); a broken connection or another failed write ends the stream.
    if (e instanceof Problem || storageFault(e)) releaseQuietly(reader);
    else await reader.cancel().catch(() => {});
    // The row could not be written after the bytes were stored: they belong to nothing.
    if (stored) await blobs.delete(id).catch(() => {});
    throw e;
  }
}

/** The row, when this caller may download it: its uploader, or (once sent) whoever may read the message's content. */
export async function readableAttachment(db: DbOrTx, actor: Actor, id: string): Promise<AttachmentRow> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound();
  if (isUploader(row, actor)) return row;
  if (row.messageId) {
    const access = await messageAccess(db, actor, row.messageId);
    if (access && !contentHidden(access)) return row;
  }
  throw notFound(); // never 403: that would tell a stranger the file exists
}

const isUploader = (row: AttachmentRow, actor: Actor) =>
  row.uploaderKind === actor.kind && row.uploaderId === actorId(actor);

/** The uploader takes back a file no message has claimed (row, then bytes). */
export async function deleteAttachment(db: DbOrTx, blobs: BlobStore, actor: Actor, id: string): Promise<void> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row || !isUploader(row, actor)) throw notFound();
  const removed = await db
    .delete(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.messageId)))
    .returning({ blobKey: attachments.blobKey });
  if (!removed.length) throw new Problem('conflict', 'The file is part of a message and can no longer be removed.');
  await blobs.delete(removed[0]!.blobKey);
}

/**
 * Attaches the caller's unclaimed uploads to a message, inside the sender's transaction: every id must be an
 * upload of this actor not yet in a message (else `unknown-attachment` / `duplicate` field errors at
 * `attachmentIds.N`), together at most `MAX_MESSAGE_BYTES`. One guarded update claims them all; if another send
 * claimed one in between, fewer rows change and this throws, so the caller's transaction rolls back.
 */
export async function claimAttachments(
  tx: DbOrTx,
  actor: Actor,
  ids: string[],
  messageId: string,
): Promise<AttachmentInfo[]> {
  if (!ids.length) return [];
  const uploaderId = actorId(actor);
  const rows = await tx.select().from(attachments).where(inArray(attachments.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const row = byId.get(id);
    if (seen.has(id))
      errors.push({ path: `attachmentIds.${i}`, code: 'duplicate', message: 'This attachment is listed twice.' });
    else if (!row || row.uploaderId !== uploaderId || row.uploaderKind !== actor.kind || row.messageId !== null) {
      errors.push({
        path: `attachmentIds.${i}`,
        code: 'unknown-attachment',
        message: 'No unsent upload of yours has this id.',
      });
    }
    seen.add(id);
  });
  if (errors.length) throw new Problem('validation', 'Some attachments cannot be used.', { errors });
  const total = rows.reduce((sum, r) => sum + r.size, 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new Problem(
      'message-too-large',
      `The attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB; at most ${MAX_MESSAGE_BYTES / 1024 / 1024} \
MB are allowed.`,
    );
  }
  const claimed = await tx
    .update(attachments)
    .set({ messageId })
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId), isNull(attachments.messageId)))
    .returning({ id: attachments.id });
  if (claimed.length !== ids.length) {
    const won = new Set(claimed.map((r) => r.id));
    throw new Problem('validation', 'Some attachments cannot be used.', {
      errors: ids.flatMap((id, i) =>
        won.has(id)
          ? []
          : [
              {
                path: `attachmentIds.${i}`,
                code: 'unknown-attachment' as const,
                message: 'This upload was just attached to another message.',
              },
            ],
      ),
    });
  }
  return ids.map((id) => info(byId.get(id)!));
}

/**
 * Issue 20 #4: gives a forward the files of the message it forwards without copying a byte — a new row per file
 * (owned by the forwarder, in the new message) on the same `blobKey`. The purge deletes a blob only when no row uses
 * it any more (retention/purge.ts), so each message's rows can go on their own. `claimed`: the forwarder's own new
 * uploads, counted with these against `MAX_MESSAGE_BYTES`. Answers the files added, in the original's order;
 * `renamed` gets each original id → its copy's (the forward's inline images follow, issue 20 #9).
 */
export async function shareAttachments(
  tx: DbOrTx,
  actor: Actor,
  fromMessageId: string,
  toMessageId: string,
  claimed: AttachmentInfo[] = [],
  renamed?: Map<string, string>,
): Promise<AttachmentInfo[]> {
  const rows = await tx
    .select()
    .from(attachments)
    .where(eq(attachments.messageId, fromMessageId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  if (!rows.length) return [];
  const total = [...rows, ...claimed].reduce((sum, r) => sum + r.size, 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new Problem(
      'message-too-large',
      `The attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB; at most ${MAX_MESSAGE_BYTES / 1024 / 1024} \
MB are allowed.`,
    );
  }
  const copies: AttachmentRow[] = rows.map((r) => ({
    ...r,
    id: newId(),
    uploaderKind: actor.kind,
    uploaderId: actorId(actor),
    messageId: toMessageId,
  }));
  await tx.insert(attachments).values(copies);
  rows.forEach((r, i) => renamed?.set(r.id, copies[i]!.id));
  return copies.map(info);
}

const filesOf = keptQuery((db, v: { ids: string }) =>
  db
    .select()
    .from(attachments)
    .where(inList(attachments.messageId, v.ids))
    .orderBy(asc(attachments.createdAt), asc(attachments.id)),
);

/** The files of each message, in upload order; one query. */
export async function attachmentsOf(db: DbOrTx, messageIds: string[]): Promise<Map<string, AttachmentInfo[]>> {
  const result = new Map<string, AttachmentInfo[]>();
  if (!messageIds.length) return result;
  const rows = await filesOf(db, { ids: JSON.stringify([...new Set(messageIds)]) });
  for (const row of rows) {
    const list = result.get(row.messageId!) ?? [];
    list.push(info(row));
    result.set(row.messageId!, list);
  }
  return result;
}

/**
 * Removes uploads no message claimed within `olderThanMs` (rows first, then their bytes, so a file is never
 * listed without bytes). A row claimed between the read and the delete is left alone. Returns how many went.
 */
export async function sweepUnclaimedUploads(
  db: DbOrTx,
  blobs: BlobStore,
  olderThanMs = UNCLAIMED_TTL_MS,
): Promise<number> {
  const cutoff = now() - olderThanMs;
  let removed = 0;
  for (;;) {
    const batch = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(isNull(attachments.messageId), lt(attachments.createdAt, cutoff)))
      .limit(500);
    if (!batch.length) return removed;
    const gone = await db
      .delete(attachments)
      .where(
        and(
          inArray(
            attachments.id,
            batch.map((r) => r.id),
          ),
          isNull(attachments.messageId),
        ),
      )
      .returning({ blobKey: attachments.blobKey });
    for (const { blobKey } of gone) await blobs.delete(blobKey);
    removed += gone.length;
    if (batch.length < 500) return removed;
  }
}

/** The bytes of a stored file, streamed from the store; its bytes missing (a lost blob) is a 404 problem. */
export async function openAttachment(blobs: BlobStore, row: AttachmentRow): Promise<Readable> {
  const bytes = await blobs.get(row.blobKey);
  if (!bytes) throw new Problem('not-found', "The file's bytes are missing.");
  return bytes;
}
