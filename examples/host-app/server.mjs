// A host application on its own origin (say, a customer portal or a team's intranet app) that embeds
// Herald. Its back end knows who is signed in to *it*, and mints a short-lived Herald embed token for
// that person with the embed app's secret; the page asks for a fresh one whenever the widgets need it.
//
//   HERALD_URL=http://localhost:3000 HERALD_EMBED_APP_ID=… HERALD_EMBED_SECRET=… \
//   HERALD_EMBED_SUBJECT=E1001 PORT=4000 node examples/host-app/server.mjs
//
// As a customer portal, the subject is an external contact: HERALD_EMBED_SUBJECT=contact:<contact id>, then open
// /portal.html. `npm start` runs exactly that for the demo contact (server/src/demo-portal.ts).
//
// With HERALD_WEBHOOK_SECRET set, it also receives Herald's signed notification webhooks at POST /herald-webhook
// and lists them on /notifications.html (webhook.mjs).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';
import { heraldWebhook } from './webhook.mjs';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    console.error(`Set ${name} (see README: Embedding).`);
    process.exit(1);
  }
  return value;
};
const heraldUrl = env('HERALD_URL', 'http://localhost:3000').replace(/\/$/, '');
const appId = env('HERALD_EMBED_APP_ID');
const secret = new TextEncoder().encode(env('HERALD_EMBED_SECRET'));
// In a real host this is the user signed in to the host; the example serves one fixed person.
const subject = env('HERALD_EMBED_SUBJECT', 'E1001');
const host = process.env.HOST ?? '127.0.0.1';
const webhook = process.env.HERALD_WEBHOOK_SECRET ? heraldWebhook(process.env.HERALD_WEBHOOK_SECRET) : null;

/** The whole of what a host back end does for Herald: sign a 5-minute HS256 token for its user. */
const mintToken = (sub) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: appId })
    .setIssuer(appId)
    .setAudience('herald')
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(secret);

// The pages this host serves: the staff page (`/`) and the customer portal (`/portal.html`, S5–S7: an external
// contact, `HERALD_EMBED_SUBJECT=contact:<id>`), each with its own script; no inline script or style anywhere.
const read = (name) => readFile(new URL(`./public/${name}`, import.meta.url), 'utf8');
const files = new Map();
for (const [path, name, type] of [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/portal.html', 'portal.html', 'text/html; charset=utf-8'],
  ['/app.js', 'app.js', 'text/javascript'],
  ['/portal.js', 'portal.js', 'text/javascript'],
  ['/portal.css', 'portal.css', 'text/css'],
])
  files.set(path, { type, body: (await read(name)).replaceAll('{{HERALD_URL}}', heraldUrl) });
// The policy docs/elements.md ("Content Security Policy") asks of a host: Herald's script and API, and blob: images
// and media (attachment previews are fetched with the token and shown from blob: URLs, never a token in a URL).
const csp =
  `default-src 'self'; script-src 'self' ${heraldUrl}; connect-src 'self' ${heraldUrl}; style-src 'self'; ` +
  `img-src 'self' data: blob: ${heraldUrl}; media-src 'self' blob:; object-src 'none'; base-uri 'none'`;

/** Whether a request comes from this server's own page, addressed to it by loopback name and port. */
function ownOrigin(req) {
  const port = server.address()?.port;
  const hosts = new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`]);
  return hosts.has(req.headers.host ?? '') && req.headers.origin === `http://${req.headers.host}`;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://host');
  const file = files.get(url.pathname);
  if (url.pathname === '/token' && req.method === 'POST') {
    // Only the host's own pages may ask: the browser's Origin must be this server, reached by its own name (no other
    // site, and no DNS-rebound name). A real host also checks its own session here. The token travels in this
    // response body, never in a URL; the secret never leaves this process.
    if (!ownOrigin(req)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
    res.end(await mintToken(subject));
  } else if (webhook && url.pathname === '/herald-webhook' && req.method === 'POST') {
    await webhook.receive(req, res);
  } else if (webhook && url.pathname === '/notifications.html' && req.method === 'GET') {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
    });
    res.end(webhook.page());
  } else if (file && req.method === 'GET') {
    res.writeHead(200, {
      'content-type': file.type,
      ...(file.type.startsWith('text/html') ? { 'content-security-policy': csp } : {}),
    });
    res.end(file.body);
  } else {
    res.writeHead(404).end('not found');
  }
});
server.listen(Number(process.env.PORT ?? 4000), host, () => {
  const base = `http://${host}:${server.address().port}`;
  console.log(`Host app: ${base}/ (embedding ${heraldUrl} as ${subject}; customer portal: ${base}/portal.html)`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
