// Issue 23 items 8 and 11: measuring the intranet example's layout in a real Chromium.
import type { Page } from 'playwright-core';

/**
 * What sticks out sideways at this viewport: the page's own horizontal scroll, and every visible element — through
 * shadow roots — whose box leaves the viewport on the left or right, or that scrolls horizontally itself.
 */
export async function overflowing(page: Page): Promise<string[]> {
  // tsx (esbuild keepNames) wraps the named functions below in `__name(…)`, which the page does not have.
  await page.evaluate('window.__name ??= (f) => f');
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    const page = document.scrollingElement!;
    if (page.scrollWidth > width) found.push(`the page scrolls sideways: ${page.scrollWidth} > ${width}`);
    const name = (el: Element) => {
      const host = (el.getRootNode() as ShadowRoot).host?.localName;
      const part = el.getAttribute('part') ?? el.id ?? '';
      return (
        `${host ? `${host} › ` : ''}${el.localName}${part ? `[${part}]` : ''}` +
        `${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`
      );
    };
    // Depth first through light and shadow trees; a visually hidden subtree (clipped to 1 px) is not on screen.
    const visit = (el: Element, hidden: boolean) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const clips = style.clip !== 'auto' || (box.width <= 1 && ['hidden', 'clip'].includes(style.overflowX));
      const skip = hidden || clips || style.display === 'none' || (el instanceof HTMLDialogElement && !el.open);
      if (!skip && box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.position !== 'fixed') {
        if (box.right > width + 1 || box.left < -1)
          found.push(`${name(el)} spans ${Math.round(box.left)}…${Math.round(box.right)} of ${width}`);
        if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
          found.push(`${name(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
      }
      for (const child of [...el.children, ...(el.shadowRoot ? [...el.shadowRoot.children] : [])]) visit(child, skip);
    };
    visit(document.documentElement, false);
    return [...new Set(found)].slice(0, 25);
  });
}
