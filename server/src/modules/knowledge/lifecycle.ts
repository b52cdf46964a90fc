import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { knowledgeItems } from './schema.js';

/**
 * Issue 19 #7: a recalled or deleted message leaves the knowledge space in the same transaction (audited as
 * `knowledge.unpublish` with the reason, by whoever recalled or deleted it). Nothing when it was not published.
 */
export async function unpublishMessage(
  tx: DbOrTx,
  actor: Actor,
  messageId: string,
  reason: 'recalled' | 'deleted',
  info: Partial<RequestInfo> = {},
): Promise<void> {
  const gone = await tx
    .delete(knowledgeItems)
    .where(eq(knowledgeItems.messageId, messageId))
    .returning({ id: knowledgeItems.id, publishedBy: knowledgeItems.publishedBy });
  for (const item of gone) {
    await recordAudit(tx, actor, {
      action: 'knowledge.unpublish',
      targetType: 'message',
      targetId: messageId,
      before: { itemId: item.id, publishedBy: item.publishedBy },
      after: { reason },
      ...info,
    });
  }
}
