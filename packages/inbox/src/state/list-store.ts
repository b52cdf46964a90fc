import { atom } from 'nanostores';
import type { HeraldProblem } from '@herald/client';
import type { InboxApi } from '../api/inbox-api.js';
import type { InboxView, MailboxFilter, MailboxPage, MailboxState, SentEntry } from '../api/types.js';
import { sentMessageOf, type ListMessage } from './summary.js';

/**
 * One row of the list: a mailbox entry (the message's summary and the entry's `state`) or, in the Sent view, a sent
 * message with its `counts`. The reading pane loads the whole message when it is opened.
 */
export interface InboxRow {
  message: ListMessage;
  state?: MailboxState;
  counts?: SentEntry['counts'];
}

export interface ListState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: InboxRow[];
  pinned: InboxRow[];
  nextCursor: string | null;
  /** Entries matching the filter (first page only; the Sent view has none). */
  total: number | null;
  /** Loading the next page. */
  more: boolean;
  /** With a search: how many hits each folder holds (first page; null otherwise). */
  folders?: MailboxPage['folders'];
  error?: HeraldProblem | unknown;
}

const EMPTY: ListState = { status: 'idle', rows: [], pinned: [], nextCursor: null, total: null, more: false };

/** Which views keep an entry in this state (docs/api.md "Listing"). */
export function belongsTo(view: InboxView | 'all', state: MailboxState | undefined): boolean {
  if (!state) return true;
  if (view === 'trash') return !!state.deletedAt;
  if (state.deletedAt) return false;
  // Issue 20: a snoozed entry is archived until it comes back, shown in Snoozed rather than Archived.
  if (view === 'archived') return !!state.archivedAt && !state.snoozedUntil;
  if (view === 'snoozed') return !!state.snoozedUntil;
  return (view !== 'inbox' && view !== 'sent') || !state.archivedAt;
}

/**
 * The list of one view + filter, paged by `nextCursor`. A newer `load` cancels an older one, so a fast typist never
 * sees the answer of an earlier query.
 */
