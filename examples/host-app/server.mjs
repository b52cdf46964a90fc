// A host application on its own origin (say, a customer portal or a team's intranet app) that embeds
// Herald. Its back end knows who is signed in to *it*, and mints a short-lived Herald embed token for
// that person with the embed app's secret; the page asks for a fresh one whenever the widgets need it.
//
//   HERALD_URL=http://localhost:3000 HERALD_EMBED_APP_ID=… HERALD_EMBED_SECRET=… \
//   HERALD_EMBED_SUBJECT=E1001 PORT=4000 node examples/host-app/server.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) { console.error(`Set ${name} (see README: Embedding).`); process.exit(1); }
  return value;
};
const heraldUrl = env('HERALD_URL', 'http://localhost:3000').replace(/\/$/, '');
const appId = env('HERALD_EMBED_APP_ID');
const secret = new TextEncoder().encode(env('HERALD_EMBED_SECRET'));
// In a real host this is the user signed in to the host; the example serves one fixed person.
const subject = env('HERALD_EMBED_SUBJECT', 'E1001');
const host = process.env.HOST ?? '127.0.0.1';

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

const page = (await readFile(new URL('./public/index.html', import.meta.url), 'utf8')).replaceAll('{{HERALD_URL}}', heraldUrl);
const script = await readFile(new URL('./public/app.js', import.meta.url));

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://host');
  if (url.pathname === '/token' && req.method === 'POST') {
    // Only the host's own pages may ask (a real host also checks its own session here).
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
    res.end(await mintToken(subject));
  } else if (url.pathname === '/app.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(script);
  } else if (url.pathname === '/') {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' ${heraldUrl}; connect-src 'self' ${heraldUrl}; style-src 'self'; img-src 'self' data: ${heraldUrl}`,
    });
    res.end(page);
  } else {
    res.writeHead(404).end('not found');
  }
});
server.listen(Number(process.env.PORT ?? 4000), host, () => {
  console.log(`Host app: http://${host}:${server.address().port}/ (embedding ${heraldUrl} as ${subject})`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
