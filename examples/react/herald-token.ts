// The host's back end, as a Vite plugin (dev server and `vite preview`): POST /herald-token answers a 5-minute embed
// token for the person signed in to this host, signed with the embed app's secret (README "Embedding"). A real host
// checks its own session here; this example serves one fixed person (HERALD_EMBED_SUBJECT).
import type { Connect, Plugin } from 'vite';
import { SignJWT } from 'jose';

export function heraldToken(): Plugin {
  const appId = process.env.HERALD_EMBED_APP_ID ?? '';
  const secret = new TextEncoder().encode(process.env.HERALD_EMBED_SECRET ?? '');
  const subject = process.env.HERALD_EMBED_SUBJECT ?? 'E1001';
  const mint: Connect.NextHandleFunction = async (req, res, next) => {
    if (req.url !== '/herald-token' || req.method !== 'POST') return next();
    // Only this host's own pages may ask (a browser always sends Origin on a POST).
    if (req.headers.origin !== `http://${req.headers.host}`) return void res.writeHead(403).end('forbidden');
    if (!appId) return void res.writeHead(500).end('Set HERALD_EMBED_APP_ID and HERALD_EMBED_SECRET');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appId })
      .setIssuer(appId)
      .setAudience('herald')
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(token);
  };
  return {
    name: 'herald-token',
    configureServer: (server) => void server.middlewares.use(mint),
    configurePreviewServer: (server) => void server.middlewares.use(mint),
  };
}
