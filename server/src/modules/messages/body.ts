import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { members } from '../org/schema.js';
import { messagingSettings, type MessagingSettings } from '../settings/service.js';
import { prepareContent, relabelMentions, type RichDoc } from './content/index.js';

/**
 * Checks the body (links by the organisation's policy, R8) and the people it mentions; answers what is stored.
 * `known`: the settings when the caller keeps them (send-config.ts).
 */
export async function checkedBody(db: DbOrTx, body: RichDoc, known?: MessagingSettings) {
  const settings = known ?? (await messagingSettings(db));
  const content = prepareContent(body, { blocklist: settings.linkBlocklist, allowlist: settings.linkAllowlist });
  let doc = content.doc;
  if (content.mentionIds.length) {
    const found = await db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(inArray(members.id, content.mentionIds), eq(members.disabled, false)));
    const names = new Map(found.map((m) => [m.id, m.name]));
    const missing = content.mentionIds.filter((id) => !names.has(id));
    if (missing.length) {
      throw new Problem('validation', 'Someone mentioned is not an active member.', {
        errors: missing.map((id) => ({
          path: 'body',
          code: 'unknown-member' as const,
          message: `No active member ${id}`,
        })),
      });
    }
    doc = relabelMentions(doc, names);
  }
  return { doc, text: content.text, links: content.links };
}
