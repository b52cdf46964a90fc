import type { InboxView, MailboxFilter } from '../api/types.js';

/** The list column's filter controls (R13); every one combines with every other. */
export interface InboxFilters {
  unread?: boolean;
  priority?: 'urgent' | 'high';
  needsConfirmation?: boolean;
  hasAttachments?: boolean;
  senderId?: string;
  /** Shown on the sender chip. */
  senderName?: string;
  /** `YYYY-MM-DD`, local day. */
  fromDate?: string;
  toDate?: string;
  /** Sent › Archived (issue 19 #9). */
  archived?: boolean;
}

export type FilterName =
  'unread' | 'priority' | 'needsConfirmation' | 'hasAttachments' | 'sender' | 'fromDate' | 'toDate' | 'archived';

/** Local midnight of a `YYYY-MM-DD` day in epoch ms (undefined when empty or not a date). */
export function dayStart(day: string | undefined): number | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const time = new Date(y, m - 1, d).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The listing's parameters for what the user chose: the view, the tag, the filters and the search. `to` is the end
 * of the chosen day (the server's `to` is exclusive). The Sent view only knows `q`, `from` and `to`. Searching from
 * the Inbox covers the inbox and Archived (`view=all`); the trash and Sent are offered by the search's folder hint.
 */
export function mailboxFilter(view: InboxView, tagId: string | null, filters: InboxFilters, q: string): MailboxFilter {
  const from = dayStart(filters.fromDate);
  const toStart = dayStart(filters.toDate);
  const to = toStart === undefined ? undefined : toStart + 86_400_000;
  const query = q.trim() ? q.trim().slice(0, 200) : undefined;
  // `before:`/`after:` in a search are days in the viewer's time zone (issue 20 #8, read by the server).
  const tz = query && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (view === 'sent') return { q: query, from, to, tz, tagId: tagId ?? undefined, archived: filters.archived };
  const filter: MailboxFilter = {
    // A search from the Inbox looks in the inbox and the archive at once (issue 23); each hit says where it lives.
    // Starred is every folder's starred entries (issue 20).
    // The Knowledge view (issue 19 #7) lists no mailbox entries; 'all' only keeps the type whole. Drafts are not
    // mailbox entries either (issue 20 #2): the inbox never lists them through this filter.
    view:
      view === 'starred' || view === 'mentions' || view === 'knowledge'
        ? 'all'
        : view === 'inbox' || view === 'drafts'
          ? query
            ? 'all'
            : 'inbox'
          : view,
    tagId: tagId && view !== 'trash' ? tagId : undefined,
    unread: filters.unread || undefined,
    starred: view === 'starred' || undefined,
    mentioned: view === 'mentions' || undefined, // issue 19 #3
    priority: filters.priority,
    needsConfirmation: filters.needsConfirmation || undefined,
    hasAttachments: filters.hasAttachments || undefined,
    senderId: filters.senderId,
    from,
    to,
    q: query,
    tz,
  };
  for (const key of Object.keys(filter) as Array<keyof MailboxFilter>)
    if (filter[key] === undefined) delete filter[key];
  return filter;
}

/** The filters that are set, in the order the chips show them. */
export function activeFilters(filters: InboxFilters): FilterName[] {
  const names: FilterName[] = [];
  if (filters.unread) names.push('unread');
  if (filters.priority) names.push('priority');
  if (filters.needsConfirmation) names.push('needsConfirmation');
  if (filters.hasAttachments) names.push('hasAttachments');
  if (filters.senderId) names.push('sender');
  if (filters.fromDate) names.push('fromDate');
  if (filters.toDate) names.push('toDate');
  if (filters.archived) names.push('archived');
  return names;
}

export function withoutFilter(filters: InboxFilters, name: FilterName): InboxFilters {
  const next = { ...filters };
  if (name === 'sender') {
    delete next.senderId;
    delete next.senderName;
  } else delete next[name];
  return next;
}

/** Is a pinned list shown? Only the plain inbox view (docs/api.md "Listing"). */
export const showsPinned = (filter: MailboxFilter) =>
  (filter.view ?? 'inbox') === 'inbox' && Object.keys(filter).every((k) => k === 'view');
