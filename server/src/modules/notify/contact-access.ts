// Issue 19 item 4: what an e-mail to a contact without portal access carries besides the text — a link to read the
// conversation and reply (links/service.ts), and a signed, expiring link per file.
import type { Db } from '../../db/client.js';
import { attachmentsOf } from '../attachments/service.js';
import { fileUrl, issueLink } from '../links/service.js';
import type { ContactAccess } from './content.js';

/** A fresh conversation link for this e-mail (each attempt's own) and its files' links, valid as long as it is. */
export async function contactAccess(
  db: Db,
  publicUrl: string,
  messageId: string,
  contactId: string,
  at: number,
): Promise<ContactAccess> {
  const link = await issueLink(db, messageId, contactId, at);
  const files = (await attachmentsOf(db, [messageId])).get(messageId) ?? [];
  return {
    conversationUrl: `${publicUrl}/conversation/open/${link.token}`,
    expiresAt: link.expiresAt,
    files: await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        size: f.size,
        url: await fileUrl(db, publicUrl, {
          attachmentId: f.id,
          contactId,
          linkId: link.id,
          expiresAt: link.expiresAt,
        }),
      })),
    ),
  };
}
