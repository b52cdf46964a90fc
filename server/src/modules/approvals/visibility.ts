import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import { permissionReaches } from '../messages/access.js';
import type { messages } from '../messages/schema.js';
import { approvalTasks, type approvalRequests } from './schema.js';

type RequestRow = typeof approvalRequests.$inferSelect;
const memberId = (actor: Actor) => (actor.kind === 'member' ? actor.subject.id : null);

/** The sender, the request's approvers (any round), `data.view` reaching the sender's department, `approval.admin`. */
export async function mayView(
  db: DbOrTx,
  actor: Actor,
  req: RequestRow,
  message: typeof messages.$inferSelect,
): Promise<boolean> {
  const me = memberId(actor);
  if (me === req.senderId || hasPermission(actor, 'approval.admin')) return true;
  if (me) {
    const [task] = await db
      .select({ id: approvalTasks.id })
      .from(approvalTasks)
      .where(and(eq(approvalTasks.requestId, req.id), eq(approvalTasks.approverId, me)))
      .limit(1);
    if (task) return true;
  }
  return permissionReaches(db, actor, 'data.view', message);
}
