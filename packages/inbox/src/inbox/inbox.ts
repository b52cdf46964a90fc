import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import { HeraldPanel, LiveSubscription, type HeraldClient, type HeraldStores, type UnreadState } from '@herald/client';
import { adoptLazyStyles, problemMessage, StoreController, whenIdle, type Note } from '@herald/core';
import { loadActions, type ActionsPart } from '../actions/load.js';
import { InboxApi } from '../api/inbox-api.js';
import type { BatchAction, InboxView, MailboxState, Tag } from '../api/types.js';
import { renderSidebar, type TagEdit } from '../sidebar/sidebar.js';
import { mailboxFilter, withoutFilter, type FilterName, type InboxFilters } from '../state/filters.js';
import { createListStore, type InboxRow, type ListState, type ListStore } from '../state/list-store.js';
import { Selection } from '../state/selection.js';
import { managesOrganisationTags, tagTree } from '../state/tags.js';
import { renderToolbar } from '../toolbar/toolbar.js';
import { applyChange } from './apply-change.js';
import { HeraldMailboxChangeEvent } from '../events/mailbox-change.js';
import { HeraldMailboxDeleteRequestEvent } from '../events/mailbox-delete-request.js';
import { HeraldTagDeleteRequestEvent } from '../events/tag-delete-request.js';
import type { InboxContext } from './context.js';
import { styles } from './inbox.styles.js';
import { onKeydown } from './keyboard.js';
import { liveHandlers, refreshRows } from './live.js';
import { backToList, clearSelection, focusRow } from './navigation.js';
import { InboxList, renderBatch, senders } from './render-list.js';
import { loadTags, toggleExpanded } from './tag-actions.js';
import { loadMessageView } from '../message/load.js';
import { loadVirtualizer } from '../list/load-virtualizer.js';
import { loadDraftList } from '../drafts/load.js';
import { inboxStrings } from '../i18n/index.js';
import { withDesk, type Desk } from '../conversations/load.js';

