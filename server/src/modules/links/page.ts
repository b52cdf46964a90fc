// Issue 19 item 4: the one-conversation page a contact without portal access reaches from an e-mail (docs/api.md
// "Contact links"). Server-rendered HTML with no script at all, under a strict CSP; every text escaped and every
// message body through the e-mail renderer (which writes nothing from the document raw).
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/env.js';
import { Problem, problemResponse } from '../../http/problem.js';
import { requestInfo } from '../../http/request-info.js';
import { createRouter } from '../../http/router.js';
import { randomToken, sha256, safeEqual } from '../../lib/crypto.js';
import { now } from '../../lib/clock.js';
import { fileResponse } from '../attachments/download.js';
import { setRead } from '../mailbox/service.js';
import { escapeHtml, renderEmailHtml, type RichDoc } from '../messages/content/index.js';
import { priorWithKey } from '../messages/send-sql.js';
import { replyToMessage } from '../messages/send.js';
import { threadOf } from '../messages/thread.js';
import { PAGE_STRINGS, pageLocale, type PageStrings } from './page-strings.js';
import { PAGE_CSS } from './page-style.js';
import { countAction } from '../auth/throttle.js';
import {
  endSession,
  fileByLink,
  fileUrl,
  openLink,
  PAGE_FILE_TTL_MS,
  peekLink,
  REPLY_LIMIT,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionOf,
} from './service.js';

const tooLargeForm = (): never => {
  throw new Problem('payload-too-large');
};

const MAX_REPLY_CHARS = 20_000;

/** No script, no frames, nothing from elsewhere; forms post only here. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
    "base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
} as const;

const localeOf = (c: Context<AppEnv>, contactLocale?: string | null) =>
  pageLocale(contactLocale ?? c.req.header('accept-language') ?? null);

function page(c: Context<AppEnv>, s: PageStrings, title: string, main: string, status: 200 | 410 | 404 | 429 = 200) {
  const html =
    `<!doctype html><html lang="${s.lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>` +
    '<link rel="stylesheet" href="/conversation/style.css"></head>' +
    `<body><main>${main}</main></body></html>`;
  return c.html(html, status, SECURITY_HEADERS);
}

/**
 * A refusal: a readable page for a browser ("ask the sender for a new link"), problem+json for anything else.
 * `link-unusable` is 410, a rate limit 429, a bad file signature 404.
 */
function refusal(c: Context<AppEnv>, err: unknown, contactLocale?: string | null): Response {
  if (!(err instanceof Problem)) throw err;
  if (!(c.req.header('accept') ?? '').includes('text/html')) {
    const res = problemResponse(c, err);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
    return res;
  }
  const s = PAGE_STRINGS[localeOf(c, contactLocale)];
  const text =
    err.code === 'link-unusable'
      ? (s.unusable[(err.extras.reason as keyof PageStrings['unusable']) ?? 'unknown'] ?? s.unusable.unknown)
      : err.code === 'too-many-attempts'
        ? s.tooMany
        : s.notFound;
  const status = err.status === 410 || err.status === 429 || err.status === 404 ? err.status : 404;
  return page(
    c,
    s,
    s.unusableTitle,
    `<h1>${escapeHtml(s.unusableTitle)}</h1><p role="alert">${escapeHtml(text)}</p>` +
      `<p>${escapeHtml(s.askSender)}</p>`,
    status,
  );
}

/** The reply form's CSRF token: derived from the session cookie, so only a page opened with that cookie knows it. */
const csrfOf = (cookie: string) => sha256(`csrf\n${cookie}`);

/**
 * The page's session from its cookie, with the reply form's CSRF token; or, when there is none, the refusal to answer
 * with (`beforeRefusal` runs first: sign-out clears the cookie).
 */
async function pageSession(
  c: Context<AppEnv>,
  beforeRefusal?: () => void,
): Promise<(Awaited<ReturnType<typeof sessionOf>> & { csrf: string }) | Response> {
  const cookie = getCookie(c, SESSION_COOKIE);
  try {
    return { ...(await sessionOf(c.get('deps').db, cookie)), csrf: csrfOf(cookie!) };
  } catch (err) {
    beforeRefusal?.();
    return refusal(c, err);
  }
}

/** Plain text from the form as a rich document: paragraphs at blank lines, line breaks kept. */
function textDoc(text: string): RichDoc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' as const }] : []),
          ...(line ? [{ type: 'text' as const, text: line }] : []),
        ]),
    })),
  } as RichDoc;
}

