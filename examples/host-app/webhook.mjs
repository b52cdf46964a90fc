// Receiving Herald's notification webhooks (docs/api.md "Webhook requests"): check the signature in constant time,
// refuse old timestamps (replays), drop a key already seen (Herald sends at least once), answer 2xx quickly. A real
// host relays the notification to its SMS gateway or WeCom / DingTalk bot here; this example keeps the last 50 and
// shows them on /notifications.html.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_AGE_S = 300;
const KEEP = 50;
/** Herald's requests are a few KB; anything much larger is not from Herald. */
const MAX_BODY = 64 * 1024;
/** Keys remembered to drop repeats: Herald retries within hours, so the last few thousand are plenty. */
const REMEMBER = 5000;

const escapeHtml = (v) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** Whether `Herald-Signature: v1=<hex>` is the HMAC-SHA256 of `<Herald-Timestamp>.<raw body>` with `secret`. */
export function validSignature(secret, headers, rawBody, nowS = Date.now() / 1000) {
  const ts = String(headers['herald-timestamp'] ?? '');
  const given = /^v1=([0-9a-f]{64})$/.exec(String(headers['herald-signature'] ?? ''))?.[1];
  if (!/^\d+$/.test(ts) || !given || Math.abs(nowS - Number(ts)) > MAX_AGE_S) return false;
  const expected = createHmac('sha256', secret).update(`${ts}.${rawBody}`).digest();
  // both 32 bytes: the pattern above asks for 64 hex digits
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

export function heraldWebhook(secret) {
  const seen = new Set();
  const received = [];

  /** POST handler: 413 when too large, 401 on a bad signature, 200 for a new or duplicate notification. */
  const receive = async (req, res) => {
    const chunks = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY)
          return void res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('too large');
        chunks.push(chunk);
      }
    } catch {
      return void res.destroy(); // the sender went away mid-request
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!validSignature(secret, req.headers, raw))
      return void res.writeHead(401, { 'content-type': 'text/plain' }).end('bad signature');
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      /* answered below */
    }
    if (!body || typeof body !== 'object' || typeof body.id !== 'string')
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('not a Herald notification');
    if (!seen.has(body.id)) {
      seen.add(body.id);
      if (seen.size > REMEMBER) seen.delete(seen.values().next().value); // a Set iterates oldest first
      received.unshift({ at: new Date(), body });
      received.length = Math.min(received.length, KEEP);
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  };

  /** The received notifications as a page (every value escaped; refreshes itself every 5 s, no script). */
  const page = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Notifications received by the host</title><link rel="stylesheet" href="/portal.css"></head><body><main>
<h1>Notifications received by this host's webhook</h1>
<p>Herald signs each request; this host checks the signature and drops repeats, \
then would pass the text to its SMS gateway or chat bot.</p>
${
  received.length
    ? `<table><thead><tr><th>Received</th><th>To</th><th>Priority</th><th>Text</th></tr></thead><tbody>
${received
  .map(
    ({ at, body }) => `<tr><td>${escapeHtml(at.toISOString())}</td>\
<td>${escapeHtml(body.recipient?.name)} ${escapeHtml(body.recipient?.phone ?? '')}</td>
<td>${escapeHtml(body.message?.priority)}${
      body.round ? ` (reminder ${escapeHtml(body.round)})` : ''
    }</td><td>${escapeHtml(body.text)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '<p>Nothing yet. Send an urgent message in Herald.</p>'
}
</main></body></html>`;

  return { receive, page };
}
