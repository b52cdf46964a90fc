import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { Problem } from './problem.js';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

/** What Herald's own pages may load: nothing inline, nothing from elsewhere (DESIGN: strict CSP). */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

type Encoding = 'br' | 'gzip' | 'identity';

/** The encodings the client accepts (`q` > 0), best first: brotli, then gzip, then none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

interface BuiltFile {
  mtimeMs: number;
  size: number;
  /** The ETag of the content; each encoding's representation gets its own suffix. */
  tag: string;
  bodies: Partial<Record<Encoding, Promise<Buffer>>>;
}

const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz', identity: '' };

/**
 * The build's precompressed file (packages/herald writes `.br` and `.gz` beside each script), else compressed here
 * once.
 */
async function encoded(
  path: string,
  file: BuiltFile,
  body: Buffer,
  encoding: Exclude<Encoding, 'identity'>,
): Promise<Buffer> {
  const pre = `${path}${SUFFIX[encoding]}`;
  const info = await stat(pre).catch(() => undefined);
  if (info && info.mtimeMs >= file.mtimeMs) return readFile(pre);
  return encoding === 'br'
    ? brotli(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzip(body, { level: 9 });
}

/**
 * Serves the built widget files (issue 16): the entries (`/widgets/herald.js`, `/widgets/<element>.js`) with a content
 * ETag and `no-cache`, so hosts revalidate cheaply and always get the current build; the content-hashed chunks
 * (`/widgets/chunks/…`) as immutable for a year. Brotli or gzip by `Accept-Encoding`, precompressed at build time.
 * Any origin may load them: it is public code, and module scripts are fetched with CORS.
 */
export function serveBuiltFile(dir: string, contentType: string): MiddlewareHandler<AppEnv> {
  // One entry per file: the bundle and its lazily loaded chunks are written by one build, often with one mtime.
  const cache = new Map<string, BuiltFile>();
  return async (c) => {
    // Also on a 404: a cross-origin host whose chunk went away with a new build should read "not found", not a CORS
    // error.
    c.header('access-control-allow-origin', '*');
    const match = /^\/widgets\/((?:chunks\/)?[\w-][\w.-]*\.(?:js|map))$/.exec(c.req.path);
    if (!match) throw new Problem('not-found');
    const name = match[1]!;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new Problem('not-found', 'The widget bundle is not built: run `pnpm build`.');
    let file = cache.get(name);
    if (!file || file.mtimeMs !== info.mtimeMs || file.size !== info.size) {
      const body = readFile(path);
      const tag = createHash('sha256')
        .update(await body)
        .digest('base64url')
        .slice(0, 27);
      file = { mtimeMs: info.mtimeMs, size: info.size, tag, bodies: { identity: body } };
      cache.set(name, file);
    }
    const isScript = name.endsWith('.js');
    const encoding = isScript ? chooseEncoding(c.req.header('accept-encoding')) : 'identity';
    const etag = `"${file.tag}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      'content-type': isScript ? contentType : 'application/json',
      etag,
      // Chunk names carry their content's hash: a new build makes new names, so a cached chunk is never stale.
      'cache-control': name.startsWith('chunks/') ? 'public, max-age=31536000, immutable' : 'public, no-cache',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (isScript) headers.vary = 'Accept-Encoding';
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
      return c.body(null, 304, headers);
    const identity = file.bodies.identity!;
    let body = file.bodies[encoding];
    if (!body) {
      const compressing = identity.then((plain) => encoded(path, file, plain, encoding as 'br' | 'gzip'));
      body = file.bodies[encoding] = compressing;
      compressing.catch(() => delete file.bodies[encoding]);
    }
    return c.body(new Uint8Array(await body), 200, headers);
  };
}

function hasControlCharacter(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* a malformed escape is looked up as it is */
  }
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
