import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, type Actor } from '../auth/actor.js';
import { drafts } from './schema.js';

/** How many drafts a member keeps; older ones are dropped as new ones are saved. */
export const MAX_DRAFTS = 50;

function ownerOf(actor: Actor): string {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'Drafts belong to members.');
  return actorId(actor);
}

const view = (d: typeof drafts.$inferSelect) => ({
  id: d.id,
  data: d.data as Record<string, unknown>,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export async function listDrafts(db: Db, actor: Actor) {
  const rows = await db
    .select()
    .from(drafts)
    .where(eq(drafts.ownerId, ownerOf(actor)))
    .orderBy(desc(drafts.updatedAt), desc(drafts.id))
    .limit(MAX_DRAFTS);
  return { items: rows.map(view) };
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
    await tx.delete(drafts).where(and(eq(drafts.ownerId, ownerId), notInArray(drafts.id, keep)));
  });
  return view(row);
}

export async function saveDraft(db: Db, actor: Actor, id: string, data: Record<string, unknown>) {
  const ownerId = ownerOf(actor);
  const t = now();
  const [row] = await db
    .update(drafts)
    .set({ data, updatedAt: t })
    .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerId)))
    .returning();
  if (!row) throw new Problem('not-found');
  return view(row);
}

export async function deleteDraft(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .delete(drafts)
    .where(and(eq(drafts.id, id), eq(drafts.ownerId, ownerOf(actor))))
    .returning({ id: drafts.id });
  if (!row) throw new Problem('not-found');
}