const dateTime = (s: PageStrings, at: number) =>
  new Intl.DateTimeFormat(s.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';

/**
 * Review (issue 19 item 4): the button that opens a link is this site's own form. Another site posting its own valid
 * token would sign the visitor in as that contact (login CSRF), so a POST the browser says came from elsewhere
 * (`Sec-Fetch-Site`, else `Origin`) is refused before the token is looked at, and the token stays usable.
 */
function refuseCrossSite(c: Context<AppEnv>, publicUrl: string): void {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const own = [new URL(c.req.url).origin, new URL(publicUrl).origin];
  const crossSite = site ? site !== 'same-origin' && site !== 'none' : !!origin && !own.includes(origin);
  if (crossSite) throw new Problem('forbidden', 'This link opens only from its own page: open it from the e-mail.');
}

/** The contact's page and the few routes behind it (mounted at /conversation, outside the API's authentication). */
export const conversationPage = () =>
  createRouter()
    .get('/style.css', (c) =>
      c.body(PAGE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
    )
    // The landing page only looks: mail scanners that fetch every link must not use it up. The button opens it.
    .get('/open/:token', async (c) => {
      let locale: string | null;
      try {
        ({ locale } = await peekLink(c.get('deps').db, c.req.param('token'), requestInfo(c)));
      } catch (err) {
        return refusal(c, err);
      }
      const s = PAGE_STRINGS[localeOf(c, locale)];
      return page(
        c,
        s,
        s.openTitle,
        `<h1>${escapeHtml(s.openTitle)}</h1><p>${escapeHtml(s.openIntro)}</p>` +
          `<form method="post"><button type="submit">${escapeHtml(s.openButton)}</button></form>`,
      );
    })
    .post('/open/:token', async (c) => {
      const { db, config } = c.get('deps');
      let cookie: string;
      try {
        refuseCrossSite(c, config.publicUrl);
        ({ cookie } = await openLink(db, c.req.param('token'), requestInfo(c)));
      } catch (err) {
        return refusal(c, err);
      }
      setCookie(c, SESSION_COOKIE, cookie, {
        httpOnly: true,
        // Lax, not Strict: the page is reached from a link in an e-mail, a navigation from another site.
        sameSite: 'Lax',
        path: '/conversation',
        secure: config.publicUrl.startsWith('https:'),
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      // See other: the address with the token leaves the history's current entry; the token is dead anyway.
      return c.redirect('/conversation', 303);
    })
    .get('/', async (c) => {
      const { db } = c.get('deps');
      const session = await pageSession(c);
      if (session instanceof Response) return session;
      const { link, actor } = session;
      const s = PAGE_STRINGS[localeOf(c, actor.kind === 'contact' ? actor.subject.locale : null)];
      const { items } = await threadOf(db, actor, link.messageId);
      // Reading the page is reading the messages: the sender's receipts say so, as the portal's reading pane does.
      for (const m of items)
        if (m.mine && m.mine.readAt === null && m.recalledAt === null && !m.expired)
          await setRead(db, actor, m.id, true);
      const filesUntil = now() + PAGE_FILE_TTL_MS;
      const articles: string[] = [];
      for (const m of items) {
        const files = await Promise.all(
          m.attachments.map(
            async (f) =>
              `<li><a href="${escapeHtml(
                await fileUrl(db, '', {
                  attachmentId: f.id,
                  contactId: link.contactId,
                  linkId: link.id,
                  expiresAt: filesUntil,
                }),
              )}">${escapeHtml(f.name)}</a></li>`,
          ),
        );
        const gone = m.recalledAt !== null ? s.recalled : m.expired || m.purgedAt !== null ? s.expired : null;
        articles.push(
          `<article><header><strong>${escapeHtml(m.sender.name)}</strong> · <time>${escapeHtml(
            dateTime(s, m.deliveredAt ?? m.createdAt),
          )}</time></header>` +
            (gone
              ? `<p class="gone">${escapeHtml(gone)}</p>`
              : `<div class="body">${renderEmailHtml(m.body as RichDoc, {
                  linkWarning: (flag) => s.linkWarnings[flag],
                })}</div>` +
                (files.length ? `<h3>${escapeHtml(s.files)}</h3><ul class="files">${files.join('')}</ul>` : '')) +
            '</article>',
        );
      }
      const subject = items[0]?.subject ?? '';
      const sent = c.req.query('sent') === '1' ? `<p role="status" class="sent">${escapeHtml(s.replySent)}</p>` : '';
      const canReply = items.some((m) => m.can.reply);
      const csrf = `<input type="hidden" name="csrf" value="${session.csrf}">`;
      // `once`: a fresh key per page view, the reply's Idempotency-Key — a double submit or a resent form sends once.
      const form = canReply
        ? `<form method="post" action="/conversation/reply">${csrf}` +
          `<input type="hidden" name="once" value="${randomToken(16)}">` +
          `<label for="reply">${escapeHtml(s.replyLabel)}</label>` +
          `<textarea id="reply" name="body" rows="6" maxlength="${MAX_REPLY_CHARS}" required></textarea>` +
          `<button type="submit">${escapeHtml(s.replyButton)}</button></form>`
        : '';
      const signOut =
        `<form method="post" action="/conversation/sign-out" class="sign-out">${csrf}` +
        `<button type="submit" class="secondary">${escapeHtml(s.signOut)}</button></form>`;
      return page(
        c,
        s,
        subject,
        `<h1>${escapeHtml(subject)}</h1>${sent}${articles.join('')}${form}` +
          `<p class="note">${escapeHtml(s.sessionNote(dateTime(s, link.sessionExpiresAt ?? now())))}</p>${signOut}`,
      );
    })
    .post('/reply', bodyLimit({ maxSize: 256 * 1024, onError: tooLargeForm }), async (c) => {
      const { db } = c.get('deps');
      const session = await pageSession(c);
      if (session instanceof Response) return session;
      const form = await c.req.parseBody();
      const csrf = typeof form.csrf === 'string' ? form.csrf : '';
      if (!safeEqual(csrf, session.csrf)) throw new Problem('csrf-failed');
      const text = typeof form.body === 'string' ? form.body.trim() : '';
      if (!text || text.length > MAX_REPLY_CHARS)
        throw new Problem('validation', `A reply has 1 to ${MAX_REPLY_CHARS} characters.`);
      const once = typeof form.once === 'string' && /^[\w-]{1,64}$/.test(form.once) ? form.once : undefined;
      // Review: a page (or a script holding its cookie) cannot flood the sender's inbox. A resent form whose reply
      // went out is not counted (it is answered as before, and sends nothing).
      const key = once && `page:${once}`;
      if (!key || !(await priorWithKey(db, session.link.contactId, key)))
        await countAction(db, `contact-reply:${session.link.contactId}`, REPLY_LIMIT);
      await replyToMessage(db, session.actor, session.link.messageId, { body: textDoc(text) }, key, requestInfo(c));
      return c.redirect('/conversation?sent=1', 303);
    })
    // The page's "Sign out" (a shared computer): ends the session on the server, not only in this browser. Its form
    // holds only the CSRF token; a larger body is refused before it is read (review: it was read whole).
    .post('/sign-out', bodyLimit({ maxSize: 16 * 1024, onError: tooLargeForm }), async (c) => {
      const { db } = c.get('deps');
      // Review: "Sign out" always clears this browser's cookie, also when the session had already ended.
      const session = await pageSession(c, () => deleteCookie(c, SESSION_COOKIE, { path: '/conversation' }));
      if (session instanceof Response) return session;
      const form = await c.req.parseBody();
      if (!safeEqual(typeof form.csrf === 'string' ? form.csrf : '', session.csrf)) throw new Problem('csrf-failed');
      await endSession(db, session.link.id);
      deleteCookie(c, SESSION_COOKIE, { path: '/conversation' });
      const s = PAGE_STRINGS[localeOf(c, session.actor.kind === 'contact' ? session.actor.subject.locale : null)];
      return page(
        c,
        s,
        s.signedOutTitle,
        `<h1>${escapeHtml(s.signedOutTitle)}</h1><p role="status">${escapeHtml(s.signedOut)}</p>`,
      );
    })
    .get('/files/:id', async (c) => {
      const { db, blobs } = c.get('deps');
      const q = c.req.query();
      let row: Awaited<ReturnType<typeof fileByLink>>;
      try {
        row = await fileByLink(db, {
          attachmentId: c.req.param('id'),
          contactId: q.c ?? '',
          linkId: q.l ?? '',
          expiresAt: Number(q.e ?? 0) || 0,
          signature: q.s ?? '',
        });
      } catch (err) {
        return refusal(c, err);
      }
      return fileResponse(c, blobs, row, false, { 'referrer-policy': 'no-referrer' });
    });
