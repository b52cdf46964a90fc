// <herald-rich-text-editor>: a message body's editor — the formatting toolbar, the link form, the emoji grid, the
// mention suggestions and the editable itself (Tiptap, a lazy chunk loaded when the page is idle or the user reaches
// the form). Used by the composer, the message view's reply box and edit dialog and the approval queue's edit dialog.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  adoptLazyStyles,
  buttonStyles,
  controls,
  cssProps,
  deepActiveElement,
  fieldStyles,
  HeraldElement,
  LocalizeController,
  problemMessage,
  tokens,
  whenIdle,
  type MessageKey,
} from '@herald/core';
import type { RichDoc } from '@herald/rich-text';
import { emptyDoc } from '@herald/rich-text/empty';
import { EMOJI } from './emoji.js';
import { HeraldRichTextChangeEvent } from './events/rich-text-change.js';
import { richTextEditorStrings } from './i18n/index.js';
import { standaloneStyles, styles } from './rich-text-editor.styles.js';
// Types only: Tiptap and its wrapper are imported when the editor is first needed.
import type { MentionPopup, TiptapEditor, Toggle } from './tiptap-editor.js';
import type { ImageTools } from './images/image-tools.js';

/** A member offered for an @mention: `name` is what the mention says, `detail` (number, department) helps choose. */
export interface MentionCandidate {
  id: string;
  name: string;
  detail?: string | null;
}
/** Finds members for an @mention as the user types after `@` (a failed search shows no one). */
export type MentionSearch = (query: string) => Promise<readonly MentionCandidate[]>;
/** An image uploaded as an attachment (issue 20 #9): `contentType` as the server sniffed it. */
export type UploadedImage = { id: string; name: string; contentType: string };

/** "1 2" beside two lines, drawn (a visible "1." would have to be part of the button's accessible name). */
const ORDERED_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor"
  stroke-width="1.5">
  <path d="M2 1.5v4M1 5.5h2M1 9h2.2v2.2H1v2.3h2.4M6 3.5h9M6 11.5h9" /></svg>`;

const TOOLS: Toggle[] = ['bold', 'italic', 'bulletList', 'orderedList'];

const LINK_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor"
  stroke-width="1.5">
  <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5" /></svg>`;

/** What the toolbar, link form, emoji grid and mention list show. */
interface EditorUi {
  mention: MentionPopup | null;
  linkOpen: boolean;
  linkError: string;
  emojiOpen: boolean;
  /** The toolbar button that has the toolbar's one tab stop. */
  toolIndex: number;
}

/**
 * The editor of a message body in Herald's rich-text contract (paragraphs, bold, italic, lists, links, @mentions;
 * pasted Word/WPS/web content keeps those and loses the rest). Inside a Herald element it takes that element's colours
 * and theme; on its own in a page it has Herald's tokens (the `--herald-*` knobs and a `theme` attribute).
 * @tag herald-rich-text-editor
 * @event {HeraldRichTextChangeEvent} herald-rich-text-change - The user changed the text; `detail.value` is the
 *   document now.
 * @csspart toolbar - The formatting toolbar.
 * @csspart link-form - The link form under the toolbar.
 * @csspart image-form - The alt-text field of the image just inserted or selected (issue 20 #9).
 * @csspart editor - The editable area.
 */
export class HeraldRichTextEditor extends HeraldElement {
  static override catalogues = [richTextEditorStrings];
  static override styles = [controls, buttonStyles, fieldStyles, styles];

  /** The visible label, also the editable's accessible name (default "Message"). */
  @property() label = '';
  /** Shown while the text is empty (default: "Write your message… Type @ to mention someone."). */
  @property() placeholder = '';
  /** An error shown under the editor (and described to assistive technology); empty for none. */
  @property() error = '';
  /** Finds members for @mentions; without it, the suggestions find no one. */
  @property({ attribute: false }) searchMentions?: MentionSearch;
  /**
   * Issue 20 #9: uploads a pasted, dropped or picked image as an attachment of the message (the composer's upload);
   * without it the editor adds no images.
   */
  @property({ attribute: false }) uploadImage?: (file: File) => Promise<UploadedImage>;
  /** Fetches the bytes of an image already in the text (a restored draft, an edit), with the caller's credentials. */
  @property({ attribute: false }) loadImage?: (attachmentId: string, signal: AbortSignal) => Promise<Blob>;

  private readonly i18n = new LocalizeController(this);
  private doc: RichDoc = emptyDoc();
  private changed = false;
  private editor?: TiptapEditor;
  private images?: ImageTools;
  private loading = false;
  /** The editor's code did not load (offline, or a deploy removed the chunk): said, with a way to try again. */
  private loadFailed = false;
  private focusWhenLoaded = false;
  /** Where focus was when `focus()` asked for the editor. */
  private focusFrom: HTMLElement | null = null;
  private cancelWait?: () => void;
  private ui: EditorUi = { mention: null, linkOpen: false, linkError: '', emojiOpen: false, toolIndex: 0 };

