import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { HeraldPanel, saveBlob, type HeraldClient, type HeraldStores, type LiveEvent, type UnreadState } from '@herald/client';
import { problemMessage, StoreController } from '@herald/core';
import { InboxApi } from '../api/inbox-api.js';
import type { BatchAction, BatchInput, InboxView, MailboxState, Message, Tag } from '../api/types.js';
import { renderBatchBar, renderBatchStatus } from '../batch/batch-bar.js';
import { HeraldMailboxChangeEvent, HeraldMessageOpenEvent, HeraldRequestDeleteEvent } from '../events.js';
import { renderRow, rowFormatters, type RowContext } from '../list/row.js';
import { patchVirtualizer } from '../list/virtualizer-patch.js';
import { renderSidebar, type TagEdit } from '../sidebar/sidebar.js';
import { mailboxFilter, showsPinned, withoutFilter, type FilterName, type InboxFilters } from '../state/filters.js';
import { createListStore, type InboxRow, type ListState, type ListStore } from '../state/list-store.js';
import { Selection } from '../state/selection.js';
import { managesOrganisationTags, tagTree } from '../state/tags.js';
import { renderToolbar } from '../toolbar/toolbar.js';
import { styles } from './inbox.styles.js';
import '../message/define.js';

const VIEWS: readonly InboxView[] = ['inbox', 'sent', 'archived', 'trash'];
const EMPTY_LIST: ListState = { status: 'idle', rows: [], pinned: [], nextCursor: null, total: null, more: false };
/** The live events that change what the list shows (docs/api.md "Live events of the inbox"). */
const LIVE_EVENTS = ['message.received', 'message.updated', 'message.recalled', 'message.expired', 'mailbox.updated', 'tags.updated'] as const;

const isTyping = (origin: EventTarget | undefined) =>
  origin instanceof HTMLElement && (origin.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(origin.tagName));

/** How a batch action changes one entry's state, applied locally right after the server said yes. */
function applyAction(state: MailboxState | undefined, action: string, now: number, tagId?: string): MailboxState | undefined {
  if (!state) return state;
  switch (action) {
    case 'read':
      return { ...state, readAt: state.readAt ?? now };
    case 'unread':
      return { ...state, readAt: null };
    case 'archive':
      return { ...state, archivedAt: state.archivedAt ?? now };
    case 'unarchive':
      return { ...state, archivedAt: null };
    case 'delete':
      return { ...state, deletedAt: state.deletedAt ?? now };
    case 'restore':
      return { ...state, deletedAt: null };
    case 'tag':
      return tagId ? { ...state, tagIds: [...new Set([...(state.tagIds ?? []), tagId])] } : state;
    case 'untag':
      return tagId ? { ...state, tagIds: (state.tagIds ?? []).filter((t) => t !== tagId) } : state;
    case 'confirm':
      return { ...state, confirmedAt: state.confirmedAt ?? now, needsConfirmation: false };
    default:
      return state;
  }
}

