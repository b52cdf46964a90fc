import type { Handler } from 'hono';
import type { AppEnv } from './env.js';
import { PAGE_CSP } from './static.js';

/**
 * A small, dependency-free API reference: it reads the OpenAPI document and lists every operation with its
 * parameters and answers. Works offline and under the strict CSP (script served below, no inline code).
 */
export const referencePage =
  (specUrl: string): Handler<AppEnv> =>
  (c) => {
    c.header('content-security-policy', PAGE_CSP);
    return c.html(
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Herald API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/examples/shared/reference.css"></head>
<body><main><h1>Herald API reference</h1>
<p>Machine-readable: <a href="${specUrl}">${specUrl}</a> (OpenAPI 3.1). Errors are RFC 9457 ` +
        `<code>application/problem+json</code>.</p>
<div id="ops" data-spec="${specUrl}">Loading…</div></main>
<script type="module" src="/examples/shared/reference.js"></script></body></html>`,
    );
  };
