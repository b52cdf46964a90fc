// Lazy chunks (issue 16): what an element shows only on demand (the reading pane, an admin tab, the rich-text editor)
// is imported when first needed, so a page does not load it before anything renders.

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