export function createListStore(api: InboxApi, pageSize = 50) {
  const $list = atom<ListState>(EMPTY);
  let view: InboxView = 'inbox';
  let filter: MailboxFilter = {};
  let abort: AbortController | undefined;
  // Sent › Archived (issue 19 #9) keeps the entries the Archived view keeps.
  const listedAs = () => (filter.view === 'all' ? 'all' : view === 'sent' && filter.archived ? 'archived' : view);

  const fetchPage = async (cursor: string | null, signal: AbortSignal, limit = pageSize) => {
    if (view === 'sent') {
      const page = await api.sent(filter, cursor, limit, signal);
      const rows: InboxRow[] = page.items.map((item) => ({
        message: sentMessageOf(item.message),
        counts: item.counts,
        // Issue 19 #9: the sender's archive, star and tags; the rows read nothing else of a sent row's state.
        state: item.state as MailboxState,
      }));
      return { rows, nextCursor: page.nextCursor, total: null, pinned: [] as InboxRow[], folders: null };
    }
    const page = await api.list(filter, cursor, limit, signal);
    return {
      rows: page.items as InboxRow[],
      nextCursor: page.nextCursor,
      total: page.total ?? null,
      pinned: (page.pinned ?? []) as InboxRow[],
      folders: page.folders ?? null,
    };
  };

  /** The server's order of the view: newest first by (time, id); the Sent view's time is when it was written. */
  const keyOf = (r: InboxRow): [number, string] => [
    (view === 'sent' ? r.message.createdAt : (r.state?.deliveredAt ?? r.message.createdAt)) ?? 0,
    r.message.id,
  ];
  const olderThan = (r: InboxRow, than: InboxRow) => {
    const [a, b] = [keyOf(r), keyOf(than)];
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  };
  /** A full page wins over a few newest entries. */
  const widest = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : Math.max(a, b);
  let running: Promise<unknown> = Promise.resolve();
  let waiting: { newest: number | undefined; done: Promise<string[]> } | undefined;

  /** One reload of the first page (`refreshFirst`). */
  const refreshOnce = async (newest?: number): Promise<string[]> => {
    const current = $list.get();
    if (current.status !== 'ready') return [];
    const controller = abort ?? new AbortController();
    try {
      const limit = newest !== undefined && newest < pageSize ? newest : pageSize;
      const page = await fetchPage(null, controller.signal, limit);
      if (controller.signal.aborted) return [];
      const latest = $list.get();
      const known = new Set(latest.rows.map((r) => r.message.id));
      // The page reaches what is loaded: it is the whole view, or it holds a row the list has.
      const joined = !page.nextCursor || page.rows.some((r) => known.has(r.message.id));
      if (!joined && limit < pageSize) return refreshOnce();
      const fresh = new Set(page.rows.map((r) => r.message.id));
      const last = page.rows.at(-1);
      // Loaded rows the page no longer has but should (not older than its last) have left the view.
      const tail =
        joined && page.nextCursor && last
          ? latest.rows.filter((r) => !fresh.has(r.message.id) && olderThan(r, last))
          : [];
      $list.set({
        ...latest,
        rows: [...page.rows, ...tail],
        nextCursor: page.nextCursor && tail.length ? latest.nextCursor : page.nextCursor,
        pinned: page.pinned,
        total: page.total ?? latest.total,
        folders: page.folders ?? latest.folders,
      });
      return page.rows.filter((r) => !known.has(r.message.id)).map((r) => r.message.id);
    } catch {
      return [];
    }
  };

  const store = {
    $list,
    get view() {
      return view;
    },
    get filter() {
      return filter;
    },
    /** Loads the first page of a view and filter (the list is cleared while it loads). */
    async load(nextView: InboxView, nextFilter: MailboxFilter): Promise<void> {
      view = nextView;
      filter = nextFilter;
      abort?.abort();
      const controller = (abort = new AbortController());
      $list.set({ ...EMPTY, status: 'loading' });
      try {
        const page = await fetchPage(null, controller.signal);
        if (controller.signal.aborted) return;
        $list.set({
          status: 'ready',
          rows: page.rows,
          pinned: page.pinned,
          nextCursor: page.nextCursor,
          total: page.total,
          more: false,
          folders: page.folders,
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        $list.set({ ...EMPTY, status: 'error', error });
      }
    },
    /** The next page, when there is one and none is loading. */
    async more(): Promise<void> {
      const current = $list.get();
      if (current.status !== 'ready' || current.more || !current.nextCursor) return;
      const controller = abort ?? new AbortController();
      $list.set({ ...current, more: true });
      try {
        const page = await fetchPage(current.nextCursor, controller.signal);
        if (controller.signal.aborted) return;
        const latest = $list.get();
        // A reload meanwhile ended the list elsewhere (`refreshFirst`): this page no longer follows it.
        if (latest.nextCursor !== current.nextCursor) return $list.set({ ...latest, more: false });
        const known = new Set(latest.rows.map((r) => r.message.id));
        $list.set({
          ...latest,
          rows: [...latest.rows, ...page.rows.filter((r) => !known.has(r.message.id))],
          nextCursor: page.nextCursor,
          more: false,
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        $list.set({ ...$list.get(), more: false, error });
      }
    },
    /**
     * Reloads the first page without clearing the list (live: a new message, a change in another tab): the page's
     * rows in the server's order, then the loaded rows older than the page's last (the tail, unchanged). `newest` asks
     * for only that many of the newest entries (a new message: `NEWEST_ON_ARRIVAL`); when none of them was listed,
     * more may have arrived than they hold, and the whole first page is read instead. When even that shares no row
     * with the list, the list ends where the page does and its cursor goes on from there, so no entry is skipped.
     * One reload at a time: those asked meanwhile are one more, as wide as the widest asked. Answers the ids new to
     * the list.
     */
    refreshFirst(newest?: number): Promise<string[]> {
      if (waiting) {
        waiting.newest = widest(waiting.newest, newest);
        return waiting.done;
      }
      const next: { newest: number | undefined; done: Promise<string[]> } = { newest, done: Promise.resolve([]) };
      waiting = next;
      next.done = running.then(() => {
        waiting = undefined;
        return refreshOnce(next.newest);
      });
      running = next.done.catch(() => []);
      return next.done;
    },
    /** Changes rows in place (a batch, the reading pane, a live event); rows that leave the view are dropped. */
    patch(ids: readonly string[], change: (row: InboxRow) => InboxRow): void {
      const wanted = new Set(ids);
      const apply = (rows: InboxRow[]) =>
        rows
          .map((r) => (wanted.has(r.message.id) ? change(r) : r))
          .filter((r) => !wanted.has(r.message.id) || belongsTo(listedAs(), r.state));
      const current = $list.get();
      const rows = apply(current.rows);
      const dropped = current.rows.length - rows.length;
      $list.set({
        ...current,
        rows,
        pinned: apply(current.pinned).filter(
          (r) => !r.state || !r.state.readAt || (r.message.receiptRequired && !r.state.confirmedAt),
        ),
        total: current.total === null ? null : Math.max(0, current.total - dropped),
      });
    },
    reset(): void {
      abort?.abort();
      $list.set(EMPTY);
    },
  };
  return store;
}

export type ListStore = ReturnType<typeof createListStore>;
