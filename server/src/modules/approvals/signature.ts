// Sign-off signatures (签批, issue 19 item 2): stored with the decision, a drawn one's PNG in the blob store the way
// attachments are (bytes first, then the row; a failed decision removes the bytes again), read back only by those who
// may see the approval.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { BlobStore } from '../../blob-store/store.js';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../auth/actor.js';
import { messages } from '../messages/schema.js';
import { approvalRequests, approvalSignatures, type SignatureKind } from './schema.js';
import { checkSignaturePng, decodeSignature } from './signature-png.js';
import { mayView } from './visibility.js';

/** What a decision on a sign-off step carries: the pad's PNG as base64, or the name a keyboard user typed. */
export type SignatureInput = { kind: 'drawn'; png: string } | { kind: 'typed'; name: string };

/** A checked signature whose bytes (when drawn) are already in the blob store, waiting for its decision's row. */
export type PreparedSignature = {
  id: string;
  kind: SignatureKind;
  typedName: string | null;
  blobKey: string | null;
  size: number | null;
  sha256: string | null;
  width: number | null;
  height: number | null;
};

/** What the approval view says of a signature: never the bytes (they are fetched on their own, when shown). */
export type SignatureInfo = {
  id: string;
  kind: SignatureKind;
  name: string | null;
  width: number | null;
  height: number | null;
};

export const MAX_TYPED_SIGNATURE = 100;

/** Checks the signature and, when drawn, stores its PNG under a new key. */
export async function prepareSignature(blobs: BlobStore, input: SignatureInput): Promise<PreparedSignature> {
  const id = newId();
  if (input.kind === 'typed') {
    const name = input.name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
    if (!name) {
      throw new Problem('validation', 'Type your name as the signature.', {
        errors: [{ path: 'signature.name', code: 'required', message: 'The typed signature is empty' }],
      });
    }
    const typedName = [...name].slice(0, MAX_TYPED_SIGNATURE).join('');
    return { id, kind: 'typed', typedName, blobKey: null, size: null, sha256: null, width: null, height: null };
  }
  const png = checkSignaturePng(decodeSignature(input.png));
  await blobs.put(
    id,
    (async function* () {
      yield png.bytes;
    })(),
  );
  return {
    id,
    kind: 'drawn',
    typedName: null,
    blobKey: id,
    size: png.bytes.length,
    sha256: createHash('sha256').update(png.bytes).digest('hex'),
    width: png.width,
    height: png.height,
  };
}

/** The decision did not happen: its signature's bytes belong to nothing. */
export async function discardSignature(blobs: BlobStore, prepared: PreparedSignature | null): Promise<void> {
  if (prepared?.blobKey) await blobs.delete(prepared.blobKey).catch(() => {});
}

/** Inside the decision's transaction: the signature's row, tied to the approver's task. */
export async function insertSignature(
  tx: DbOrTx,
  prepared: PreparedSignature,
  task: { id: string; requestId: string; approverId: string },
): Promise<void> {
  await tx.insert(approvalSignatures).values({
    ...prepared,
    taskId: task.id,
    requestId: task.requestId,
    signerId: task.approverId,
    createdAt: now(),
  });
}

export const signatureInfo = (s: PreparedSignature | typeof approvalSignatures.$inferSelect): SignatureInfo => ({
  id: s.id,
  kind: s.kind,
  name: s.typedName,
  width: s.width,
  height: s.height,
});

/** The signatures of some tasks, by task id; one query. */
export async function signaturesOfTasks(db: DbOrTx, taskIds: string[]): Promise<Map<string, SignatureInfo>> {
  if (!taskIds.length) return new Map();
  const rows = await db.select().from(approvalSignatures).where(inArray(approvalSignatures.taskId, taskIds));
  return new Map(rows.map((r) => [r.taskId, signatureInfo(r)]));
}

/**
 * A drawn signature's row, for whoever may see its approval (the sender, its approvers, `data.view` reaching the
 * sender's department, `approval.admin`); anyone else gets what an unknown id gets.
 */
export async function readableSignature(db: DbOrTx, actor: Actor, approvalId: string, signatureId: string) {
  const notFound = new Problem('not-found', 'No such signature.');
  const [req] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, approvalId));
  if (!req) throw notFound;
  const [message] = await db.select().from(messages).where(eq(messages.id, req.messageId));
  if (!message || !(await mayView(db, actor, req, message))) throw notFound;
  const [row] = await db
    .select()
    .from(approvalSignatures)
    .where(and(eq(approvalSignatures.id, signatureId), eq(approvalSignatures.requestId, req.id)));
  if (!row || row.kind !== 'drawn' || !row.blobKey) throw notFound;
  return row;
}

/** The PNG's bytes, streamed from the store; bytes gone missing is a 404 problem. */
export async function openSignature(blobs: BlobStore, blobKey: string): Promise<Readable> {
  const bytes = await blobs.get(blobKey);
  if (!bytes) throw new Problem('not-found', "The signature's bytes are missing.");
  return bytes;
}
