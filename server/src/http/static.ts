import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { Problem } from './problem.js';

/** What Herald's own pages may load: nothing inline, nothing from elsewhere (DESIGN: strict CSP). */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the built widget files (the bundle and its chunks) with a content ETag, so hosts revalidate cheaply and always
 * get the current build. Any origin may load it: it is public code, and module scripts are fetched with CORS.
 */
export function serveBuiltFile(dir: string, contentType: string): MiddlewareHandler<AppEnv> {
  // One entry per file: the bundle and its lazily loaded chunks are written by one build, often with one mtime.
  const cache = new Map<string, { mtimeMs: number; size: number; etag: string; body: Buffer }>();
  return async (c) => {
    const name = c.req.path.split('/').pop() ?? '';
    if (!/^[\w.-]+\.(js|map)$/.test(name)) throw new Problem('not-found');
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new Problem('not-found', 'The widget bundle is not built: run `pnpm build`.');
    let cached = cache.get(name);
    if (!cached || cached.mtimeMs !== info.mtimeMs || cached.size !== info.size) {
      const body = await readFile(path);
      cached = { mtimeMs: info.mtimeMs, size: info.size, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      cache.set(name, cached);
    }
    const headers = {
      'content-type': name.endsWith('.map') ? 'application/json' : contentType,
      etag: cached.etag,
      'cache-control': 'public, no-cache',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === cached.etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(cached.body), 200, headers);
  };
}

function hasControlCharacter(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch { /* a malformed escape is looked up as it is */ }
  return /[\u0000-\u001f\u007f]/.test(decoded);
}

/** The example host pages, under a strict CSP. */
export function serveExamples(root: string, mount: string): MiddlewareHandler<AppEnv> {
  const files = serveStatic<AppEnv>({ root, rewriteRequestPath: (p) => p.slice(mount.length) || '/' });
  return async (c, next) => {
    // A NUL or other control character (raw or %-encoded) names no file; the file system would throw on it.
    if (hasControlCharacter(c.req.path)) throw new Problem('not-found');
    if (!c.req.path.includes('.', c.req.path.lastIndexOf('/')) && !c.req.path.endsWith('/')) {
      return c.redirect(`${c.req.path}/`, 301);
    }
    c.header('content-security-policy', PAGE_CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    return files(c, next);
  };
}
