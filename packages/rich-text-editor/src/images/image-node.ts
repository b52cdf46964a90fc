// Issue 20 #9: the inline image of the Herald contract inside Tiptap (part of the lazy Tiptap chunk). It holds an
// attachment id and alt text only; its picture comes from `source` (the local file just uploaded, or the bytes fetched
// with the writer's credentials), never from a URL in the document. Pasted HTML images (`<img src=…>` from a web page
// or Word) match no rule and are dropped: only files become images, through the upload.
import { Node, mergeAttributes } from '@tiptap/core';

export interface ImageNodeOptions {
  /** The object URL to show for an attachment, or null when it cannot be shown (the alt text stays). */
  source(attachmentId: string): Promise<string | null>;
}

export const ImageNode = Node.create<ImageNodeOptions>({
  name: 'image',
  inline: true,
  group: 'inline',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { source: async () => null };
  },

  addAttributes() {
    return {
      attachmentId: { default: null, parseHTML: (el) => el.getAttribute('data-attachment-id') },
      alt: { default: '', parseHTML: (el) => el.getAttribute('alt') ?? '' },
    };
  },

  parseHTML() {
    // Only Herald's own images (copied inside an editor); the server checks the id belongs to the message anyway.
    return [{ tag: 'img[data-attachment-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { attachmentId, alt } = node.attrs as { attachmentId: string; alt: string };
    return ['img', mergeAttributes(HTMLAttributes, { 'data-attachment-id': attachmentId, alt, class: 'inline-image' })];
  },

  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      img.className = 'inline-image';
      img.draggable = true;
      let id = node.attrs.attachmentId as string;
      const show = () => {
        img.dataset.attachmentId = id;
        void this.options.source(id).then((src) => {
          if (src && img.dataset.attachmentId === id) img.src = src;
        });
      };
      img.alt = node.attrs.alt as string;
      show();
      return {
        dom: img,
        update: (next) => {
          if (next.type.name !== 'image') return false;
          img.alt = next.attrs.alt as string;
          if (next.attrs.attachmentId !== id) {
            id = next.attrs.attachmentId as string;
            show();
          }
          return true;
        },
      };
    };
  },
});
