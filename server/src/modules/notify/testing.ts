// Real receivers on loopback for the notification tests: an SMTP server and an HTTP endpoint that checks
// Herald's webhook signature (docs/api.md "Webhook requests"). Either can be taken down and brought back on
// the same port to play an outage.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string; mail: ParsedMail };

/** An SMTP server accepting any mail (no TLS, optional auth); `down()` and `up()` stop and restart it. */
export async function startSmtpReceiver(options: { user?: string; pass?: string } = {}) {
  const received: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | null = null;
  const up = async () => {
    if (server) return;
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: !options.user,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === options.user && auth.password === options.pass) cb(null, { user: auth.username });
        else cb(new Error('Invalid username or password'));
      },
      onData(stream, session, cb) {
        simpleParser(stream).then((mail) => {
          for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, mail });
          cb();
        }, cb);
      },
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  };
  const down = async () => {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  };
  await up();
  return {
    received,
    get port() {
      return port;
    },
    up,
    down,
    close: down,
  };
}

export type ReceivedHook = {
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
  signatureValid: boolean;
};

/** Checks `Herald-Signature: v1=<hex>` over `<timestamp>.<body>` in constant time, as a receiver should. */
export function verifySignature(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const ts = String(headers['herald-timestamp'] ?? '');
  const given = /^v1=([0-9a-f]{64})$/.exec(String(headers['herald-signature'] ?? ''))?.[1];
  if (!ts || !given) return false;
  const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
}

/**
 * An HTTP receiver (webhook or SMS gateway). It records every request; `status` is what it answers (500 plays a
 * failing gateway); `down()`/`up()` close and reopen the port. With a `secret` it checks the signature and answers
 * 401 on a bad one. With `hang` (or `state.hang`) it records the request and never answers (a gateway that stalls).
 */
export async function startHttpReceiver(options: { secret?: string; hang?: boolean } = {}) {
  const received: ReceivedHook[] = [];
  const state = { status: 200, hang: options.hang ?? false };
  let port = 0;
  let server: Server | null = null;
  const up = async () => {
    if (server) return;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signatureValid = options.secret ? verifySignature(options.secret, req.headers, body) : true;
        let json: Record<string, unknown> = {};
        try {
          json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          /* not JSON: kept as body */
        }
        received.push({
          headers: { ...req.headers, ':method': req.method, ':path': req.url },
          body,
          json,
          signatureValid,
        });
        if (state.hang) return;
        res.statusCode = options.secret && !signatureValid ? 401 : state.status;
        res.end(res.statusCode < 300 ? 'ok' : 'failed');
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  };
  const down = async () => {
    if (!server) return;
    const s = server;
    server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await up();
  return {
    received,
    state,
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    up,
    down,
    close: down,
  };
}
