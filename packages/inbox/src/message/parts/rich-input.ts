// The composer's rich-text editor (toolbar, links, emoji, mentions; Tiptap loaded lazily) in a shadow root of its
// own, so the reply box and the edit dialog each have one without clashing ids. Internal to <herald-message-view>; also
// hosted by <herald-approval-queue>'s edit dialog (imported as `@herald/inbox/rich-input`).
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { HeraldClient } from '@herald/client';
import {
  BodyEditorController, bodyEditorStyles, ComposerApi, editorStrings, emptyDoc, type ComposerContext, type ComposerState,
  type RichDoc,
} from '@herald/composer/editor';
import { controls, HeraldElement, LocalizeController } from '@herald/core';
import { messageViewStrings } from '../i18n/index.js';

/**
 * @tag herald-message-rich-input
 * @csspart toolbar - The formatting toolbar.
 * @csspart editor - The editable area.
 */
export class HeraldMessageRichInput extends HeraldElement {
  static override catalogues = [messageViewStrings, editorStrings];
  // No \`tokens\` here: the private --_herald-* values (light or dark) are inherited from the message view.
  static override styles = [controls, bodyEditorStyles, css`
    :host { color: var(--_herald-color-text); }
    .field { display: flex; flex-direction: column; gap: var(--_herald-space-1); }
    .label { font-weight: var(--_herald-font-weight-bold); font-size: var(--_herald-font-size-s); }
    .muted { color: var(--_herald-color-text-muted); }
    .field-error { color: var(--_herald-color-danger); margin: 0; font-size: var(--_herald-font-size-s); }
    .small { padding: var(--_herald-space-1) var(--_herald-space-2); }
    .secondary { background: var(--_herald-color-surface); color: var(--_herald-color-primary); }
    button.emoji { background: transparent; border: 1px solid transparent; color: inherit; padding: var(--_herald-space-1); }
  `];

  /** The visible label (replaces the composer's "Body"). */
  @property() label = '';
  @property() placeholder = '';
  /** The error shown under the editor. */
  @property() error = '';
  /** The content to start with. */
  @property({ attribute: false }) value: RichDoc = emptyDoc();
  /** For mention search in the directory. */
  @property({ attribute: false }) client?: HeraldClient;

  private readonly i18n = new LocalizeController(this);
  private doc: RichDoc = emptyDoc();
  /** The user changed the content since it was last set. */
  dirty = false;
  private composerApi?: ComposerApi;

  private readonly ctx: ComposerContext = {
    i18n: this.i18n,
    state: () => ({ body: this.doc }) as ComposerState,
    update: (patch) => {
      if (patch.body) this.doc = patch.body;
      this.dirty = true;
      if (this.error) this.dispatchEvent(new Event('rich-input-clear'));
    },
    api: () => {
      if (this.client && this.composerApi?.client !== this.client) this.composerApi = new ComposerApi(this.client);
      return this.composerApi;
    },
    error: () => this.error || undefined,
    clearError: () => undefined,
    showProblem: () => undefined,
    renderError: () => html`<p class="field-error" id="body-error" ?hidden=${!this.error}>${this.error}</p>`,
    t: (key, params) => (key === 'composer.body' && this.label) || (key === 'composer.body.placeholder' && this.placeholder) || this.i18n.t(key, params),
    plural: (key, count) => this.i18n.plural(key, count),
  };

  private readonly editor = new BodyEditorController(this, this.ctx);

  /** Whether Tiptap has loaded. */
  get ready(): boolean {
    return !!this.editor.editor;
  }

  /** The document as edited now. */
  getDoc(): RichDoc {
    return this.editor.getDoc() ?? this.doc;
  }

  /** Replaces the content (the reply box after a send; tests). */
  setDoc(doc: RichDoc): void {
    this.doc = doc;
    this.dirty = false;
    this.editor.setContent(doc);
  }

  override focus(): void {
    this.editor.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.setDoc(this.value ?? emptyDoc());
  }

  protected override updated(): void {
    this.editor.mountIfShown();
  }

  override render() {
    return this.editor.render();
  }
}
