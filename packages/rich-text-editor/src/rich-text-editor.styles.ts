// <herald-rich-text-editor>'s look (after core's controls, buttonStyles and fieldStyles): toolbar, link form, emoji
// grid, the editing area and the mention list. No tokens here: inside a Herald element the private --_herald-* values
// are inherited from it; on its own the element adopts core's tokens as it connects (rich-text-editor.ts).
import { css } from 'lit';

export const styles = css`
  .glyph-bold {
    font-weight: bold;
  }
  .glyph-italic {
    font-style: italic;
    font-family: serif;
  }
  button.tool[aria-pressed='true'] {
    background: var(--_herald-color-primary);
    color: var(--_herald-color-on-primary);
    border-color: var(--_herald-color-primary);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
  }
  .link-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: center;
  }
  .emoji-grid {
    display: grid;
    grid-template-columns: repeat(8, 36px);
    gap: var(--_herald-space-1);
  }
  .editor-wrap {
    position: relative;
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    background: var(--_herald-color-surface);
  }
  .editor-wrap > .muted {
    padding: var(--_herald-space-2);
  }
  /* What Tiptap's own stylesheet would add (it is not injected: strict CSP). */
  .ProseMirror {
    min-height: 128px;
    padding: var(--_herald-space-2) var(--_herald-space-3);
    outline: none;
    white-space: pre-wrap;
    word-wrap: break-word;
    font-variant-ligatures: none;
  }
  .ProseMirror:focus-visible {
    outline: 2px solid var(--_herald-color-focus);
    outline-offset: -2px;
  }
  /* Issue 20 #9: inline images fit the editor; the one selected (its alt text is edited) is outlined. */
  .ProseMirror img {
    max-width: 100%;
    height: auto;
  }
  .ProseMirror-selectednode {
    outline: 2px solid var(--_herald-color-focus);
  }
  .ProseMirror p {
    margin: 0 0 var(--_herald-space-2);
  }
  .ProseMirror a {
    color: var(--_herald-color-primary);
  }
  .ProseMirror .mention {
    color: var(--_herald-color-primary);
    font-weight: var(--_herald-font-weight-bold);
  }
  .ProseMirror p.is-editor-empty:first-child::before {
    content: attr(data-placeholder);
    float: left;
    height: 0;
    pointer-events: none;
    color: var(--_herald-color-text-muted);
  }
  .ProseMirror-hideselection *::selection {
    background: transparent;
  }
  .ProseMirror-gapcursor {
    display: none;
  }
  .mentions {
    position: absolute;
    min-width: 192px;
  }
`;

/**
 * On its own in a page (no Herald element around it), after core's tokens: its own surface, so that its label and
 * toolbar read in the theme it is in whatever the page's background.
 */
export const standaloneStyles = css`
  :host {
    background: var(--_herald-color-surface);
  }
`;
