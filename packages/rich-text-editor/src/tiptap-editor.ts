// Tiptap 3 behind <herald-rich-text-editor>, a lazy chunk loaded when the editor is first needed, so no first load
// carries it. Its schema is exactly the Herald rich-text contract (docs/api.md R8): pasted Word/WPS/web content keeps
// its paragraphs, lists, bold, italic and links and loses everything else.
import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import Mention from '@tiptap/extension-mention';
import { Placeholder } from '@tiptap/extensions';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import type { RichDoc } from '@herald/rich-text';
// Only this chunk imports document.ts (the first load never needs it); only types from the element, so that the first
// load and this chunk share no module (a shared one would become a third file that the first load fetches).
import { isAllowedHref, normalizeHref, toRichDoc } from '@herald/rich-text/document';
import { defaultAlt, INLINE_IMAGE_TYPES } from '@herald/rich-text/images';
import type { MentionCandidate, UploadedImage } from './rich-text-editor.js';
import { ImageNode } from './images/image-node.js';
import type { ImageTools } from './images/image-tools.js';

/** What happened to an image being added (the element says it in its status line). */
export type ImageNotice =
  | { kind: 'uploading'; name: string }
  | { kind: 'inserted'; name: string; attachmentId: string }
  | { kind: 'failed'; name: string; error: unknown }
  | { kind: 'not-image'; name: string };

export type Toggle = 'bold' | 'italic' | 'bulletList' | 'orderedList';

/** The open mention suggestion list, drawn by the element inside its shadow root. */
export interface MentionPopup {
  query: string;
  items: MentionCandidate[];
  active: number;
  /** Where the caret is, in viewport coordinates. */
  rect: DOMRect | null;
  select(index: number): void;
}

export interface TiptapEditorOptions {
  /** Where the editable goes (inside the element's shadow root). */
  mount: HTMLElement;
  content?: RichDoc | null;
  placeholder: string;
  /** The id of the visible label (in the same shadow root): the editable's accessible name. */
  labelledBy: string;
  describedBy?: string;
  /** The id the mention listbox has, and the id prefix of its options. */
  mentionListId: string;
  searchMembers(query: string): Promise<MentionCandidate[]>;
  onChange(doc: RichDoc): void;
  /** Selection or active marks changed (toolbar state). */
  onSelection(): void;
  onMentions(popup: MentionPopup | null): void;
  /** Issue 20 #9: the element's images (its upload, the bytes of images already in the text, the status line). */
  images: ImageTools;
}

export class TiptapEditor {
  readonly editor: Editor;
  private popup: MentionPopup | null = null;
  private props: SuggestionProps<MentionCandidate> | null = null;
  /** Object URLs of the images shown, by attachment id (the local file for one just uploaded). */
  private readonly imageUrls = new Map<string, Promise<string | null>>();
  private readonly abort = new AbortController();

