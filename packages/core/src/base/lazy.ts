// Lazy chunks (issue 16): what an element shows only on demand (the reading pane, an admin tab, the rich-text editor)
// is imported when first needed, so a page does not load it before anything renders.
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult, type ReactiveElement } from 'lit';

/** `load` runs once, on the first call; later calls share its promise (a failed load is tried again next time). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** Runs `task` when the browser is idle (at the latest after `timeout` ms); answers a function that cancels it. */
export function whenIdle(task: () => void, timeout = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}

const adopted = new WeakMap<ShadowRoot, Set<CSSResult>>();

/**
 * Adds the styles of a lazily loaded part to `host`'s shadow root, after the element's own (each once per root). Call
 * it when the part's chunk has loaded and before the part first renders, so it never shows unstyled.
 */
export function adoptLazyStyles(host: ReactiveElement, ...styles: CSSResult[]): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  let done = adopted.get(root);
  if (!done) adopted.set(root, (done = new Set()));
  const fresh = styles.filter((style) => !done.has(style));
  if (!fresh.length) return;
  for (const style of fresh) done.add(style);
  if (supportsAdoptingStyleSheets) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...fresh.map((style) => style.styleSheet!)];
  } else adoptStyles(root, fresh); // (appends <style> elements there, as Lit does for the element's own styles)
}
