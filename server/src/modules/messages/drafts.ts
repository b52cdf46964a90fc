import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, type Actor } from '../auth/actor.js';
import { publishEvent } from '../live/service.js';
import { draftSummary } from './draft-summary.js';
import { drafts } from './schema.js';

/** How many drafts a member keeps; older ones are dropped as new ones are saved. */
export const MAX_DRAFTS = 50;

function ownerOf(actor: Actor): string {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'Drafts belong to members.');
  return actorId(actor);
}

type DraftRow = typeof drafts.$inferSelect;

/** A draft as the Drafts view lists it (issue 20 #2): its summary, without the composer's whole state. */
const summaryView = (d: DraftRow) => ({
  id: d.id,
  ...draftSummary(d.data),
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const view = (d: DraftRow) => ({ ...summaryView(d), data: d.data as Record<string, unknown> });

/**
 * Issue 20 #2: the owner's other tabs and widgets hear of each change (the Drafts view follows live). Inside the
 * change's transaction, as every event.
 */
const saved = (tx: DbOrTx, row: DraftRow) =>
  publishEvent(tx, [{ kind: 'member', id: row.ownerId }], 'draft.saved', summaryView(row));
/**
 * The caller's drafts, newest first, in one statement. With `summaryOnly`, each without its `data` (the Drafts view
 * needs the summary only; 50 whole drafts may weigh megabytes).
 */
export async function listDrafts(db: Db, actor: Actor, summaryOnly = false) {
  const rows = await db
    .select()
    .from(drafts)
    .where(eq(drafts.ownerId, ownerOf(actor)))
    .orderBy(desc(drafts.updatedAt), desc(drafts.id))
    .limit(MAX_DRAFTS);
  return { items: rows.map(summaryOnly ? summaryView : view) };
}

/** One of the caller's drafts (the composer continues it); another's is not found. */
export async function getDraft(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerOf(actor))));
  if (!row) throw new Problem('not-found');
  return view(row);
}

export async function createDraft(db: Db, actor: Actor, data: Record<string, unknown>) {
  const ownerId = ownerOf(actor);
  const t = now();
  const row = { id: newId(), ownerId, data, createdAt: t, updatedAt: t };
  await db.transaction(async (tx) => {
    await tx.insert(drafts).values(row);
    const keep = tx
      .select({ id: drafts.id })
      .from(drafts)
      .where(eq(drafts.ownerId, ownerId))
      .orderBy(desc(drafts.updatedAt), desc(drafts.id))
      .limit(MAX_DRAFTS);
    const dropped = await tx
      .delete(drafts)
      .where(and(eq(drafts.ownerId, ownerId), notInArray(drafts.id, keep)))
      .returning({ id: drafts.id });
    await saved(tx, row);
    await dropEvents(tx, ownerId, dropped);
  });
  return view(row);
}

const dropEvents = async (tx: DbOrTx, ownerId: string, dropped: Array<{ id: string }>) => {
  for (const { id } of dropped) await draftDeleted(tx, ownerId, id);
};

export async function saveDraft(db: Db, actor: Actor, id: string, data: Record<string, unknown>) {
  const ownerId = ownerOf(actor);
  const t = now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(drafts)
      .set({ data, updatedAt: t })
      .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerId)))
      .returning();
    if (!row) throw new Problem('not-found');
    await saved(tx, row);
    return view(row);
  });
}

export async function deleteDraft(db: Db, actor: Actor, id: string): Promise<void> {
  const ownerId = ownerOf(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(drafts)
      .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerId)))
      .returning({ id: drafts.id });
    if (!row) throw new Problem('not-found');
    await draftDeleted(tx, ownerId, id);
  });
}

/** Issue 20 #2: a draft is gone (discarded, sent, or dropped past `MAX_DRAFTS`): the owner's Drafts views drop it. */
export const draftDeleted = (tx: DbOrTx, ownerId: string, draftId: string) =>
  publishEvent(tx, [{ kind: 'member', id: ownerId }], 'draft.deleted', { draftId });