  constructor(private readonly options: TiptapEditorOptions) {
    const attributes: Record<string, string> = {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-labelledby': options.labelledBy,
      spellcheck: 'true',
      part: 'editor',
    };
    if (options.describedBy) attributes['aria-describedby'] = options.describedBy;
    this.editor = new Editor({
      element: options.mount,
      // No <style> in the page's head: that would break a strict CSP; the element's styles carry what is needed.
      injectCSS: false,
      content: (options.content ?? undefined) as JSONContent | undefined,
      editorProps: {
        attributes,
        // Issue 20 #9: pasted or dropped image files are uploaded and shown inline; anything else is left alone.
        handlePaste: (_view, event) => this.takeFiles(event.clipboardData?.files, null),
        handleDrop: (view, event, _slice, moved) =>
          !moved &&
          this.takeFiles(
            event.dataTransfer?.files,
            view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null,
          ),
      },
      extensions: [
        StarterKit.configure({
          heading: false,
          code: false,
          codeBlock: false,
          blockquote: false,
          strike: false,
          underline: false,
          horizontalRule: false,
          link: false,
          dropcursor: false,
          trailingNode: false,
        }),
        Link.configure({
          autolink: true,
          linkOnPaste: true,
          openOnClick: false,
          defaultProtocol: 'https',
          protocols: [],
          isAllowedUri: (url) => isAllowedHref(url),
          shouldAutoLink: (url) => isAllowedHref(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`),
          HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
        }),
        Placeholder.configure({ placeholder: options.placeholder }),
        ImageNode.configure({ source: (id) => this.imageUrl(id) }),
        Mention.configure({
          HTMLAttributes: { class: 'mention' },
          renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
          suggestion: {
            char: '@',
            items: async ({ query }) => {
              try {
                return await options.searchMembers(query);
              } catch {
                return [];
              }
            },
            command: ({ editor, range, props }) => {
              const item = props as unknown as MentionCandidate;
              editor
                .chain()
                .focus()
                .insertContentAt(range, [
                  { type: 'mention', attrs: { id: item.id, label: item.name } },
                  { type: 'text', text: ' ' },
                ])
                .run();
            },
            render: () => ({
              onStart: (props) => this.showMentions(props as unknown as SuggestionProps<MentionCandidate>),
              onUpdate: (props) => this.showMentions(props as unknown as SuggestionProps<MentionCandidate>),
              onKeyDown: (props) => this.mentionKey(props),
              onExit: () => this.hideMentions(),
            }),
          },
        }),
      ],
      onUpdate: () => options.onChange(this.getDoc()),
      onSelectionUpdate: () => options.onSelection(),
      onTransaction: () => options.onSelection(),
    });
  }

  private showMentions(props: SuggestionProps<MentionCandidate>) {
    this.props = props;
    const active =
      this.popup && this.popup.query === props.query
        ? Math.min(this.popup.active, Math.max(0, props.items.length - 1))
        : 0;
    this.popup = {
      query: props.query,
      items: props.items,
      active,
      rect: props.clientRect?.() ?? null,
      select: (i) => this.pickMention(i),
    };
    this.publish();
  }

  private hideMentions() {
    this.props = null;
    this.popup = null;
    this.publish();
  }

  private publish() {
    const dom = this.editor.view.dom;
    if (this.popup) {
      dom.setAttribute('aria-controls', this.options.mentionListId);
      if (this.popup.items.length)
        dom.setAttribute('aria-activedescendant', `${this.options.mentionListId}-${this.popup.active}`);
      else dom.removeAttribute('aria-activedescendant');
    } else {
      dom.removeAttribute('aria-controls');
      dom.removeAttribute('aria-activedescendant');
    }
    this.options.onMentions(this.popup ? { ...this.popup } : null);
  }

  private pickMention(index: number) {
    const item = this.popup?.items[index];
    if (item && this.props) this.props.command(item as never);
  }

  private mentionKey({ event }: SuggestionKeyDownProps): boolean {
    const popup = this.popup;
    if (!popup) return false;
    const count = popup.items.length;
    if (event.key === 'Escape') {
      this.hideMentions();
      return true;
    }
    if (!count) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      popup.active = (popup.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      this.publish();
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      this.pickMention(popup.active);
      return true;
    }
    return false;
  }

  private imageUrl(attachmentId: string): Promise<string | null> {
    let url = this.imageUrls.get(attachmentId);
    if (!url) {
      url = this.options.images.load(attachmentId, this.abort.signal).then(
        (blob) => URL.createObjectURL(blob),
        () => null,
      );
      this.imageUrls.set(attachmentId, url);
    }
    return url;
  }

  /** Pasted or dropped files: true (handled) when there were any, whether they became images or not. */
  private takeFiles(list: FileList | undefined, at: number | null): boolean {
    const upload = this.options.images.upload();
    const files = [...(list ?? [])];
    if (!upload || !files.length) return false;
    void this.insertImages(files, at);
    return true;
  }

  /**
   * Uploads each image through the host (sniffed and size-checked by the server, as any attachment) and inserts it
   * at `at` (or the selection), its alt text the file name. Files that are not PNG/JPEG/GIF/WebP are refused.
   */
  async insertImages(files: readonly File[], at: number | null = null): Promise<void> {
    const upload = this.options.images.upload();
    if (!upload) return;
    for (const file of files) {
      if (!INLINE_IMAGE_TYPES.includes(file.type)) {
        this.options.images.notice({ kind: 'not-image', name: file.name });
        continue;
      }
      this.options.images.notice({ kind: 'uploading', name: file.name });
      let image: UploadedImage;
      try {
        image = await upload(file);
      } catch (error) {
        this.options.images.notice({ kind: 'failed', name: file.name, error });
        continue;
      }
      if (this.editor.isDestroyed) return;
      // The server's sniffing decides: a file that only claimed to be an image stays a plain attachment.
      if (!INLINE_IMAGE_TYPES.includes(image.contentType)) {
        this.options.images.notice({ kind: 'not-image', name: file.name });
        continue;
      }
      this.imageUrls.set(image.id, Promise.resolve(URL.createObjectURL(file)));
      const node = { type: 'image', attrs: { attachmentId: image.id, alt: defaultAlt(image.name || file.name) } };
      const size = this.editor.state.doc.content.size;
      const chain = this.editor.chain().focus();
      if (at !== null) chain.insertContentAt(Math.min(at, size), node).run();
      else chain.insertContent(node).run();
      at = null; // the next file of a drop goes after this one
      this.options.images.notice({ kind: 'inserted', name: file.name, attachmentId: image.id });
    }
  }

  /** The attachment id of the image selected (clicked, or reached with the arrows), if any. */
  selectedImage(): string | null {
    const id: unknown = this.editor.isActive('image') ? this.editor.getAttributes('image').attachmentId : null;
    return typeof id === 'string' ? id : null;
  }

  /** The alt text of an image in the text, or null when it is not (any more) in the text. */
  imageAlt(attachmentId: string): string | null {
    let alt: string | null = null;
    this.editor.state.doc.descendants((node) => {
      if (node.type.name === 'image' && node.attrs.attachmentId === attachmentId) alt = String(node.attrs.alt ?? '');
      return alt === null;
    });
    return alt;
  }

  /** Sets the alt text of every occurrence of an image. */
  setImageAlt(attachmentId: string, alt: string): void {
    const { tr } = this.editor.state;
    this.editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'image' && node.attrs.attachmentId === attachmentId)
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, alt: alt.trim() });
    });
    if (tr.docChanged) this.editor.view.dispatch(tr);
  }

  getDoc(): RichDoc {
    return toRichDoc(this.editor.getJSON() as never);
  }

  setContent(doc: RichDoc | null | undefined): void {
    this.editor.commands.setContent((doc ?? { type: 'doc', content: [{ type: 'paragraph' }] }) as JSONContent, {
      emitUpdate: false,
    });
  }

  isActive(name: Toggle | 'link'): boolean {
    return this.editor.isActive(name);
  }

  toggle(name: Toggle): void {
    const chain = this.editor.chain().focus();
    if (name === 'bold') chain.toggleBold().run();
    else if (name === 'italic') chain.toggleItalic().run();
    else if (name === 'bulletList') chain.toggleBulletList().run();
    else chain.toggleOrderedList().run();
  }

  /** The href of the link at the selection, if any. */
  linkHref(): string | null {
    const href = this.editor.getAttributes('link').href;
    return typeof href === 'string' ? href : null;
  }

  /**
   * Links the selection (or the word at the caret, or inserts the address itself) to what the person typed
   * (`example.com` means https). False when the address is refused.
   */
  setLink(input: string): boolean {
    const href = normalizeHref(input);
    if (!href) return false;
    const { empty } = this.editor.state.selection;
    const chain = this.editor.chain().focus().extendMarkRange('link');
    if (empty && !this.editor.isActive('link')) {
      return chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    }
    return chain.setLink({ href }).run();
  }

  unsetLink(): void {
    this.editor.chain().focus().extendMarkRange('link').unsetLink().run();
  }

  insertText(text: string): void {
    this.editor.chain().focus().insertContent(text).run();
  }

  focus(): void {
    this.editor.commands.focus();
  }

  destroy(): void {
    this.abort.abort();
    this.editor.destroy();
    for (const url of this.imageUrls.values()) void url.then((u) => u && URL.revokeObjectURL(u));
  }
}

export const createTiptapEditor = (options: TiptapEditorOptions) => new TiptapEditor(options);