/**
 * The signed-in person's mailbox (R6, R11–R13): views (Inbox with its unread count, Sent, Archived, Trash), the
 * organisation and personal tag trees, search and filters, a virtualised list paged as it scrolls, selection with
 * a batch bar, keyboard shortcuts and live updates; the reading pane shows `<herald-message-view>`.
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one.
 *
 * Keyboard (not while typing): `j`/`k` or ↓/↑ move, `Enter`/`o` open, `x` select, `Shift+x` select a range,
 * `e` archive (unarchive in Archived), `#`/`Delete` delete, `u` back to the list (or mark unread), `/` search,
 * `Escape` clear the selection.
 *
 * @tag herald-inbox
 * @fires herald-message-open - The user opened a message (`detail.messageId`).
 * @fires herald-mailbox-change - The user changed entries from the list (`detail.messageIds`, `detail.action`).
 * @fires herald-request-delete - Cancelable, before entries go to the trash (`kind: 'mailbox'`) or a tag is deleted (`kind: 'tag'`).
 * @slot empty - Replaces the default empty-state text.
 * @slot actions - Custom actions shown in the header.
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart body - The content area (a size container: narrow hosts stack list and reader).
 * @csspart empty - The default empty-state text.
 * @csspart sidebar - The views and tag trees.
 * @csspart view - A view link. @csspart tag-link - A tag of the tree.
 * @csspart toolbar - Search, filters and chips. @csspart search - The search box. @csspart chip - An active filter.
 * @csspart list - The list of entries. @csspart row - One entry (also `row-unread`, `row-open`).
 * @csspart pinned - Urgent entries pinned above the list.
 * @csspart batch-bar - The bar of actions for the selection.
 * @csspart reader - The reading pane.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldInbox extends HeraldPanel {
  static override styles = styles;

  protected readonly titleKey = 'inbox.title' as const;

  /** The view shown: `inbox`, `sent`, `archived` or `trash`. */
  @property({ reflect: true }) view: InboxView = 'inbox';
  /** Entries per page (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() protected tagId: string | null = null;
  @state() protected filters: InboxFilters = {};
  @state() protected q = '';
  @state() protected filtersOpen = false;
  @state() protected openedId: string | null = null;
  @state() protected activeIndex = 0;
  @state() protected tags: Tag[] = [];
  @state() protected tagsError = '';
  @state() protected expanded = new Set<string>();
  @state() protected tagEdit: TagEdit | null = null;
  @state() protected batchStatus = '';
  @state() protected batchError = '';
  @state() protected busy = false;
  /** Bumped when the selection changes (it is mutated in place). */
  @state() protected selectionVersion = 0;

  protected readonly selection = new Selection();
  @query('lit-virtualizer') protected virtualizer?: LitVirtualizer;
  @query('input.search') protected searchInput?: HTMLInputElement;

  private api?: InboxApi;
  private list?: ListStore;
  private listCtl?: StoreController<ListState>;
  private unreadCtl?: StoreController<UnreadState>;
  private connectedClient?: HeraldClient;
  private connectedStores?: HeraldStores;
  private cleanups: Array<() => void> = [];
  private searchTimer?: ReturnType<typeof setTimeout>;
  private loadedKey = '';

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.onKeydown(e));
    // The reading pane changed an entry (read, confirmed, archived …): patch its row.
    this.addEventListener('herald-mailbox-change', (e) => {
      if (e.composedPath()[0] === this) return;
      this.applyChange(e.detail.messageIds, e.detail.action, e.detail.state as Partial<MailboxState> | undefined);
    });
    this.addEventListener('herald-message-manage', (e) => void this.refreshRows([e.detail.messageId]));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLive();
  }

  private stopLive(): void {
    this.cleanups.forEach((c) => c());
    this.cleanups = [];
    this.connectedClient = undefined;
    this.connectedStores = undefined;
  }

  /** The list's state (empty before the client is known). */
  protected get listState(): ListState {
    return this.listCtl?.value ?? EMPTY_LIST;
  }

  protected get rows(): InboxRow[] {
    return this.listState.rows;
  }

  protected get unread(): UnreadState {
    return this.unreadCtl?.value ?? { unread: 0, urgent: 0 };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client, stores } = this.herald;
    const signedIn = this.herald.session.status === 'signed-in';
    if (client && stores && signedIn && (client !== this.connectedClient || stores !== this.connectedStores)) this.connect(client, stores);
    if (!signedIn && this.connectedClient) {
      this.stopLive();
      this.list?.reset();
    }
    if (changed.has('view') && !VIEWS.includes(this.view)) this.view = 'inbox';
    if (this.list && (changed.has('view') || changed.has('pageSize'))) this.reload();
  }

  private connect(client: HeraldClient, stores: HeraldStores): void {
    this.stopLive();
    this.connectedClient = client;
    this.connectedStores = stores;
    this.api = new InboxApi(client);
    this.list = createListStore(this.api, this.pageSize);
    if (this.listCtl) this.listCtl.setStore(this.list.$list);
    else this.listCtl = new StoreController(this, this.list.$list);
    if (this.unreadCtl) this.unreadCtl.setStore(stores.$unread);
    else this.unreadCtl = new StoreController(this, stores.$unread);
    this.cleanups = [
      stores.unread.start(stores.$session),
      ...LIVE_EVENTS.map((type) => client.live.on(type, (event) => this.onLive(event))),
    ];
    this.loadedKey = '';
    this.reload();
    void this.loadTags();
  }

  /** Loads the first page for the current view, tag, filters and search (once per distinct query). */
  protected reload(force = false): void {
    if (!this.list) return;
    const filter = mailboxFilter(this.view, this.tagId, this.filters, this.q);
    const key = JSON.stringify([this.view, filter, this.pageSize]);
    if (key === this.loadedKey && !force) return;
    this.loadedKey = key;
    if (this.list && this.pageSize !== 50) this.list = this.recreateList();
    this.selection.clear();
    this.selectionVersion++;
    this.activeIndex = 0;
    this.batchStatus = '';
    this.batchError = '';
    void this.list.load(this.view, filter);
  }

  private recreateList(): ListStore {
    const list = createListStore(this.api!, Math.min(200, Math.max(1, this.pageSize)));
    this.listCtl!.setStore(list.$list);
    return list;
  }

  private async loadTags(): Promise<void> {
    if (!this.api) return;
    try {
      this.tags = await this.api.tags();
      this.tagsError = '';
    } catch (error) {
      this.tagsError = problemMessage(error, this.i18n);
    }
  }

  // ---- live ---------------------------------------------------------------------------------------------------

  private onLive(event: LiveEvent): void {
    const data = (event.data ?? {}) as { messageId?: string; messageIds?: string[]; action?: string; state?: Partial<MailboxState> };
    const ids = data.messageIds ?? (data.messageId ? [data.messageId] : []);
    switch (event.type) {
      case 'message.received':
        if (this.view === 'inbox' || this.view === 'sent') void this.list?.refreshFirst().then(() => void this.loadTags());
        else void this.loadTags();
        return;
      case 'message.recalled':
        this.list?.patch(ids, (r) => ({ ...r, message: { ...r.message, recalledAt: r.message.recalledAt ?? Date.now() } }));
        return;
      case 'message.expired':
        this.list?.patch(ids, (r) => ({ ...r, message: { ...r.message, expired: true } }));
        return;
      case 'message.updated':
        void this.refreshRows(ids);
        return;
      case 'mailbox.updated':
        if (data.action && ['read', 'unread', 'archive', 'unarchive', 'delete', 'restore', 'confirm'].includes(data.action) && ids.length) {
          this.applyChange(ids, data.action, data.state);
        } else void this.list?.refreshFirst();
        void this.loadTags();
        return;
      case 'tags.updated':
        void this.loadTags();
        return;
    }
  }

  /** Patches rows after a change made elsewhere (reading pane, another tab, a batch). */
  protected applyChange(ids: readonly string[], action: string, state?: Partial<MailboxState>, tagId?: string): void {
    if (!this.list || !ids.length) return;
    const now = Date.now();
    this.list.patch(ids, (row) => ({ ...row, state: state && row.state ? { ...row.state, ...state } : applyAction(row.state, action, now, tagId) }));
    this.afterRowsChanged();
  }

  private afterRowsChanged(): void {
    const order = this.rows.map((r) => r.message.id);
    this.selection.retain(order);
    this.selectionVersion++;
    if (this.activeIndex >= order.length) this.activeIndex = Math.max(0, order.length - 1);
    if (this.openedId && !order.includes(this.openedId) && !this.listState.pinned.some((r) => r.message.id === this.openedId)) {
      // The opened entry left this view (archived, deleted): keep it open; the reader still shows it.
    }
  }

  /** Re-reads single messages (edited by their sender) and replaces their rows. */
  private async refreshRows(ids: readonly string[]): Promise<void> {
    if (!this.api || !this.list) return;
    for (const id of ids) {
      if (!this.rows.some((r) => r.message.id === id)) continue;
      try {
        const response = await this.api.client.fetch(this.api.client.url(`/messages/${encodeURIComponent(id)}`));
        if (!response.ok) continue;
        const message = (await response.json()) as Message;
        this.list.patch([id], (row) => ({ ...row, message }));
      } catch {
        /* keep the row as it was */
      }
    }
  }

  // ---- selection and opening ----------------------------------------------------------------------------------

  /** The loaded entries' ids in list order (memoised per rows array: render and keyboard ask often). */
  protected get order(): string[] {
    const rows = this.rows;
    if (this.orderOf !== rows) {
      this.orderOf = rows;
      this.orderCache = rows.map((r) => r.message.id);
    }
    return this.orderCache;
  }
  private orderOf?: InboxRow[];
  private orderCache: string[] = [];

  protected toggleSelect(index: number, range = false): void {
    const row = this.rows[index];
    if (!row || this.view === 'sent') return;
    if (range) this.selection.range(this.order, row.message.id);
    else this.selection.toggle(row.message.id);
    this.selectionVersion++;
  }

  protected clearSelection(): void {
    this.selection.clear();
    this.selectionVersion++;
  }

  /**
   * Shows a message in the reading pane — for the host, e.g. when `<herald-urgent-alert>` says "Open". It need not be
   * in the loaded list (the pane loads it by id); no `herald-message-open` event, as the host asked for it.
   */
  open(messageId: string): void {
    this.openedId = messageId;
    const index = this.order.indexOf(messageId);
    if (index >= 0) this.activeIndex = index;
  }

  /** The user opens an entry in the reading pane. */
  protected openRow(row: InboxRow | undefined): void {
    if (!row) return;
    this.openedId = row.message.id;
    this.emit(new HeraldMessageOpenEvent({ messageId: row.message.id }));
  }

  /** Back from the reader to the list (narrow hosts), focus on the row that was open. */
  protected async backToList(): Promise<void> {
    const index = this.order.indexOf(this.openedId ?? '');
    this.openedId = null;
    await this.updateComplete;
    if (index >= 0) await this.focusRow(index);
  }

  protected async focusRow(index: number): Promise<void> {
    if (!this.rows.length) return;
    this.activeIndex = Math.max(0, Math.min(this.rows.length - 1, index));
    await this.updateComplete;
    const virtualizer = this.virtualizer;
    if (!virtualizer) return;
    virtualizer.element(this.activeIndex)?.scrollIntoView({ block: 'nearest' });
    for (let i = 0; i < 10; i++) {
      // The virtualizer renders after its own update: wait a frame so a removed row is not focused.
      await new Promise((r) => requestAnimationFrame(r));
      const el = virtualizer.querySelector<HTMLElement>(`[data-index="${this.activeIndex}"]`);
      if (el?.isConnected) {
        el.focus({ preventScroll: false });
        return;
      }
    }
  }

  // ---- keyboard -----------------------------------------------------------------------------------------------

  private onKeydown(e: KeyboardEvent): void {
    const origin = e.composedPath()[0];
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(origin)) return;
    const inList = origin instanceof HTMLElement && !!origin.closest('lit-virtualizer');
    const inReader = e.composedPath().some((n) => n instanceof HTMLElement && n.classList.contains('reader'));
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'j':
      case 'k':
        handled();
        void this.focusRow(this.activeIndex + (e.key === 'j' ? 1 : -1));
        return;
      case 'ArrowDown':
      case 'ArrowUp':
        if (!inList) return;
        handled();
        void this.focusRow(this.activeIndex + (e.key === 'ArrowDown' ? 1 : -1));
        if (e.shiftKey) this.toggleSelect(this.activeIndex, true);
        return;
      case 'Home':
      case 'End':
        if (!inList) return;
        handled();
        void this.focusRow(e.key === 'Home' ? 0 : this.rows.length - 1);
        return;
      case 'Enter':
      case 'o':
        if (!inList && e.key === 'Enter') return;
        handled();
        this.openRow(this.rows[this.activeIndex]);
        return;
      case ' ':
        if (!inList) return;
        handled();
        this.toggleSelect(this.activeIndex, e.shiftKey);
        return;
      case 'x':
      case 'X':
        handled();
        this.toggleSelect(this.activeIndex, e.shiftKey || e.key === 'X');
        return;
      case 'e':
        if (this.view === 'sent' || this.view === 'trash') return;
        handled();
        void this.runBatch(this.view === 'archived' ? 'unarchive' : 'archive');
        return;
      case '#':
      case 'Delete':
        if (this.view === 'sent' || this.view === 'trash') return;
        handled();
        void this.runBatch('delete');
        return;
      case 'u':
        handled();
        if (this.openedId && (inReader || this.isNarrow())) void this.backToList();
        else if (this.view !== 'sent') void this.runBatch('unread');
        return;
      case '/':
        handled();
        this.searchInput?.focus();
        return;
      case 'Escape':
        if (this.selection.size || this.selection.allMatching) {
          handled();
          this.clearSelection();
        } else if (this.openedId && this.isNarrow()) {
          handled();
          void this.backToList();
        }
        return;
    }
  }

  private isNarrow(): boolean {
    return this.getBoundingClientRect().width < 760;
  }

  // ---- batch --------------------------------------------------------------------------------------------------

  /** The selection, or (nothing selected) the focused entry. */
  protected targets(): { ids: string[]; all: boolean } {
    if (this.selection.allMatching) return { ids: this.order, all: true };
    if (this.selection.size) return { ids: [...this.selection.ids], all: false };
    // A shortcut pressed while reading acts on the message being read.
    if (this.openedId && this.shadowRoot?.activeElement?.closest('.reader')) return { ids: [this.openedId], all: false };
    const row = this.rows[this.activeIndex];
    return { ids: row ? [row.message.id] : [], all: false };
  }

  protected async runBatch(action: BatchAction, tagId?: string): Promise<void> {
    if (!this.api || !this.list || this.busy || this.view === 'sent') return;
    const { ids, all } = this.targets();
    if (!ids.length && !all) return;
    if (action === 'delete' && !this.emit(new HeraldRequestDeleteEvent({ kind: 'mailbox', ids }))) return;
    const input: BatchInput = all
      ? { action, ...(tagId ? { tagId } : {}), filter: mailboxFilter(this.view, this.tagId, this.filters, this.q) }
      : { action, ...(tagId ? { tagId } : {}), messageIds: ids };
    this.busy = true;
    this.batchError = '';
    this.batchStatus = '';
    // Archiving or deleting the focused row removes it: focus then moves to the row that takes its place.
    const focusInList = !!this.shadowRoot?.activeElement?.closest('lit-virtualizer');
    try {
      const result = await this.api.batch(input);
      this.batchStatus = this.i18n.t('inbox.batch.done', { changed: result.changed, matched: result.matched });
      if (all) {
        this.clearSelection();
        await this.list.refreshFirst();
        this.loadedKey = '';
        this.reload();
      } else this.applyChange(ids, action, undefined, tagId);
      if (focusInList && !all) void this.focusRow(this.activeIndex);
      this.emit(new HeraldMailboxChangeEvent({ messageIds: ids, action }));
      void this.connectedStores?.unread.refresh();
      if (action === 'tag' || action === 'untag' || action === 'read' || action === 'unread') void this.loadTags();
    } catch (error) {
      this.batchError = this.batchProblem(error);
    } finally {
      this.busy = false;
    }
  }

  private batchProblem(error: unknown): string {
    const p = error as { code?: string; errors?: Array<{ code?: string }> };
    const field = p.errors?.find((f) => f.code && this.i18n.has(`field.${f.code}`));
    return field ? this.i18n.t(`field.${field.code}` as 'field.not-in-mailbox') : problemMessage(error, this.i18n);
  }

  protected async exportSelection(): Promise<void> {
    if (!this.api || this.busy) return;
    const { ids, all } = this.targets();
    this.busy = true;
    this.batchError = '';
    try {
      const file = await this.api.export(all ? { filter: mailboxFilter(this.view, this.tagId, this.filters, this.q) } : { messageIds: ids });
      saveBlob(file.blob, file.fileName ?? 'herald-mailbox.xlsx');
      this.batchStatus = this.i18n.t('inbox.batch.exported');
    } catch (error) {
      this.batchError = this.batchProblem(error);
    } finally {
      this.busy = false;
    }
  }

  // ---- tags ---------------------------------------------------------------------------------------------------

  protected async saveTag(name: string): Promise<void> {
    const edit = this.tagEdit;
    if (!edit || !this.api) return;
    const trimmed = name.trim();
    if (!trimmed) {
      this.tagEdit = { ...edit, name, error: this.i18n.t('field.required') };
      return;
    }
    try {
      if (edit.mode === 'create') {
        await this.api.createTag({ scope: edit.scope, parentId: edit.parentId, name: trimmed });
        if (edit.parentId) this.expanded = new Set([...this.expanded, edit.parentId]);
      } else await this.api.updateTag(edit.tagId!, { name: trimmed });
      this.tagEdit = null;
      await this.loadTags();
    } catch (error) {
      const p = error as { code?: string; errors?: Array<{ code?: string }> };
      const field = p.errors?.[0]?.code;
      this.tagEdit = { ...edit, name, error: field && this.i18n.has(`field.${field}`) ? this.i18n.t(`field.${field}` as 'field.required') : p.code === 'conflict' ? this.i18n.t('field.duplicate') : problemMessage(error, this.i18n) };
    }
  }

  protected async deleteTag(tag: Tag): Promise<void> {
    if (!this.api || !this.emit(new HeraldRequestDeleteEvent({ kind: 'tag', ids: [tag.id] }))) return;
    try {
      await this.api.deleteTag(tag.id);
      if (this.tagId === tag.id) this.selectTag(null);
      await this.loadTags();
    } catch (error) {
      this.tagsError = problemMessage(error, this.i18n);
    }
  }

  protected selectView(view: InboxView): void {
    this.tagId = null;
    this.openedId = null;
    if (this.view === view) this.reload();
    this.view = view;
    this.reload();
  }

  protected selectTag(tag: Tag | null): void {
    this.tagId = tag?.id ?? null;
    if (this.view === 'trash' || this.view === 'sent') this.view = 'inbox';
    this.openedId = null;
    this.reload();
  }

  protected setFilters(filters: InboxFilters): void {
    this.filters = filters;
    this.reload();
  }

  protected search(q: string): void {
    this.q = q;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.reload(), 250);
  }

  // ---- render -------------------------------------------------------------------------------------------------

  private get tagMap(): Map<string, Tag> {
    return new Map(this.tags.map((t) => [t.id, t]));
  }

  private senders(): Array<{ id: string; name: string }> {
    const seen = new Map<string, string>();
    if (this.filters.senderId) seen.set(this.filters.senderId, this.filters.senderName ?? this.filters.senderId);
    for (const row of this.rows.slice(0, 500)) if (!seen.has(row.message.sender.id)) seen.set(row.message.sender.id, row.message.sender.name);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, this.i18n.locale));
  }

  protected override renderBody() {
    const me = this.herald.session.me;
    const sent = this.view === 'sent';
    return html`<div class="layout ${this.openedId ? 'opened' : ''}">
      ${renderSidebar({
        i18n: this.i18n, view: this.view, tagId: this.tagId, unread: this.unread.unread, urgent: this.unread.urgent,
        trees: { organisation: tagTree(this.tags, 'organisation'), personal: tagTree(this.tags, 'personal') },
        expanded: this.expanded, manageOrganisation: managesOrganisationTags(me?.permissions as string[] | undefined),
        edit: this.tagEdit, tagsError: this.tagsError,
        onView: (view) => this.selectView(view),
        onTag: (tag) => this.selectTag(tag),
        onToggle: (id) => {
          const next = new Set(this.expanded);
          if (!next.delete(id)) next.add(id);
          this.expanded = next;
        },
        onEdit: (edit) => (this.tagEdit = edit),
        onSaveEdit: (name) => void this.saveTag(name),
        onDelete: (tag) => void this.deleteTag(tag),
      })}
      <div class="list-col" part="list-column">
        ${renderToolbar({
          i18n: this.i18n, q: this.q, filters: this.filters, sent, filtersOpen: this.filtersOpen, senders: this.senders(),
          onSearch: (q) => this.search(q),
          onFilters: (filters) => this.setFilters(filters),
          onRemove: (name: FilterName) => this.setFilters(withoutFilter(this.filters, name)),
          onToggleFilters: () => (this.filtersOpen = !this.filtersOpen),
        })}
        ${this.renderBatch()}
        ${this.renderList()}
      </div>
      ${this.renderReader()}
    </div>`;
  }

  private renderBatch() {
    const order = this.order;
    const hasSelection = this.selection.size > 0 || this.selection.allMatching;
    const total = this.listState.total;
    const coversAll = this.selection.coversAll(order);
    return html`${hasSelection
      ? renderBatchBar({
          i18n: this.i18n, view: this.view, busy: this.busy, tags: this.tags, status: this.batchStatus, error: this.batchError,
          count: this.selection.allMatching ? (total ?? order.length) : this.selection.size,
          allMatching: this.selection.allMatching,
          canSelectAllLoaded: !coversAll && !this.selection.allMatching,
          offerAll: coversAll && !this.selection.allMatching && total !== null && total > order.length ? total : null,
          onAction: (action, tagId) => void this.runBatch(action, tagId),
          onSelectAllLoaded: () => {
            this.selection.selectAll(order);
            this.selectionVersion++;
          },
          onSelectAllMatching: () => {
            this.selection.allMatching = true;
            this.selectionVersion++;
          },
          onClear: () => this.clearSelection(),
          onExport: () => void this.exportSelection(),
        })
      : nothing}
    ${renderBatchStatus({ status: this.batchStatus, error: this.batchError })}`;
  }

  private rowContext(): RowContext {
    const now = Date.now();
    return { i18n: this.i18n, tags: this.tagMap, sent: this.view === 'sent', total: this.listState.total ?? this.rows.length, now, ...rowFormatters(this.i18n, now) };
  }

  /**
   * The virtualizer's `renderItem`, made anew only when what rows show changes (active row, selection, open entry,
   * view, tags, locale, day): a new function makes the virtualizer re-render every visible row, so one per host
   * render would redo them all on every unrelated update.
   */
  private rowRenderer(): (row: InboxRow, index: number) => unknown {
    const key = [this.activeIndex, this.selectionVersion, this.openedId, this.view, this.i18n.locale, new Date().toDateString(), this.listState.total].join('|');
    if (key !== this.rowRendererKey || this.tagMap !== this.rowRendererTags || !this.rowRendererFn) {
      const ctx = this.rowContext();
      const active = this.activeIndex, opened = this.openedId, selectable = this.view !== 'sent';
      this.rowRendererFn = (row, index) => renderRow(row, index, index === active, selectable && this.selection.has(row.message.id), opened === row.message.id, ctx);
      this.rowRendererKey = key;
      this.rowRendererTags = this.tagMap;
    }
    return this.rowRendererFn;
  }
  private rowRendererFn?: (row: InboxRow, index: number) => unknown;
  private rowRendererKey = '';
  private rowRendererTags?: unknown;

  private renderList() {
    const list = this.listState;
    const { i18n } = this;
    if (list.status === 'loading' || list.status === 'idle') {
      return html`<div class="state" part="loading" role="status" aria-busy="true"><span class="spinner" aria-hidden="true"></span>${i18n.t('inbox.loading')}</div>`;
    }
    if (list.status === 'error') {
      return html`<div class="state" part="error" role="alert">
        <p>${problemMessage(list.error, i18n)}</p>
        <button type="button" @click=${() => this.reload(true)}>${i18n.t('inbox.retry')}</button>
      </div>`;
    }
    const pinned = showsPinned(this.list!.filter) && this.view === 'inbox' ? list.pinned : [];
    const filtered = !!this.q.trim() || Object.keys(this.filters).length > 0 || !!this.tagId;
    return html`
      ${pinned.length
        ? html`<section class="pinned" part="pinned" aria-labelledby="pinned-title">
            <h3 id="pinned-title">${i18n.t('inbox.pinned', { count: pinned.length })}</h3>
            <ul>${pinned.map((row) => html`<li><button type="button" class="pinned-row" aria-current=${this.openedId === row.message.id ? 'true' : 'false'} @click=${() => this.openRow(row)}>
              <span class="badge priority-urgent">${i18n.t('inbox.priority.urgent')}</span>
              <span class="who">${row.message.sender.name}</span><span class="text">${row.message.subject}</span>
              ${row.state?.readAt ? nothing : html`<span class="visually-hidden">${i18n.t('inbox.row.unread')}</span>`}
            </button></li>`)}</ul>
          </section>`
        : nothing}
      ${list.rows.length === 0
        ? html`<div class="state" part="empty-state">${filtered
            ? html`<p part="empty">${i18n.t('inbox.empty.filtered')}</p>`
            : this.view === 'inbox' ? this.renderEmpty('inbox.empty') : html`<p part="empty">${i18n.t(`inbox.empty.${this.view}`)}</p>`}</div>`
        : html`<p class="visually-hidden" id="list-help">${i18n.t('inbox.list.help')}</p>
          <lit-virtualizer
            part="list"
            class="rows"
            scroller
            role="listbox"
            aria-multiselectable=${this.view === 'sent' ? 'false' : 'true'}
            aria-label=${i18n.t(`inbox.view.${this.view}`)}
            aria-describedby="list-help"
            aria-busy=${list.more ? 'true' : 'false'}
            .items=${list.rows}
            .keyFunction=${(row: InboxRow) => row.message.id}
            .renderItem=${this.rowRenderer()}
            tabindex="-1"
            @rangeChanged=${(e: RangeChangedEvent) => this.onRange(e.first, e.last)}
            @click=${(e: MouseEvent) => this.onListClick(e)}
            @focus=${(e: FocusEvent) => this.onListFocus(e)}
            @focusin=${(e: FocusEvent) => {
              const index = Number((e.target as HTMLElement).dataset?.index);
              if (Number.isFinite(index) && index !== this.activeIndex) this.activeIndex = index;
            }}
          ></lit-virtualizer>
          ${list.more ? html`<p class="more" role="status">${i18n.t('inbox.loadingMore')}</p>` : nothing}
          ${list.error && list.status === 'ready' ? html`<p class="error more" role="alert">${problemMessage(list.error, i18n)} <button type="button" class="link" @click=${() => void this.list?.more()}>${i18n.t('inbox.retry')}</button></p>` : nothing}`}
    `;
  }

  /**
   * Scrolling changes no state (a host re-render per scroll step cost a long task at 10,000 rows). When the active
   * row scrolled out of the rendered range, the list element itself holds the one tab stop; focusing it moves focus
   * to the first visible row (onListFocus).
   */
  private onRange(first: number, last: number): void {
    patchVirtualizer(this.virtualizer);
    const list = this.listState;
    this.range = [first, last];
    const away = first >= 0 && (this.activeIndex < first || this.activeIndex > last);
    this.virtualizer?.setAttribute('tabindex', away ? '0' : '-1');
    if (list.nextCursor && !list.more && !list.error && last >= list.rows.length - 10) void this.list?.more();
  }
  private range: [number, number] = [0, 0];

  private onListFocus(e: FocusEvent): void {
    if (e.target !== this.virtualizer) return;
    void this.focusRow(Math.max(0, this.range[0]));
  }

  private onListClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-index]');
    if (!rowEl) return;
    const index = Number(rowEl.dataset.index);
    this.activeIndex = index;
    if (target.closest('[data-check]') || e.ctrlKey || e.metaKey) this.toggleSelect(index, e.shiftKey);
    else if (e.shiftKey) this.toggleSelect(index, true);
    else this.openRow(this.rows[index]);
  }

  private renderReader() {
    const { i18n } = this;
    return html`<section class="reader" part="reader" aria-label=${i18n.t('inbox.reader.label')}>
      ${this.openedId
        ? html`<button type="button" class="secondary back" @click=${() => void this.backToList()}>← ${i18n.t('inbox.reader.back')}</button>
          <herald-message-view .messageId=${this.openedId}></herald-message-view>`
        : html`<p class="state muted">${i18n.t('inbox.reader.none')}</p>`}
    </section>`;
  }
}
