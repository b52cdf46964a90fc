// Loading the inbox's customer conversations part (issue 19 #5): a lazy chunk, so the first load stays in its budget.
import type { InboxContext } from '../inbox/context.js';

export type Desk = InstanceType<(typeof import('./part.js'))['Desk']>;

/**
 * The part with its strings, for customers and for staff who may answer them: a reply to a customer needs
 * `message.send.external`, so nobody else gets the queue (an org admin without it could not answer).
 */
export async function withDesk(ctx: InboxContext): Promise<Desk | undefined> {
  const me = ctx.stores?.$session.get().me;
  if (me?.subject?.kind !== 'contact' && !me?.permissions.includes('message.send.external')) return;
  return (await import('./part.js')).deskFor(ctx); // (a module is fetched once however often it is imported)
}
