// What the inbox's parts (live updates, keyboard, batch and tag actions, the list column) read and call on the inbox.
// The inbox keeps every piece of state (as reactive properties, so a change re-renders it); the parts are functions
// and one controller over this view of it, and they all render into the inbox's one shadow root.
import type { TemplateResult } from 'lit';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { HeraldStores } from '@herald/client';
import type { LocalizeController, MessageKey, Note } from '@herald/core';
import type { ActionsPart } from '../actions/load.js';
import type { InboxApi } from '../api/inbox-api.js';
import type { BatchAction, InboxView, MailboxFilter, MailboxState, Tag } from '../api/types.js';
import type { TagEdit } from '../sidebar/sidebar.js';
import type { InboxFilters } from '../state/filters.js';
import type { InboxRow, ListState, ListStore } from '../state/list-store.js';
import type { Selection } from '../state/selection.js';

/** The inbox element, as its parts see it. */
export type InboxHost = HTMLElement & {
  readonly shadowRoot: ShadowRoot | null;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
};

export interface InboxContext {
  readonly host: InboxHost;
  readonly i18n: LocalizeController;
  readonly view: InboxView;
  readonly tagId: string | null;
  readonly filters: InboxFilters;
  readonly q: string;
  /** The client's API and the list store, or undefined before the client is known. */
  readonly api: InboxApi | undefined;
  readonly list: ListStore | undefined;
  readonly stores: HeraldStores | undefined;
  /** The list's state (empty before the client is known), its rows and their ids in list order. */
  readonly listState: ListState;
  readonly rows: InboxRow[];
  readonly order: string[];
  /** Mutated in place: bump `selectionVersion` after a change. */
  readonly selection: Selection;
  selectionVersion: number;
  activeIndex: number;
  openedId: string | null;
  tags: Tag[];
  tagsError: string;
  expanded: Set<string>;
  tagEdit: TagEdit | null;
  /** The last batch's outcome and failure, kept as a note and the problem: put into words in the current locale. */
  batchStatus: Note | null;
  batchError: unknown;
  /** After archiving or deleting entries from the list: what "Undo" does, for a few seconds (issue 23). */
  batchUndo: { action: BatchAction; ids: string[] } | null;
  busy: boolean;
  readonly virtualizer: LitVirtualizer | undefined;
  readonly searchInput: HTMLInputElement | undefined;
  /** The server filter for the current view, tag, filters and search. */
  filter(): MailboxFilter;
  /** Dispatches an event from the inbox; false when a cancelable one was cancelled. */
  emit(event: Event): boolean;
  /** Loads the first page for the current view, tag, filters and search (once per distinct query unless forced). */
  reload(force?: boolean): void;
  selectTag(tag: Tag | null): void;
  /** Shows another view, keeping the search and filters (the search's folder hint). */
  showView(view: InboxView): void;
  renderEmpty(key: MessageKey): TemplateResult;
  /**
   * The lazy actions chunk (issue 16: batch bar, batch actions, tag form) with its styles adopted into this inbox, or
   * undefined while it loads (asked for then; the inbox renders again once it is here).
   */
  actions(): ActionsPart | undefined;
  /** The actions chunk once it has loaded (undefined if it could not be fetched). */
  withActions(): Promise<ActionsPart | undefined>;
  // What the actions chunk calls back (so that it imports none of the first load's inbox modules: issue 16, a module
  // shared by the first load and a lazy chunk is a file of its own there).
  /** Patches the loaded rows after a change (apply-change.ts). */
  applyChange(ids: readonly string[], action: string, state?: Partial<MailboxState>, tagId?: string): void;
  clearSelection(): void;
  focusRow(index: number): Promise<void>;
  loadTags(): Promise<void>;
  /** `herald-mailbox-change`: the user changed these entries from the list. */
  emitChange(messageIds: string[], action: BatchAction): void;
  /** `herald-mailbox-delete-request` (cancelable) before entries go to the trash: false when the host cancelled it. */
  requestDelete(ids: string[]): boolean;
  /** A problem in words (problemMessage). */
  problemText(error: unknown): string;
}
