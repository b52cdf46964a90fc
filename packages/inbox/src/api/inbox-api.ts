import { ApiBase, type Query } from '@herald/client';
import type {
  BatchInput,
  BatchResult,
  MailboxFilter,
  MailboxPage,
  MailboxState,
  SentEntry,
  SentPage,
  Tag,
  TagInput,
  UnreadCount,
} from './types.js';

/** The listing's query string: only the filters that are set (false and empty values are left out). */
export function filterQuery(filter: MailboxFilter): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (key === 'subtags' && value === true) continue; // the server's default
    if (key === 'view' && value === 'inbox') continue;
    query[key] = value as string | number | boolean;
  }
  return query;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * The inbox routes (docs/api.md "Inbox"), through the client's authenticated fetch. Every non-2xx answer is
 * thrown as a HeraldProblem.
 */
export class InboxApi extends ApiBase {
  list = (filter: MailboxFilter, cursor?: string | null, limit = 50, signal?: AbortSignal) =>
    this.call<MailboxPage>('GET', '/mailbox', { query: { ...filterQuery(filter), cursor, limit }, signal });

  sent = (
    filter: Pick<MailboxFilter, 'q' | 'from' | 'to' | 'tz'>,
    cursor?: string | null,
    limit = 50,
    signal?: AbortSignal,
  ) =>
    this.call<SentPage>('GET', '/sent', {
      query: { q: filter.q, from: filter.from, to: filter.to, tz: filter.tz, cursor, limit },
      signal,
    });

  /** A sent message's receipt counts (the first, smallest page of its recipients; only `counts` is used). */
  receiptCounts = async (messageId: string) =>
    (
      await this.call<{ counts: SentEntry['counts'] }>('GET', `/messages/${id(messageId)}/recipients`, {
        query: { limit: 1 },
      })
    ).counts;

  unreadCount = () => this.call<UnreadCount>('GET', '/mailbox/unread-count');

  batch = (input: BatchInput) => this.call<BatchResult>('POST', '/mailbox/batch', { json: input });

  /** The .xlsx of these entries (ids or a filter). */
  export = (input: { messageIds: string[] } | { filter: MailboxFilter }) =>
    this.download('/mailbox/export', {}, { method: 'POST', json: input });

  markRead = (messageId: string, read: boolean) =>
    this.call<MailboxState>(read ? 'POST' : 'DELETE', `/mailbox/${id(messageId)}/read`);

  tags = async () => (await this.call<{ items: Tag[] }>('GET', '/tags')).items;
  createTag = (input: TagInput) => this.call<Tag>('POST', '/tags', { json: input });
  updateTag = (tagId: string, patch: Partial<Pick<Tag, 'name' | 'parentId' | 'color' | 'position'>>) =>
    this.call<Tag>('PATCH', `/tags/${id(tagId)}`, { json: patch });
  deleteTag = (tagId: string) => this.call<void>('DELETE', `/tags/${id(tagId)}`);
}
