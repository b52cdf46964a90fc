// Issue 16: elements the all-in-one (/widgets/herald.js) defines only once a page uses them, so its first load stays
// within budget. The reading pane (<herald-message-view>) and the approval flow editor (<herald-approval-flows>) are
// loaded by the elements that hold them (the inbox, the approval queue) by themselves; a page that puts one straight
// into its document gets it defined as soon as it appears there (the way Shoelace's autoloader works).

const waiting = new Map<string, () => Promise<unknown>>();
let observer: MutationObserver | undefined;

/** Defines `tag` (by calling `load`, which registers it) when an element of that name is in the document. */
export function defineWhenUsed(tag: string, load: () => Promise<unknown>): void {
  if (customElements.get(tag)) return;
  waiting.set(tag, load);
  // Defined another way (the inbox loaded its reading pane): nothing left to watch for.
  void customElements.whenDefined(tag).then(() => waiting.delete(tag) && stopWhenDone());
  if (!observer) {
    observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) loadUsed(node);
    });
    observer.observe(document, { childList: true, subtree: true });
  }
  loadUsed(document.documentElement);
}

/** Loads every waiting definition whose tag is `root` or inside it. */
function loadUsed(root: Element): void {
  for (const [tag, load] of waiting) {
    if (root.localName !== tag && !root.querySelector(tag)) continue;
    waiting.delete(tag);
    void load();
  }
  stopWhenDone();
}

function stopWhenDone(): void {
  if (waiting.size) return;
  observer?.disconnect();
  observer = undefined;
}
