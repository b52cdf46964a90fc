import { expect } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { InboxApi, filterQuery } from './inbox-api.js';
import { mailboxFilter } from '../state/filters.js';
import { Selection } from '../state/selection.js';
import { tagTree } from '../state/tags.js';
import { DEMO_TAGS } from '../testing/mock-backend.js';

describe('InboxApi and inbox state', () => {
  it('R13: the listing query carries only the filters that are set', () => {
    expect(filterQuery({ view: 'inbox', subtags: true, unread: false, q: '' })).to.deep.equal({});
    const from = new Date(2026, 10, 1).getTime();
    const filter = mailboxFilter(
      'archived',
      't1',
      {
        unread: true,
        priority: 'high',
        hasAttachments: true,
        senderId: 'm-1',
        fromDate: '2026-11-01',
        toDate: '2026-11-02',
      },
      ' 报告 ',
    );
    expect(filterQuery(filter)).to.deep.equal({
      view: 'archived',
      tagId: 't1',
      unread: true,
      priority: 'high',
      hasAttachments: true,
      senderId: 'm-1',
      from,
      to: from + 2 * 86_400_000,
      q: '报告',
      // Issue 20 #8: a search carries the viewer's time zone (`before:`/`after:` are days there).
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(mailboxFilter('trash', 't1', {}, '')).to.deep.equal({ view: 'trash' });
    expect(mailboxFilter('sent', null, { unread: true }, 'x')).to.deep.equal({
      q: 'x',
      from: undefined,
      to: undefined,
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      tagId: undefined,
      archived: undefined,
    });
    // Issue 19 #9: Sent › Archived and the sender's own tags.
    expect(mailboxFilter('sent', 't1', { archived: true }, '')).to.deep.equal({
      q: undefined,
      from: undefined,
      to: undefined,
      tz: undefined,
      tagId: 't1',
      archived: true,
    });
  });

  it('R13: list, batch and tags call the documented routes', async () => {
    const seen: Array<{ method: string; url: string; body?: string }> = [];
    const client = createHeraldClient({
      baseUrl: 'https://h.example',
      fetch: async (input, init = {}) => {
        seen.push({ method: init.method ?? 'GET', url: String(input), body: init.body as string | undefined });
        return new Response(JSON.stringify({ items: [], nextCursor: null, action: 'read', matched: 0, changed: 0 }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const api = new InboxApi(client);
    await api.list({ view: 'inbox', needsConfirmation: true }, 'c1', 50);
    await api.batch({ action: 'tag', tagId: 't1', messageIds: ['a', 'b'] });
    await api.tags();
    expect(seen[0]).to.include({
      method: 'GET',
      url: 'https://h.example/api/v1/mailbox?needsConfirmation=true&cursor=c1&limit=50',
    });
    expect(seen[1]).to.include({ method: 'POST', url: 'https://h.example/api/v1/mailbox/batch' });
    expect(JSON.parse(seen[1]!.body!)).to.deep.equal({ action: 'tag', tagId: 't1', messageIds: ['a', 'b'] });
    expect(seen[2]!.url).to.equal('https://h.example/api/v1/tags');
  });

  it('R12: shift ranges follow the anchor; select-all covers the loaded order', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    const s = new Selection();
    s.toggle('b');
    s.range(order, 'd');
    expect([...s.ids].sort()).to.deep.equal(['b', 'c', 'd']);
    s.toggle('c');
    s.range(order, 'a');
    expect([...s.ids].sort()).to.deep.equal(['d']);
    s.selectAll(order);
    expect(s.coversAll(order)).to.equal(true);
    s.clear();
    expect(s.size).to.equal(0);
  });

  it('R11: the tag tree sums counts over any depth', () => {
    const [projects] = tagTree(DEMO_TAGS, 'organisation');
    expect(projects!.tag.name).to.equal('Projects');
    expect(projects!.total).to.equal(6);
    expect(projects!.totalUnread).to.equal(2);
    expect(projects!.children[0]!.children[0]!.depth).to.equal(2);
  });
});
