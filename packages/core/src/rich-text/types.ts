/** A Herald rich-text document (docs/api.md "Rich text (R8)"): Tiptap/ProseMirror JSON limited to a few nodes and marks. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}
export interface RichDoc extends RichNode {
  type: 'doc';
  content: RichNode[];
}
