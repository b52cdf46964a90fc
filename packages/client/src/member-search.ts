// Members for an @mention, from the directory (`GET /directory?kinds=member`): what each element hosting
// <herald-rich-text-editor> gives it as `searchMentions` (the composer, the reply box, the edit dialogs).
import { ApiBase } from './api-base.js';
import type { HeraldClient } from './client.js';

class MemberSearch extends ApiBase {
  find = async (q: string, limit: number) =>
    (await this.ok(this.client.api.directory.$get({ query: { q, kinds: 'member', limit: String(limit) } }))).items;
}

/** A mention search over the directory's members (at most `limit` per query), through `client`. */
export const memberMentionSearch = (client: HeraldClient, limit = 8) => {
  const search = new MemberSearch(client);
  return (query: string) => search.find(query, limit);
};
