import { css } from 'lit';
import { buttonStyles, controls, dialogStyles, fieldBaseStyles, shellStyles, tokens } from '@herald/core';

/** What the queue and the flow editor share: lists, badges, errors (buttons and fields look as everywhere: core). */
export const approvalStyles = css`
  .error { color: var(--_herald-color-danger); }
  ul.plain, ol.plain { list-style: none; margin: 0; padding: 0; }
  .badge {
    display: inline-block;
    padding: 0 var(--_herald-space-2);
    border-radius: var(--_herald-radius-s);
    border: 1px solid var(--_herald-color-border);
    font-size: var(--_herald-font-size-s);
  }
  h3, h4 { margin: var(--_herald-space-3) 0 var(--_herald-space-2); }
`;

export const styles = [
  tokens,
  controls,
  buttonStyles,
  fieldBaseStyles,
  dialogStyles,
  shellStyles,
  approvalStyles,
  css`
  [part='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-1);
    padding: var(--_herald-space-2) var(--_herald-space-4) 0;
    border-bottom: 1px solid var(--_herald-color-border);
  }
  [role='tab'] {
    background: transparent;
    color: var(--_herald-color-text);
    border: 1px solid transparent;
    border-bottom: 3px solid transparent;
    border-radius: var(--_herald-radius-s) var(--_herald-radius-s) 0 0;
  }
  [role='tab'][aria-selected='true'] { border-bottom-color: var(--_herald-color-primary); color:
    var(--_herald-color-primary); }
  [part='tabpanel'] { padding: var(--_herald-space-3) var(--_herald-space-4); }
  [part='empty'] { padding: var(--_herald-space-4); }
  .toolbar { display: flex; gap: var(--_herald-space-3); align-items: center; margin-bottom: var(--_herald-space-2); }
  .list { list-style: none; margin: 0; padding: 0; }
  .item {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_herald-space-2);
    align-items: baseline;
    padding: var(--_herald-space-2) 0;
    border-bottom: 1px solid var(--_herald-color-border);
  }
  .item .open { font-weight: var(--_herald-font-weight-bold); }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--_herald-space-1) var(--_herald-space-3); }
  .facts dd { margin: 0; }
  .rich {
    border: 1px solid var(--_herald-color-border);
    border-radius: var(--_herald-radius-s);
    padding: var(--_herald-space-3);
    margin: var(--_herald-space-2) 0;
  }
  /* Issue 20 #9: an inline image fits the preview, as it fits recipients' reading pane. */
  .rich img { max-width: 100%; height: auto; }
  .timeline { margin: 0; padding-inline-start: var(--_herald-space-4); }
  .node { margin-bottom: var(--_herald-space-3); }
  .node-head { display: flex; flex-wrap: wrap; gap: var(--_herald-space-2); align-items: baseline; }
  blockquote { margin: var(--_herald-space-1) 0 0 var(--_herald-space-4); font-style: italic; }
  .actions { display: grid; gap: var(--_herald-space-2); margin: var(--_herald-space-4) 0; }
  .buttons { display: flex; flex-wrap: wrap; gap: var(--_herald-space-2); }
  dialog h2 { margin: 0; font-size: var(--_herald-font-size-l, 18px); }
  /* Sign-off (签批, issue 19 item 2): the signing group and the signatures shown, on white paper in either theme. */
  .sign-off { border: 1px solid var(--_herald-color-border); border-radius: var(--_herald-radius-s); display: grid;
    gap: var(--_herald-space-2); margin: 0; }
  .choices { display: flex; flex-wrap: wrap; gap: var(--_herald-space-3); }
  .signature { display: block; margin: var(--_herald-space-1) 0 0 var(--_herald-space-4); max-width: 240px;
    height: auto; background: #fff; border-radius: var(--_herald-radius-s); }
  .signature.loading { width: 120px; height: 40px; }
  .typed-signature { font-family: 'Segoe Script', 'Brush Script MT', 'STKaiti', 'KaiTi', cursive;
    font-size: 1.4em; }
  span.typed-signature { color: #1b1f24; padding: 0 var(--_herald-space-2); width: max-content; }
`,
];
