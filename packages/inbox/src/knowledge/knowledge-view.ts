import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { HeraldContextController, saveBlob, type HeraldClient } from '@herald/client';
import { formatBytes, HeraldElement, LocalizeController, problemMessage, renderRichText } from '@herald/core';
import { knowledgeStrings } from './i18n/index.js';
import { KnowledgeApi, type KnowledgeFile, type KnowledgeItem, type KnowledgeTag } from './knowledge-api.js';
import { styles } from './knowledge-view.styles.js';

type Load = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The knowledge space (issue 19 #7, S4 知识库): messages published for the whole organisation or for the reader's
 * departments — whoever joined later included — found by tag and by full-text search (Chinese too, the inbox's own
 * search), and read read-only with their attachments (downloaded through the knowledge item). The inbox shows it as
 * its Knowledge view (a lazy chunk); a host may also place it on its own. Uses the client of the nearest
 * <herald-provider> (or the page's shared one).
 *
 * Keyboard: `/` search, ↑/↓ move between items, `Enter` opens, `Escape` goes back to the list.
 *
 * @tag herald-knowledge-view
 * @csspart base - The outer section.
 * @csspart search - The search box.
 * @csspart tag-filter - The tag selector.
 * @csspart list - The list of published items. @csspart item - One item's button.
 * @csspart reader - The read-only reading pane.
 * @csspart body - An item's text. @csspart attachments - Its files.
 * @csspart status - The status line (a live region).
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldKnowledgeView extends HeraldElement {
  static override catalogues = [knowledgeStrings];
  static override styles = styles;

  @state() private items: KnowledgeItem[] = [];
  @state() private tags: KnowledgeTag[] = [];
  @state() private q = '';
  @state() private tagId = '';
  @state() private load: Load = 'idle';
  @state() private error = '';
  @state() private nextCursor: string | null = null;
  @state() private opened: KnowledgeItem | null = null;
  @state() private status = '';
  /** The item to show first (a host's link to one item). */
  @property({ attribute: 'item-id' }) itemId = '';

  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);
  private apiFor?: { client: HeraldClient; api: KnowledgeApi };
  private searchTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private loadedFor?: HeraldClient;
  /** The `itemId` last opened: willUpdate opens `itemId` when it differs. */
  private openedId = '';

  private get api(): KnowledgeApi | undefined {
    const client = this.herald.client;
    if (!client) return undefined;
    if (this.apiFor?.client !== client) this.apiFor = { client, api: new KnowledgeApi(client) };
    return this.apiFor.api;
  }

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.onKeydown(e));
  }

  protected override willUpdate(): void {
    const client = this.herald.client;
    if (client && client !== this.loadedFor && this.herald.session.status === 'signed-in') {
      this.loadedFor = client;
      this.openedId = '';
      void this.reload();
      void this.api!.tags().then(
        (tags) => (this.tags = tags),
        () => undefined,
      );
    }
    // Whenever the id differs from the one opened, once signed in: also an id given after a first update without one
    // (a framework's binding may start undefined), and each client's first load.
    const id = this.itemId || '';
    if (this.loadedFor && id !== this.openedId) {
      this.openedId = id;
      if (id) void this.open(id, false);
    }
  }

  /** The first page for the current search and tag (a newer request wins over an older one). */
  private async reload(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const generation = ++this.generation;
    this.load = 'loading';
    try {
      const page = await api.list({ q: this.q.trim() || undefined, tagId: this.tagId || null });
      if (generation !== this.generation) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.load = 'ready';
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = problemMessage(error, this.i18n);
      this.load = 'error';
    }
  }

  private async more(): Promise<void> {
    const api = this.api;
    if (!api || !this.nextCursor) return;
    const generation = this.generation;
    try {
      const page = await api.list({
        q: this.q.trim() || undefined,
        tagId: this.tagId || null,
        cursor: this.nextCursor,
      });
      if (generation !== this.generation) return;
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.status = problemMessage(error, this.i18n);
    }
  }

  private search(q: string): void {
    this.q = q;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.reload(), 250);
  }

  private async open(id: string, focus = true): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.status = '';
    try {
      this.opened = await api.item(id);
      if (focus) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#item-subject')?.focus();
      }
    } catch (error) {
      this.status = problemMessage(error, this.i18n);
    }
  }

  private async back(): Promise<void> {
    const id = this.opened?.id;
    this.opened = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-id="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  private async download(item: KnowledgeItem, file: KnowledgeFile): Promise<void> {
    try {
      const got = await this.api!.attachment(item.id, file.id);
      saveBlob(got.blob, got.fileName ?? file.name);
    } catch (error) {
      this.status = `${this.i18n.t('knowledge.downloadFailed')} ${problemMessage(error, this.i18n)}`;
    }
  }

  private async unpublish(item: KnowledgeItem): Promise<void> {
    try {
      await this.api!.unpublish(item.id);
      this.items = this.items.filter((i) => i.id !== item.id);
      this.opened = null;
      this.status = this.i18n.t('knowledge.unpublish.done');
      void this.api!.tags().then((tags) => (this.tags = tags));
    } catch (error) {
      this.status = problemMessage(error, this.i18n);
    }
  }

  private onKeydown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const typing = target?.tagName === 'INPUT' || target?.tagName === 'SELECT';
    if (e.key === 'Escape' && this.opened) {
      e.preventDefault();
      void this.back();
    } else if (e.key === '/' && !typing) {
      e.preventDefault();
      this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && target?.matches('button[part="item"]')) {
      e.preventDefault();
      const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('button[part="item"]')];
      const next = buttons[buttons.indexOf(target) + (e.key === 'ArrowDown' ? 1 : -1)];
      next?.focus();
    }
  }

  private reach(item: KnowledgeItem): string {
    const { i18n } = this;
    return item.everyone
      ? i18n.t('knowledge.scope.everyone')
      : i18n.t('knowledge.scope.departments', { departments: item.departments.map((d) => d.name).join('、') });
  }

  private renderItem(item: KnowledgeItem) {
    const { i18n } = this;
    return html`<li>
      <button type="button" part="item" class="item" data-id=${item.id}
        aria-current=${this.opened?.id === item.id ? 'true' : 'false'} @click=${() => void this.open(item.id)}>
        <span class="subject">${item.subject}</span>
        <span class="meta muted">${i18n.t('knowledge.publishedBy', {
          name: item.publishedBy.name,
          time: i18n.date(item.publishedAt),
        })} · ${this.reach(item)}</span>
        ${item.preview ? html`<span class="preview muted">${item.preview}</span>` : nothing}
        ${
          item.tags.length
            ? html`<span class="tags">${item.tags.map((t) => html`<span class="tag">${t.label}</span>`)}</span>`
            : nothing
        }
      </button>
    </li>`;
  }

  private renderList() {
    const { i18n } = this;
    if (this.load === 'loading' && !this.items.length)
      return html`<p class="muted" role="status" aria-busy="true">${i18n.t('knowledge.loading')}</p>`;
    if (this.load === 'error')
      return html`<div role="alert" class="error"><p>${i18n.t('knowledge.error')} ${this.error}</p>
        <button type="button" @click=${() => void this.reload()}>${i18n.t('knowledge.retry')}</button></div>`;
    if (!this.items.length)
      return html`<p class="muted empty">${i18n.t(this.q || this.tagId ? 'knowledge.noMatch' : 'knowledge.empty')}</p>`;
    return html`<ul part="list" class="list" aria-label=${i18n.t('knowledge.list.label')}>
        ${this.items.map((item) => this.renderItem(item))}
      </ul>
      ${
        this.nextCursor
          ? html`<button type="button" class="secondary" @click=${() => void this.more()}
            >${i18n.t('knowledge.more')}</button>`
          : nothing
      }`;
  }

  private renderReader(item: KnowledgeItem) {
    const { i18n } = this;
    return html`<article part="reader" class="reader" aria-labelledby="item-subject">
      <button type="button" class="secondary back" @click=${() => void this.back()}
        >← ${i18n.t('knowledge.reader.back')}</button>
      <h3 id="item-subject" tabindex="-1">${item.subject}</h3>
      <p class="muted">${i18n.t('knowledge.sentBy', { name: item.sender.name })} ·
        ${i18n.t('knowledge.publishedBy', { name: item.publishedBy.name, time: i18n.date(item.publishedAt) })} ·
        ${this.reach(item)}</p>
      ${
        item.tags.length
          ? html`<p class="tags">${item.tags.map((t) => html`<span class="tag">${t.label}</span>`)}</p>`
          : nothing
      }
      <p class="note muted">${i18n.t('knowledge.readOnly')}</p>
      <div part="body" class="rich" role="region" aria-label=${i18n.t('knowledge.body')}>${guard(
        [item.body, i18n.catalogue],
        () => renderRichText(item.body, { linkWarning: (flag) => i18n.t(`richText.linkCaution.${flag}`) }),
      )}</div>
      ${
        item.attachments.length
          ? html`<section part="attachments" aria-labelledby="item-files">
            <h4 id="item-files">${i18n.t('knowledge.attachments')}</h4>
            <ul class="files">
              ${item.attachments.map(
                (f) => html`<li>
                  <button type="button" class="link" aria-label=${i18n.t('knowledge.download', { name: f.name })}
                    @click=${() => void this.download(item, f)}>📎 ${f.name}</button>
                  <span class="muted">${formatBytes(f.size, i18n.locale)}</span>
                </li>`,
              )}
            </ul>
          </section>`
          : nothing
      }
      ${
        item.can.unpublish
          ? html`<div><button type="button" class="danger" @click=${() => void this.unpublish(item)}
            >${i18n.t('knowledge.unpublish.action')}</button></div>`
          : nothing
      }
    </article>`;
  }

  override render() {
    const { i18n } = this;
    return html`<section part="base" class="knowledge ${this.opened ? 'opened' : ''}" aria-labelledby="kn-title">
      <header>
        <h2 id="kn-title">${i18n.t('knowledge.title')}</h2>
        <p class="muted">${i18n.t('knowledge.intro')}</p>
      </header>
      <div class="bar" role="search">
        <input type="search" part="search" .value=${this.q} aria-label=${i18n.t('knowledge.search.label')}
          placeholder=${i18n.t('knowledge.search.placeholder')}
          @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
        <select part="tag-filter" aria-label=${i18n.t('knowledge.tags.label')} .value=${this.tagId}
          @change=${(e: Event) => {
            this.tagId = (e.target as HTMLSelectElement).value;
            void this.reload();
          }}>
          <option value="">${i18n.t('knowledge.tags.all')}</option>
          ${this.tags.map(
            (t) => html`<option value=${t.id} ?selected=${t.id === this.tagId}
              >${i18n.t('knowledge.tags.count', { label: t.label, count: i18n.number(t.count) })}</option>`,
          )}
        </select>
      </div>
      <p part="status" class="status" role="status" aria-live="polite">${this.status}</p>
      <div class="panes">
        <div class="list-col">${this.renderList()}</div>
        <section class="reader-col" aria-label=${i18n.t('knowledge.reader.label')}>
          ${
            this.opened ? this.renderReader(this.opened) : html`<p class="muted">${i18n.t('knowledge.reader.none')}</p>`
          }
        </section>
      </div>
    </section>`;
  }
}
