// Issue 20 #9: the editor's image controls, a lazy chunk loaded with Tiptap (the composer's first load has no room):
// the toolbar's "Insert image" button and its file picker, the alt-text field of the image selected or just inserted,
// and the status line that tells a screen reader what happened to each image.
//
// Built as DOM nodes (the element's template places them), and importing no module a first load has (no lit, no
// @herald/core): a module shared with the first load would split it into one more file (bench/widget-size).
import type { LocalizeController, MessageKey, problemMessage } from '@herald/core';
import type { UploadedImage } from '../rich-text-editor.js';
import { INLINE_IMAGE_TYPES, MAX_ALT_LENGTH } from '@herald/rich-text/images';
import type { ImageNotice, TiptapEditor } from '../tiptap-editor.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A picture: frame, sun, hills. */
const ICON: [string, Record<string, string>][] = [
  [
    'svg',
    { viewBox: '0 0 16 16', width: '16', height: '16', fill: 'none', stroke: 'currentColor', 'aria-hidden': 'true' },
  ],
  ['rect', { x: '1.5', y: '2.5', width: '13', height: '11', rx: '1.5' }],
  ['circle', { cx: '5.5', cy: '6', r: '1.3' }],
  ['path', { d: 'M2 12l4-4 3 3 2-2 3 3' }],
];

/** What the tools need of <herald-rich-text-editor> (its public properties, its update). */
export interface ImageToolsHost {
  readonly uploadImage?: ((file: File) => Promise<UploadedImage>) | undefined;
  readonly loadImage?: ((attachmentId: string, signal: AbortSignal) => Promise<Blob>) | undefined;
  requestUpdate(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

export class ImageTools {
  /** The image just inserted: its alt-text field stays until the person moves on (Escape, Apply, another image). */
  private inserted: string | null = null;
  private shownId: string | null = null;
  private readonly tool = element('button', { type: 'button', class: 'quiet tool', 'data-command': 'image' });
  /** Never in the page: clicked from the button (a detached file input opens the picker all the same). */
  private readonly picker = element('input', { type: 'file', accept: INLINE_IMAGE_TYPES.join(','), multiple: '' });
  private readonly altForm = element('div', { class: 'link-form', part: 'image-form' });
  private readonly altLabel = element('label', { for: 'image-alt' });
  private readonly altInput = element('input', { id: 'image-alt', type: 'text', maxlength: String(MAX_ALT_LENGTH) });
  private readonly altApply = element('button', { type: 'button', class: 'small', id: 'image-alt-apply' });
  private readonly status = element('p', { class: 'visually-hidden', role: 'status', id: 'image-status' });

  /** The editor, set once it exists. */
  editor?: TiptapEditor;

  /** `problem`: core's problemMessage, handed over so this chunk shares no module with the first load. */
  constructor(
    private readonly host: ImageToolsHost,
    private readonly i18n: LocalizeController,
    private readonly problem: typeof problemMessage,
  ) {
    const [svg, ...shapes] = ICON.map(([tag, attrs]) => {
      const node = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
      return node;
    });
    svg!.setAttribute('stroke-width', '1.5');
    svg!.append(...shapes);
    this.tool.append(svg!);
    this.tool.addEventListener('click', () => this.picker.click());
    this.picker.addEventListener('change', () => {
      const files = [...(this.picker.files ?? [])];
      this.picker.value = '';
      void this.editor?.insertImages(files);
    });
    this.altForm.append(this.altLabel, this.altInput, this.altApply);
    this.altApply.addEventListener('click', () => this.apply());
    this.altInput.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== 'Escape') return;
      e.preventDefault();
      if (e.key === 'Enter') return this.apply();
      this.inserted = null;
      this.editor?.focus();
      this.host.requestUpdate();
    });
  }

  private t(key: MessageKey, params?: Record<string, unknown>): string {
    return this.i18n.t(key, params);
  }

  /** The host's upload, when it has one (else pasted or dropped files are left alone). */
  upload(): ((file: File) => Promise<UploadedImage>) | undefined {
    return this.host.uploadImage;
  }

  /** The bytes of an image already in the text (a restored draft, an edit). */
  load(attachmentId: string, signal: AbortSignal): Promise<Blob> {
    return this.host.loadImage?.(attachmentId, signal) ?? Promise.reject(new Error('No loadImage'));
  }

  /** What the editor reports of an image being added, said in the status line. */
  notice(n: ImageNotice): void {
    const t = this.t.bind(this);
    if (n.kind === 'uploading') this.status.textContent = t('richTextEditor.image.uploading', { name: n.name });
    else if (n.kind === 'not-image') this.status.textContent = t('richTextEditor.image.notImage');
    else if (n.kind === 'failed')
      this.status.textContent = t('richTextEditor.image.failed', {
        name: n.name,
        reason: this.problem(n.error, this.i18n),
      });
    else {
      this.status.textContent = t('richTextEditor.image.inserted', { name: n.name });
      this.inserted = n.attachmentId;
    }
    this.host.requestUpdate();
  }

  private apply(): void {
    if (this.shownId) this.editor?.setImageAlt(this.shownId, this.altInput.value);
    this.inserted = null;
    this.editor?.focus();
    this.host.requestUpdate();
  }

  /** The toolbar button (`tabindex` from the toolbar's roving tab stop). */
  button(tabindex: string, disabled: boolean): Node[] {
    if (!this.host.uploadImage) return [];
    const label = this.t('richTextEditor.image.insert');
    this.tool.setAttribute('aria-label', label);
    this.tool.title = label;
    this.tool.tabIndex = Number(tabindex);
    this.tool.disabled = disabled;
    return [this.tool];
  }

  /** The alt-text field of the image selected or just inserted, and the status line. */
  form(): Node[] {
    const editor = this.editor;
    const id = editor?.selectedImage() ?? this.inserted;
    const alt = id ? (editor?.imageAlt(id) ?? null) : null;
    if (id === null || alt === null) {
      this.shownId = null;
      return [this.status];
    }
    if (id !== this.shownId) this.altInput.value = alt;
    this.shownId = id;
    this.altLabel.textContent = this.t('richTextEditor.image.alt');
    this.altApply.textContent = this.t('richTextEditor.image.altApply');
    return [this.altForm, this.status];
  }
}
