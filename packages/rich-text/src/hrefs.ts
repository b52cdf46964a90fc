// The link rule of a renderer (R8): which hrefs become links. What an editor may link is document.ts; the server's
// check when sent (lists, look-alike hosts) is links.ts. Three modules, so each bundle carries only its part.

export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/** The href a renderer may link, or null: only absolute http, https and mailto URLs, re-serialised by the parser. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href);
    return LINK_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