  /** The document: set it to replace the text (no change event); read it for the text as edited now. */
  get value(): RichDoc {
    return this.editor?.getDoc() ?? this.doc;
  }
  set value(doc: RichDoc | null | undefined) {
    this.doc = doc ?? emptyDoc();
    this.changed = false;
    this.editor?.setContent(this.doc);
  }

  /** Whether the user changed the text since `value` was last set. */
  get dirty(): boolean {
    return this.changed;
  }

  /** Whether the editor (Tiptap) has loaded. */
  get ready(): boolean {
    return !!this.editor;
  }

  /** Focuses the editable; before it has loaded, loads it now and focuses it once it is there. */
  override focus(): void {
    if (this.editor) return this.editor.focus();
    this.focusWhenLoaded = true;
    this.focusFrom = deepActiveElement();
    this.loadNow();
  }

  /**
   * Whether a load that `focus()` asked for may move focus now: it is still where it was then, in this editor, or
   * nowhere (the Try again button went away). A load can take long; focus the user took elsewhere meanwhile stays.
   */
  private mayTakeFocus(): boolean {
    const active = deepActiveElement();
    return !active || active === document.body || active === this.focusFrom || this.renderRoot.contains(active);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside another Herald element it inherits that element's design tokens (so the outer element's `theme` reaches
    // it); on its own in a host's page (/widgets/herald-rich-text-editor.js) it resolves them and draws its surface.
    const root = this.getRootNode();
    if (!(root instanceof ShadowRoot && root.host instanceof HeraldElement)) {
      adoptLazyStyles(this, tokens, standaloneStyles);
    }
    // Moved in the page: disconnecting destroyed the editor, and nothing may update this element again to load it.
    this.mountWhenReached();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelWait?.();
    this.cancelWait = undefined;
    this.editor?.destroy();
    this.editor = undefined;
    this.images = undefined;
    this.loading = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.mountWhenReached();
  }

  private t(key: MessageKey, params?: Record<string, unknown>): string {
    return this.i18n.t(key, params);
  }

  /**
   * Loads the editor when the page is idle, or at once when the user reaches the form it is in (focus, pointer
   * anywhere in the same root). Tiptap is 133 KB gz: fetched at once, it kept an inbox on the same page waiting
   * (FINDINGS "Widget weight and first paint").
   */
  private mountWhenReached(): void {
    // After a failed load only "Try again" (or focus()) loads again: on idle it would retry many times a second.
    if (this.editor || this.loading || this.loadFailed || this.cancelWait || !this.renderRoot.querySelector('#editor'))
      return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const cancelIdle = whenIdle(() => this.loadNow());
    const start = () => this.loadNow();
    root.addEventListener('focusin', start);
    root.addEventListener('pointerdown', start);
    this.cancelWait = () => {
      cancelIdle();
      root.removeEventListener('focusin', start);
      root.removeEventListener('pointerdown', start);
    };
  }

  private loadNow(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    const mount = this.renderRoot.querySelector<HTMLElement>('#editor');
    if (mount && !this.editor && !this.loading) void this.load(mount);
  }

  /** The editor's lazily loaded code (a seam for the test of a failed load). */
  protected static importParts = () => Promise.all([import('./tiptap-editor.js'), import('./images/lazy.js')] as const);

  private async load(mount: HTMLElement): Promise<void> {
    this.loading = true;
    if (this.loadFailed) {
      this.loadFailed = false;
      this.requestUpdate(); // "Loading…" again; a new failure is announced again
    }
    try {
      const [{ createTiptapEditor }, { ImageTools, imageStrings }] = await (
        this.constructor as typeof HeraldRichTextEditor
      ).importParts();
      await this.i18n.use(imageStrings);
      // Moved while loading: another load may have made the editor meanwhile (its image tools stay the ones in use).
      if (!this.isConnected || !mount.isConnected || this.editor) {
        this.loading = false;
        return;
      }
      const images = (this.images = new ImageTools(this, this.i18n, problemMessage));
      this.editor = createTiptapEditor({
        mount,
        content: this.doc,
        placeholder: this.placeholder || this.t('richTextEditor.placeholder'),
        labelledBy: 'label',
        describedBy: 'error',
        mentionListId: 'mentions',
        searchMembers: async (query) => [...((await this.searchMentions?.(query)) ?? [])],
        onChange: (doc) => {
          this.doc = doc;
          this.changed = true;
          this.emit(new HeraldRichTextChangeEvent({ value: doc }));
        },
        onSelection: () => this.requestUpdate(),
        onMentions: (popup) => this.set('mention', popup),
        images,
      });
      images.editor = this.editor;
    } catch (error) {
      console.warn('<herald-rich-text-editor>: the editor did not load', error);
      if (!this.editor) this.images = undefined; // no image tools without the editor they work on
      this.loading = false;
      this.loadFailed = true;
      this.requestUpdate();
      if (this.focusWhenLoaded) {
        // The user was on their way into the editor: keep them where they can try again.
        this.focusWhenLoaded = false;
        void this.updateComplete.then(
          () => this.mayTakeFocus() && this.renderRoot.querySelector<HTMLElement>('#load-again')?.focus(),
        );
      }
      return;
    }
    this.loading = false;
    this.requestUpdate();
    if (this.focusWhenLoaded) {
      this.focusWhenLoaded = false;
      if (this.mayTakeFocus()) this.editor.focus();
    }
  }