const VIEWS: readonly InboxView[] = [
  'inbox',
  'sent',
  'archived',
  'trash',
  'starred',
  'snoozed',
  'mentions',
  'knowledge',
  'drafts',
];
const EMPTY_LIST: ListState = { status: 'idle', rows: [], pinned: [], nextCursor: null, total: null, more: false };

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
 * @fires {HeraldMessageOpenEvent} herald-message-open - The user opened a message (`detail.messageId`).
 * @fires {HeraldMailboxChangeEvent} herald-mailbox-change - The user changed entries from the list
 *   (`detail.messageIds`, `detail.action`).
 * @fires {HeraldMailboxDeleteRequestEvent} herald-mailbox-delete-request - Cancelable, before entries go to the
 *   trash. `detail.messageIds`.
 * @fires {HeraldTagDeleteRequestEvent} herald-tag-delete-request - Cancelable, before a tag is deleted. `detail = {
 *   id, name }`.
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
 * @csspart search-scope - Where a search looked, and buttons to the other folders holding hits.
 * @csspart search-suggestions - The search box's suggestions (issue 20 #8). @csspart search-problem - A search value
 * the server would refuse, in words.
 * @csspart list - The list of entries. @csspart row - One entry (also `row-unread`, `row-open`).
 * @csspart pinned - Urgent entries pinned above the list.
 * @csspart batch-bar - The bar of actions for the selection.
 * @csspart reader - The reading pane.
 * @csspart list-column - The column holding the toolbar and the list.
 * @csspart chips - The row of active filters.
 * @csspart loading - The loading line of the list.
 * @csspart error - A failed load or action, with its cause.
 * @csspart empty-state - The box shown when a view or search has no entries (holds the `empty` slot).
 * @csspart batch-status - The outcome of the last batch action (a live region).
 * @csspart batch-error - A batch action's failure.
 * @csspart check - A row's selection checkbox.
 * @csspart icon - A row's sender or kind icon.
 * @csspart priority - A row's priority badge.
 * @csspart kind - A row's kind badge (internal, external, notice).
 * @csspart tag - One tag on a row.
 * @csspart flag - A row's flag (pinned, receipt required, due).
 * @csspart counts - A row's counts (attachments, replies).
 * @csspart preview - A row's preview line: the start of the message's text (issue 20).
 * @csspart mention - A row's "Mentions you" badge (issue 19 #3).
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldInbox extends HeraldPanel {
  static override catalogues = [inboxStrings];
  static override styles = styles;

  protected readonly titleKey = 'inbox.title' as const;
  /** Issue 20: the header's "My settings", loaded when pressed. */
  protected override readonly openMySettings = () =>
    void import('@herald/client/my-settings').then((m) => m.openMySettings(this));
  protected override readonly signedOutKey = 'common.signedOut' as const;

  /**
   * The view shown: `inbox`, `sent`, `archived`, `trash`, `starred`, `snoozed`, `mentions` (issue 19 #3) or `drafts`
   * (issue 20 #2: <herald-draft-list>, loaded when chosen).
   */
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
  @state() protected batchStatus: Note | null = null;
  @state() protected batchError: unknown = null;
  @state() protected batchUndo: { action: BatchAction; ids: string[] } | null = null;
  @state() protected busy = false;
  /** Bumped when the selection changes (it is mutated in place). */
  @state() protected selectionVersion = 0;

  protected readonly selection = new Selection();
  @query('lit-virtualizer') protected virtualizer?: LitVirtualizer;
  @query('input.search') protected searchInput?: HTMLInputElement;

  private api?: InboxApi;
  /** Issue 19 #5: the customer conversations (a lazy part: sidebar entries, the queue, the new-conversation form). */
  private desk?: Desk;
  private list?: ListStore;
  private listCtl?: StoreController<ListState>;
  private unreadCtl?: StoreController<UnreadState>;
  private connectedClient?: HeraldClient;
  private connectedStores?: HeraldStores;
  private cleanups: Array<() => void> = [];
  private searchTimer?: ReturnType<typeof setTimeout>;
  private loadedKey = '';

  /** What the parts (live, keyboard, batch and tag actions, the list column) read and change on the inbox. */
  private readonly ctx: InboxContext = this.createContext();
  private readonly live = new LiveSubscription(this, liveHandlers(this.ctx));
  private readonly listView = new InboxList(this.ctx);

  constructor() {
    super();
    this.addEventListener('keydown', (e) => onKeydown(this.ctx, e));
    // The reading pane changed an entry (read, confirmed, archived …): patch its row.
    this.addEventListener('herald-mailbox-change', (e) => {
      if (e.composedPath()[0] === this) return;
      const { messageIds, action } = e.detail;
      applyChange(this.ctx, messageIds, action, e.detail.state as Partial<MailboxState> | undefined);
      if (['archive', 'unarchive', 'delete', 'restore'].includes(action)) {
        void this.connectedStores?.unread.refresh();
        // Undone in the reading pane: the entry comes back into this view's list.
        if (messageIds.some((id) => !this.order.includes(id))) void this.list?.refreshFirst();
      }
      if (action === 'tag' || action === 'untag') void loadTags(this.ctx);
    });
    this.addEventListener('herald-message-manage', (e) => void refreshRows(this.ctx, [e.detail.messageId]));
  }

  private createContext(): InboxContext {
    // Accessors, not copies: the parts read the state as it is now, and their writes go to the reactive properties.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below have a `this` of their own
    const host = this;
    return {
      host,
      i18n: this.i18n,
      selection: this.selection,
      get view() {
        return host.view;
      },
      get tagId() {
        return host.tagId;
      },
      get filters() {
        return host.filters;
      },
      get q() {
        return host.q;
      },
      get api() {
        return host.api;
      },
      get list() {
        return host.list;
      },
      get stores() {
        return host.connectedStores;
      },
      get listState() {
        return host.listState;
      },
      get rows() {
        return host.rows;
      },
      get order() {
        return host.order;
      },
      get virtualizer() {
        return host.virtualizer;
      },
      get searchInput() {
        return host.searchInput;
      },
      get selectionVersion() {
        return host.selectionVersion;
      },
      set selectionVersion(v) {
        host.selectionVersion = v;
      },
      get activeIndex() {
        return host.activeIndex;
      },
      set activeIndex(v) {
        host.activeIndex = v;
      },
      get openedId() {
        return host.openedId;
      },
      set openedId(v) {
        host.openedId = v;
      },
      get tags() {
        return host.tags;
      },
      set tags(v) {
        host.tags = v;
      },
      get tagsError() {
        return host.tagsError;
      },
      set tagsError(v) {
        host.tagsError = v;
      },
      get expanded() {
        return host.expanded;
      },
      set expanded(v) {
        host.expanded = v;
      },
      get tagEdit() {
        return host.tagEdit;
      },
      set tagEdit(v) {
        host.tagEdit = v;
      },
      get batchStatus() {
        return host.batchStatus;
      },
      set batchStatus(v) {
        host.batchStatus = v;
      },
      get batchError() {
        return host.batchError;
      },
      set batchError(v) {
        host.batchError = v;
      },
      get batchUndo() {
        return host.batchUndo;
      },
      set batchUndo(v) {
        host.batchUndo = v;
      },
      get busy() {
        return host.busy;
      },
      set busy(v) {
        host.busy = v;
      },
      filter: () => mailboxFilter(this.view, this.tagId, this.filters, this.q),
      emit: (event) => this.emit(event),
      reload: (force) => this.reload(force),
      selectTag: (tag) => this.selectTag(tag),
      showView: (view) => this.selectView(view),
      renderEmpty: (key) => this.renderEmpty(key),
      actions: () => this.actions(),
      withActions: () => this.withActions(),
      applyChange: (ids, action, state, tagId) => applyChange(this.ctx, ids, action, state, tagId),
      clearSelection: () => clearSelection(this.ctx),
      focusRow: (index) => focusRow(this.ctx, index),
      loadTags: () => loadTags(this.ctx),
      emitChange: (messageIds, action) => void this.emit(new HeraldMailboxChangeEvent({ messageIds, action })),
      requestDelete: (messageIds) => this.emit(new HeraldMailboxDeleteRequestEvent({ messageIds })),
      problemText: (error) => problemMessage(error, this.i18n),
    };
  }

  /** The lazy actions chunk (issue 16), once it, its strings and its styles are here; asked for while missing. */
  private actions(): ActionsPart | undefined {
    if (!this.actionsReady) void this.withActions();
    return this.actionsReady;
  }

  private actionsReady?: ActionsPart;
  private actionsLoading?: Promise<ActionsPart | undefined>;

  /** The actions chunk with its strings (in this inbox's locale) and its styles adopted into this inbox. */
  private withActions(): Promise<ActionsPart | undefined> {
    this.actionsLoading ??= this.loadPart(async () => {
      const part = await loadActions();
      if (!(await this.i18n.use(part.actionStrings))) throw new Error("The inbox actions' strings did not load");
      adoptLazyStyles(this, part.actionStyles);
      return (this.actionsReady = part);
    }).then((part) => {
      if (!part) this.actionsLoading = undefined; // could not be fetched: the next use tries again
      return part;
    });
    return this.actionsLoading;
  }

  /** The pointer or focus came to the list or the tags: the actions will likely be wanted, load them ahead. */
  private readonly preloadActions = () => {
    if (!this.actionsReady) void this.withActions();
  };

  private cancelPrefetch?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    void loadVirtualizer().then(() => this.requestUpdate());
  }

  protected override firstUpdated(): void {
    this.cancelPrefetch = whenIdle(() => void loadMessageView());
  }

  override disconnectedCallback(): void {
    this.cancelPrefetch?.();
    super.disconnectedCallback();
    this.stopLive();
  }

  private stopLive(): void {
    this.cleanups.forEach((c) => c());
    this.cleanups = [];
    this.live.stop();
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
    return this.unreadCtl?.value ?? { unread: 0, urgent: 0, mentions: 0 };
  }

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

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client, stores } = this.herald;
    const signedIn = this.herald.session.status === 'signed-in';
    if (client && stores && signedIn && (client !== this.connectedClient || stores !== this.connectedStores))
      this.connect(client, stores);
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
    this.cleanups = [stores.unread.start(stores.$session)];
    this.live.follow(client);
    void withDesk(this.ctx).then((desk) => ((this.desk = desk), this.requestUpdate()));
    this.loadedKey = '';
    this.reload();
    void loadTags(this.ctx);
  }

  /** Loads the first page for the current view, tag, filters and search (once per distinct query). */
  protected reload(force = false): void {
    // The Knowledge view loads its own items; the Drafts view is <herald-draft-list>'s (issue 20 #2).
    if (!this.list || this.view === 'knowledge' || this.view === 'drafts') return;
    const filter = mailboxFilter(this.view, this.tagId, this.filters, this.q);
    const key = JSON.stringify([this.view, filter, this.pageSize]);
    if (key === this.loadedKey && !force) return;
    this.loadedKey = key;
    if (this.list && this.pageSize !== 50) this.list = this.recreateList();
    this.selection.clear();
    this.selectionVersion++;
    this.activeIndex = 0;
    this.batchStatus = null;
    this.batchError = null;
    this.batchUndo = null;
    void this.list.load(this.view, filter);
  }

  private recreateList(): ListStore {
    const list = createListStore(this.api!, Math.min(200, Math.max(1, this.pageSize)));
    this.listCtl!.setStore(list.$list);
    return list;
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

  protected selectView(view: InboxView): void {
    this.desk?.show(null);
    this.tagId = null;
    this.openedId = null;
    if (this.view === view) this.reload();
    this.view = view;
    this.reload();
  }

  protected selectTag(tag: Tag | null): void {
    this.tagId = tag?.id ?? null;
    this.desk?.show(null);
    if (this.view === 'trash') this.view = 'inbox'; // Sent stays: the sender's own tags (issue 19 #9)
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

  protected override renderBody() {
    const me = this.herald.session.me;
    const { ctx } = this;
    return html`<div class="layout ${this.openedId ? 'opened' : ''}" @pointerover=${this.preloadActions}
      @focusin=${this.preloadActions}>
      ${renderSidebar({
        i18n: this.i18n,
        view: this.view,
        tagId: this.tagId,
        unread: this.unread.unread,
        urgent: this.unread.urgent,
        mentions: this.unread.mentions,
        trees: { organisation: tagTree(this.tags, 'organisation'), personal: tagTree(this.tags, 'personal') },
        expanded: this.expanded,
        manageOrganisation: managesOrganisationTags(me?.permissions as string[] | undefined),
        edit: this.tagEdit,
        tagsError: this.tagsError,
        onView: (view) => this.selectView(view),
        onTag: (tag) => this.selectTag(tag),
        onToggle: (id) => toggleExpanded(ctx, id),
        onEdit: (edit) => (this.tagEdit = edit),
        onSaveEdit: (name) => void this.withActions().then((part) => part?.saveTag(ctx, name)),
        // Asked at once, in the click (the host may confirm with the user); the delete itself is in the actions chunk.
        onDelete: (tag) =>
          this.emit(new HeraldTagDeleteRequestEvent({ id: tag.id, name: tag.name })) &&
          void this.withActions().then((part) => part?.deleteTag(ctx, tag)),
        renderEditForm: (label) => this.renderTagForm(label),
        knowledge: me?.subject?.kind === 'member',
        desk: this.desk?.entries(),
        away: !!this.desk?.mode,
      })}
      ${this.view === 'knowledge' && !this.desk?.mode ? this.renderKnowledge() : this.renderMailbox()}
    </div>`;
  }

  /**
   * Issue 19 #7: the knowledge space in place of the list and the reading pane. <herald-knowledge-view> comes with the
   * reading pane's lazy chunk (prefetched when idle): a chunk of its own would cost the first load (issue 16's budget).
   */
  private renderKnowledge() {
    void loadMessageView();
    return html`<herald-knowledge-view class="knowledge" locale=${this.i18n.locale}></herald-knowledge-view>`;
  }

  /** The list column and the reading pane: the customer desk's (issue 19 #5) while it is shown, else the view's. */
  private renderMailbox() {
    return html`<div class="list-col" part="list-column">
        ${this.desk?.queue() ?? (this.view === 'drafts' ? this.renderDrafts() : this.renderList())}
      </div>
      ${this.desk?.reader() ?? (this.view === 'drafts' ? nothing : this.renderReader())}`;
  }

  /** Issue 20 #2: the Drafts view, its own lazy element; its `herald-draft-open` goes on to the host. */
  private renderDrafts() {
    if (!customElements.get('herald-draft-list')) void loadDraftList().then(() => this.requestUpdate());
    return customElements.get('herald-draft-list')
      ? html`<herald-draft-list locale=${this.i18n.locale}></herald-draft-list>`
      : html`<p class="state muted" role="status">${this.i18n.t('common.loading')}</p>`;
  }

  private renderList() {
    const { ctx } = this;
    return html`${renderToolbar({
      i18n: this.i18n,
      q: this.q,
      filters: this.filters,
      sent: this.view === 'sent',
      filtersOpen: this.filtersOpen,
      senders: senders(ctx),
      onSearch: (q) => this.search(q),
      onFilters: (filters) => this.setFilters(filters),
      onRemove: (name: FilterName) => this.setFilters(withoutFilter(this.filters, name)),
      onToggleFilters: () => (this.filtersOpen = !this.filtersOpen),
      renderPanel: (m) => this.actions()?.renderFilterPanel(m) ?? nothing,
      renderChips: (m, chips) => this.actions()?.renderChips(m, chips) ?? nothing,
      // Issue 20 #8: suggestions as you type, in the actions chunk (loaded on focus: search/suggest.ts).
      renderSuggest: () => this.actionsReady?.renderSuggest(ctx) ?? nothing,
    })}
        ${renderBatch(ctx)}
        ${this.listView.render()}`;
  }

  /** The inline tag form (from the actions chunk; nothing for the moment it takes to load). */
  private renderTagForm(label: string) {
    const edit = this.tagEdit;
    const part = edit && this.actions();
    if (!edit || !part) return nothing;
    return part.renderTagForm(
      {
        i18n: this.i18n,
        edit,
        onEdit: (next) => (this.tagEdit = next),
        onSaveEdit: (name) => void part.saveTag(this.ctx, name),
      },
      label,
    );
  }

  private renderReader() {
    const { i18n } = this;
    if (this.openedId) void loadMessageView();
    return html`<section class="reader" part="reader" aria-label=${i18n.t('inbox.reader.label')}>
      ${
        this.openedId
          ? html`<button type="button" class="secondary back" @click=${() => void backToList(this.ctx)}
            >← ${i18n.t('inbox.reader.back')}</button>
          <herald-message-view .messageId=${this.openedId} locale=${i18n.locale}></herald-message-view>`
          : html`<p class="state muted">${i18n.t('inbox.reader.none')}</p>`
      }
    </section>`;
  }
}
