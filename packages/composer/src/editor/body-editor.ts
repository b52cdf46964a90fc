// The message body: the rich-text editor (a lazily loaded chunk), its formatting toolbar, the link form,
// the emoji grid and the mention suggestions. The body itself lives in the composer's state.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { cssProps, whenIdle, type MessageKey } from '@herald/core';
import type { RichDoc } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';
import { EMOJI } from './emoji.js';
import { isAllowedHref, normalizeHref, toRichDoc } from '@herald/rich-text/document';
// Types only: the editor itself is imported when the form is first shown.
import type { MentionPopup, RichEditor, Toggle } from './rich-editor.js';

/** "1 2" beside two lines, drawn (a visible "1." would have to be part of the button's accessible name). */
const ORDERED_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
  <path d="M2 1.5v4M1 5.5h2M1 9h2.2v2.2H1v2.3h2.4M6 3.5h9M6 11.5h9" /></svg>`;

const TOOLS: Toggle[] = ['bold', 'italic', 'bulletList', 'orderedList'];

const LINK_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
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

/** Registered with the composer: the editor is destroyed when the composer is removed. */
export class BodyEditorController implements ReactiveController {
  editor?: RichEditor;
  private loading = false;
  private ready = false;
  private ui: EditorUi = { mention: null, linkOpen: false, linkError: '', emojiOpen: false, toolIndex: 0 };

  constructor(private readonly host: ComposerHost, private readonly ctx: ComposerContext) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    this.editor?.destroy();
    this.editor = undefined;
    this.ready = false;
    this.loading = false;
  }

  private cancelWait?: () => void;

  /**
   * Loads the editor into `#editor` once the form shows it: when the page is idle, or at once when the user reaches
   * the form (focus, pointer). Tiptap is 133 KB gz: fetched at once, it kept an inbox on the same page waiting
   * (FINDINGS "Widget weight and first paint").
   */
  mountIfShown(): void {
    const mount = this.host.renderRoot.querySelector<HTMLElement>('#editor');
    if (!mount || this.editor || this.loading || this.cancelWait) return;
    const root = this.host.renderRoot;
    const start = () => {
      this.cancelWait?.();
      this.cancelWait = undefined;
      const current = root.querySelector<HTMLElement>('#editor');
      if (current && !this.editor && !this.loading) void this.load(current);
    };
    const cancelIdle = whenIdle(start);
    root.addEventListener('focusin', start);
    root.addEventListener('pointerdown', start);
    this.cancelWait = () => {
      cancelIdle();
      root.removeEventListener('focusin', start);
      root.removeEventListener('pointerdown', start);
    };
  }

  /**
   * Focuses the editor; before Tiptap has loaded, loads it now and focuses it once it is there (a reply shortcut
   * pressed right after a message opens must not be lost while the lazy editor is on its way).
   */
  focus(): void {
    if (this.editor) return this.editor.focus();
    this.focusWhenLoaded = true;
    const mount = this.host.renderRoot.querySelector<HTMLElement>('#editor');
    if (!mount || this.loading) return;
    this.cancelWait?.();
    this.cancelWait = undefined;
    void this.load(mount);
  }

  private focusWhenLoaded = false;

  /** The body as edited now. */
  getDoc(): RichDoc | undefined {
    return this.editor?.getDoc();
  }

  setContent(body: RichDoc): void {
    this.editor?.setContent(body);
  }

  private set<K extends keyof EditorUi>(key: K, value: EditorUi[K]): void {
    this.ui[key] = value;
    this.host.requestUpdate();
  }

  private async load(mount: HTMLElement): Promise<void> {
    this.loading = true;
    const { createRichEditor } = await import('./rich-editor.js');
    if (!this.host.isConnected || !mount.isConnected) {
      this.loading = false;
      return;
    }
    const { t } = this.ctx;
    this.editor = createRichEditor({
      mount,
      content: this.ctx.state().body,
      placeholder: t('composer.body.placeholder'),
      label: t('composer.body'),
      describedBy: 'body-error',
      mentionListId: 'mentions',
      searchMembers: async (q) => this.ctx.api()?.directory(q, ['member'], undefined, 8) ?? [],
      onChange: (body) => this.ctx.update({ body }, 'body'),
      onSelection: () => this.host.requestUpdate(),
      onMentions: (popup) => this.set('mention', popup),
      rules: { isAllowedHref, toRichDoc },
    });
    this.loading = false;
    this.ready = true;
    this.host.requestUpdate();
    if (this.focusWhenLoaded) {
      this.focusWhenLoaded = false;
      this.editor.focus();
    }
  }

  private toggle(name: Toggle): void {
    this.editor?.toggle(name);
    this.host.requestUpdate();
  }

  private openLink = (): void => {
    this.ui.linkOpen = !this.ui.linkOpen;
    this.ui.linkError = '';
    this.ui.emojiOpen = false;
    this.host.requestUpdate();
    if (this.ui.linkOpen) {
      void this.host.updateComplete.then(() => {
        const input = this.host.renderRoot.querySelector<HTMLInputElement>('#link-url');
        if (input) {
          input.value = this.editor?.linkHref() ?? '';
          input.focus();
        }
      });
    }
  };

  private applyLink = (e?: Event): void => {
    e?.preventDefault();
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('#link-url');
    const href = normalizeHref(input?.value ?? '');
    if (!href || !this.editor?.setLink(href)) {
      this.set('linkError', this.ctx.t('composer.link.scheme'));
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

  private insertEmoji(emoji: string): void {
    this.editor?.insertText(emoji);
    this.set('emojiOpen', false);
  }

  /** Below the caret, relative to the editor box (Lit sets it as a CSSOM property: fine under a strict CSP). */
  private mentionPosition(popup: MentionPopup): Record<string, string> {
    const box = this.host.renderRoot.querySelector('.editor-wrap')?.getBoundingClientRect();
    if (!popup.rect || !box) return {};
    return { top: `${Math.round(popup.rect.bottom - box.top + 4)}px`, left: `${Math.round(Math.max(0, popup.rect.left - box.left))}px` };
  }

  render(): TemplateResult {
    const { t } = this.ctx;
    const active = (name: Toggle | 'link') => (this.editor?.isActive(name) ? 'true' : 'false');
    const stop = (index: number) => (index === this.ui.toolIndex ? '0' : '-1');
    const button = (name: Toggle, key: MessageKey, label: string | TemplateResult, shortcut: string) => html`<button type="button" class="tool" data-command=${name}
      tabindex=${stop(TOOLS.indexOf(name))}
      aria-pressed=${active(name)} aria-label=${t(key)} title="${t(key)} (${shortcut.replace('Mod', 'Ctrl')})" aria-keyshortcuts=${shortcut.replace('Mod', 'Control')}
      ?disabled=${!this.ready} @click=${() => this.toggle(name)}><span aria-hidden="true" class="glyph-${name}">${label}</span></button>`;
    const mention = this.ui.mention;
    return html`<div class="field wide editor-field">
      <span class="label" id="body-label">${t('composer.body')}</span>
      <div part="toolbar" role="toolbar" aria-label=${t('composer.toolbar')} @keydown=${this.onToolbarKey} @focusin=${this.onToolbarFocus}>
        ${button('bold', 'composer.toolbar.bold', 'B', 'Mod+B')} ${button('italic', 'composer.toolbar.italic', 'I', 'Mod+I')}
        ${button('bulletList', 'composer.toolbar.bulletList', '•', 'Mod+Shift+8')} ${button('orderedList', 'composer.toolbar.orderedList', ORDERED_ICON, 'Mod+Shift+7')}
        <button type="button" class="tool" data-command="link" tabindex=${stop(4)} aria-pressed=${active('link')} aria-expanded=${this.ui.linkOpen ? 'true' : 'false'}
          aria-label=${t('composer.toolbar.link')} title=${t('composer.toolbar.link')} ?disabled=${!this.ready} @click=${this.openLink}>${LINK_ICON}</button>
        <button type="button" class="tool" data-command="emoji" tabindex=${stop(5)} aria-expanded=${this.ui.emojiOpen ? 'true' : 'false'} aria-controls="emoji-grid"
          aria-label=${t('composer.toolbar.emoji')} title=${t('composer.toolbar.emoji')} ?disabled=${!this.ready}
          @click=${() => ((this.ui.linkOpen = false), this.set('emojiOpen', !this.ui.emojiOpen))}><span aria-hidden="true">☺</span></button>
      </div>
      ${this.ui.linkOpen
        ? html`<div class="link-form" part="link-form">
            <label for="link-url">${t('composer.link.url')}</label>
            <input id="link-url" type="text" inputmode="url" placeholder="https://" aria-describedby="link-error" aria-invalid=${this.ui.linkError ? 'true' : 'false'} @keydown=${this.onLinkKey} />
            <button type="button" class="small" id="link-apply" @click=${this.applyLink}>${t('composer.link.apply')}</button>
            ${this.editor?.isActive('link') ? html`<button type="button" class="small secondary" @click=${() => (this.set('linkOpen', false), this.editor?.unsetLink())}>${t('composer.link.remove')}</button>` : nothing}
            <button type="button" class="small secondary" @click=${() => (this.set('linkOpen', false), this.editor?.focus())}>${t('composer.link.cancel')}</button>
            <p class="field-error" id="link-error" ?hidden=${!this.ui.linkError}>${this.ui.linkError}</p>
          </div>`
        : nothing}
      <div id="emoji-grid" class="emoji-grid" role="group" aria-label=${t('composer.toolbar.emoji')} ?hidden=${!this.ui.emojiOpen}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.set('emojiOpen', false), this.editor?.focus())}>
        ${EMOJI.map((emoji) => html`<button type="button" class="emoji" aria-label=${t('composer.emoji.insert', { emoji })} @click=${() => this.insertEmoji(emoji)}>${emoji}</button>`)}
      </div>
      <div class="editor-wrap ${this.ctx.error('body') ? 'invalid' : ''}">
        ${this.ready ? nothing : html`<p class="muted">${t('composer.body.loading')}</p>`}
        <div id="editor"></div>
        ${mention
          ? html`<ul id="mentions" class="mentions" role="listbox" aria-label=${t('composer.mention.list')} ${cssProps(this.mentionPosition(mention))}>
              ${mention.items.length
                ? mention.items.map((item, i) => html`<li role="option" id="mentions-${i}" aria-selected=${i === mention.active ? 'true' : 'false'}
                    class=${i === mention.active ? 'active' : ''} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => mention.select(i)}>
                    <span>${item.name}</span>${item.detail ? html` <span class="muted">${item.detail}</span>` : nothing}</li>`)
                : html`<li role="option" aria-disabled="true" aria-selected="false" class="muted">${t('composer.mention.none')}</li>`}
            </ul>`
          : nothing}
      </div>
      ${this.ctx.renderError('body')}
    </div>`;
  }
}