  private set<K extends keyof EditorUi>(key: K, value: EditorUi[K]): void {
    this.ui[key] = value;
    this.requestUpdate();
  }

  private toggle(name: Toggle): void {
    this.editor?.toggle(name);
    this.requestUpdate();
  }

  private openLink = (): void => {
    this.ui.linkOpen = !this.ui.linkOpen;
    this.ui.linkError = '';
    this.ui.emojiOpen = false;
    this.requestUpdate();
    if (this.ui.linkOpen) {
      void this.updateComplete.then(() => {
        const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url');
        if (input) {
          input.value = this.editor?.linkHref() ?? '';
          input.focus();
        }
      });
    }
  };

  private applyLink = (e?: Event): void => {
    e?.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url');
    if (!this.editor?.setLink(input?.value ?? '')) {
      this.set('linkError', this.t('richTextEditor.link.scheme'));
      input?.focus();
      return;
    }
    this.ui.linkOpen = false;
    this.set('linkError', '');
  };

  private onLinkKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') this.applyLink(e);
    else if (e.key === 'Escape') {
      e.preventDefault();
      this.set('linkOpen', false);
      this.editor?.focus();
    }
  };

  /** ARIA toolbar: one tab stop; arrows, Home and End move between the buttons. */
  private onToolbarKey = (e: KeyboardEvent): void => {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.tool')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    buttons[(next + buttons.length) % buttons.length]!.focus();
  };

  private onToolbarFocus = (e: FocusEvent): void => {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.tool')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at >= 0) this.set('toolIndex', at);
  };

  private toggleEmoji = (): void => {
    this.ui.linkOpen = false;
    this.set('emojiOpen', !this.ui.emojiOpen);
  };

  private insertEmoji(emoji: string): void {
    this.editor?.insertText(emoji);
    this.set('emojiOpen', false);
  }

  /** Below the caret, relative to the editor box (set as CSSOM properties: fine under a strict CSP). */
  private mentionPosition(popup: MentionPopup): Record<string, string> {
    const box = this.renderRoot.querySelector('.editor-wrap')?.getBoundingClientRect();
    if (!popup.rect || !box) return {};
    const left = Math.round(Math.max(0, popup.rect.left - box.left));
    return { top: `${Math.round(popup.rect.bottom - box.top + 4)}px`, left: `${left}px` };
  }

  override render(): TemplateResult {
    const t = (key: MessageKey, params?: Record<string, unknown>) => this.t(key, params);
    const mention = this.ui.mention;
    return html`<div class="field">
      <span class="label" id="label">${this.label || t('richTextEditor.label')}</span>
      ${this.renderToolbar()} ${this.renderLinkForm()} ${this.images?.form()}
      <div id="emoji-grid" class="emoji-grid" role="group" aria-label=${t('richTextEditor.toolbar.emoji')}
        ?hidden=${!this.ui.emojiOpen}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.set('emojiOpen', false), this.editor?.focus())}>
        ${EMOJI.map(
          (emoji) => html`<button type="button" class="quiet emoji"
          aria-label=${t('richTextEditor.emoji.insert', { emoji })}
          @click=${() => this.insertEmoji(emoji)}>${emoji}</button>`,
        )}
      </div>
      <div class="editor-wrap ${this.error ? 'invalid' : ''}">
        ${
          this.ready
            ? nothing
            : this.loadFailed
              ? html`<p class="field-error" role="alert">${t('richTextEditor.loadFailed')}
                  <button type="button" class="secondary small" id="load-again" @click=${() => this.focus()}
                    >${t('richTextEditor.loadAgain')}</button></p>`
              : html`<p class="muted">${t('richTextEditor.loading')}</p>`
        }
        <div id="editor"></div>
        ${mention ? this.renderMentions(mention) : nothing}
      </div>
      <p class="field-error" id="error" ?hidden=${!this.error}>${this.error}</p>
    </div>`;
  }

  private renderToolbar(): TemplateResult {
    const t = (key: MessageKey) => this.t(key);
    const active = (name: Toggle | 'link') => (this.editor?.isActive(name) ? 'true' : 'false');
    const stop = (index: number) => (index === this.ui.toolIndex ? '0' : '-1');
    const button = (name: Toggle, key: MessageKey, label: string | TemplateResult, shortcut: string) =>
      html`<button type="button" class="quiet tool" data-command=${name} tabindex=${stop(TOOLS.indexOf(name))}
        aria-pressed=${active(name)} aria-label=${t(key)} title="${t(key)} (${shortcut.replace('Mod', 'Ctrl')})"
        aria-keyshortcuts=${shortcut.replace('Mod', 'Control')} ?disabled=${!this.ready}
        @click=${() => this.toggle(name)}>
        <span aria-hidden="true" class="glyph-${name}">${label}</span></button>`;
    return html`<div part="toolbar" role="toolbar" aria-label=${t('richTextEditor.toolbar')}
      @keydown=${this.onToolbarKey} @focusin=${this.onToolbarFocus}>
      ${button('bold', 'richTextEditor.toolbar.bold', 'B', 'Mod+B')}
      ${button('italic', 'richTextEditor.toolbar.italic', 'I', 'Mod+I')}
      ${button('bulletList', 'richTextEditor.toolbar.bulletList', '•', 'Mod+Shift+8')}
      ${button('orderedList', 'richTextEditor.toolbar.orderedList', ORDERED_ICON, 'Mod+Shift+7')}
      <button type="button" class="quiet tool" data-command="link" tabindex=${stop(4)} aria-pressed=${active('link')}
        aria-expanded=${this.ui.linkOpen ? 'true' : 'false'} aria-label=${t('richTextEditor.toolbar.link')}
        title=${t('richTextEditor.toolbar.link')} ?disabled=${!this.ready} @click=${this.openLink}>${LINK_ICON}</button>
      <button type="button" class="quiet tool" data-command="emoji" tabindex=${stop(5)}
        aria-expanded=${this.ui.emojiOpen ? 'true' : 'false'} aria-controls="emoji-grid"
        aria-label=${t('richTextEditor.toolbar.emoji')} title=${t('richTextEditor.toolbar.emoji')}
        ?disabled=${!this.ready} @click=${this.toggleEmoji}>
        <span aria-hidden="true">☺</span></button>
      ${this.images?.button(stop(6), !this.ready)}
    </div>`;
  }

  private renderLinkForm(): TemplateResult | typeof nothing {
    if (!this.ui.linkOpen) return nothing;
    const t = (key: MessageKey) => this.t(key);
    const close = () => this.set('linkOpen', false);
    return html`<div class="link-form" part="link-form">
      <label for="link-url">${t('richTextEditor.link.url')}</label>
      <input id="link-url" type="text" inputmode="url" placeholder="https://" aria-describedby="link-error"
        aria-invalid=${this.ui.linkError ? 'true' : 'false'} @keydown=${this.onLinkKey} />
      <button type="button" class="small" id="link-apply" @click=${this.applyLink}>
        ${t('richTextEditor.link.apply')}</button>
      ${
        this.editor?.isActive('link')
          ? html`<button type="button" class="small secondary" @click=${() => (close(), this.editor?.unsetLink())}>
            ${t('richTextEditor.link.remove')}</button>`
          : nothing
      }
      <button type="button" class="small secondary" @click=${() => (close(), this.editor?.focus())}>
        ${t('richTextEditor.link.cancel')}</button>
      <p class="field-error" id="link-error" ?hidden=${!this.ui.linkError}>${this.ui.linkError}</p>
    </div>`;
  }

  /* eslint-disable lit-a11y/click-events-have-key-events --
    the options are chosen with the keys in the editor (the mention suggestion's own keydown) */
  private renderMentions(mention: MentionPopup): TemplateResult {
    const t = (key: MessageKey) => this.t(key);
    return html`<ul id="mentions" class="mentions" role="listbox" aria-label=${t('richTextEditor.mention.list')}
      ${cssProps(this.mentionPosition(mention))}>
      ${
        mention.items.length
          ? mention.items.map(
              (item, i) => html`<li role="option" id="mentions-${i}"
            aria-selected=${i === mention.active ? 'true' : 'false'} class=${i === mention.active ? 'active' : ''}
            @mousedown=${(e: Event) => e.preventDefault()} @click=${() => mention.select(i)}>
            <span>${item.name}</span>${item.detail ? html` <span class="muted">${item.detail}</span>` : nothing}</li>`,
            )
          : html`<li role="option" aria-disabled="true" aria-selected="false" class="muted">
            ${t('richTextEditor.mention.none')}</li>`
      }
    </ul>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */
}
