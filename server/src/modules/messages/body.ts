import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { messagingSettings, type MessagingSettings } from '../settings/service.js';
import { prepareContent, relabelMentions, type RichDoc } from './content/index.js';
import { targetNames } from './send-sql.js';

/** A member the body mentions, with the name the stored body shows (issue 19 #3). */
export type BodyMention = { id: string; name: string };

/**
 * Checks the body (links by the organisation's policy, R8) and the people it mentions; answers what is stored.
 * `known`: the settings when the caller keeps them (send-config.ts). `author`: who writes it (issue 19 #3) — a body
 * may mention only people its author may see in the directory: staff see every active member, a contact sees nobody
 * (`GET /directory` is for staff), so a contact's reply with a mention is refused rather than silently stripped.
 */
export async function checkedBody(db: DbOrTx, body: RichDoc, known?: MessagingSettings, author?: Actor) {
  const settings = known ?? (await messagingSettings(db));
  const content = prepareContent(body, { blocklist: settings.linkBlocklist, allowlist: settings.linkAllowlist });
  let doc = content.doc;
  let mentions: BodyMention[] = [];
  if (content.mentionIds.length) {
    if (author?.kind === 'contact') {
      throw new Problem('validation', 'Contacts cannot mention people.', {
        errors: [{ path: 'body', code: 'out-of-scope', message: 'A contact may not mention members' }],
      });
    }
    // The same prepared statement that checks an audience's members (send-sql.ts), not a query built per send.
    const found = await targetNames(db, 'member', content.mentionIds, 0);
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
    mentions = content.mentionIds.map((id) => ({ id, name: names.get(id)! }));
  }
  return { doc, text: content.text, links: content.links, mentions, images: content.imageIds };
}
