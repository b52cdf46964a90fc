// Issue 19 item 4: the links e-mailed to a contact without portal access (docs/architecture.md "Contact links").
// A conversation link is a random token whose hash is stored: opened once, it is exchanged for a short session
// cookie and is dead from then on. A file link is signed (HMAC over attachment, contact, link and expiry) and
// checked against the link's revocation and the message's visibility on every download.
import { createHmac, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { randomToken, safeEqual, sha256 } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { attemptSucceeded, beginAttempt } from '../auth/throttle.js';
import { recordAudit } from '../audit/service.js';
import { readableAttachment, type AttachmentRow } from '../attachments/service.js';
import { contacts } from '../contacts/schema.js';
import { accessTo, messageAccess } from '../messages/access.js';
import { messages } from '../messages/schema.js';
import { settings } from '../settings/schema.js';
import { contactLinks } from './schema.js';

/** How long an e-mailed link (and the file links beside it) may be used: opened once, within this. */
export const LINK_TTL_MS = 3 * 24 * 3_600_000;
/** The session a link is exchanged for: long enough to read and answer, then a new link is needed. */
export const SESSION_TTL_MS = 60 * 60_000;
/** File links on the page itself are signed afresh on every view, for this long. */
export const PAGE_FILE_TTL_MS = 10 * 60_000;
/** The session cookie, scoped to the page's path. */
export const SESSION_COOKIE = 'herald_conversation';
/** Replies a contact may send from link pages: 30 in 15 minutes, then locked for a minute, doubling (throttle.ts). */
export const REPLY_LIMIT = { freeFailures: 30, baseLockMs: 60_000, maxLockMs: 15 * 60_000 } as const;
/** What the contact's actor carries as its app (audit entries show that a link, not a portal, was used). */
export const LINK_APP = 'contact-link';

export type LinkRow = typeof contactLinks.$inferSelect;
/** Why a link cannot be used; the page and problem+json say it, and "ask the sender for a new link". */
export type Unusable = 'unknown' | 'used' | 'revoked' | 'expired' | 'session-ended' | 'message-gone';

const unusable = (reason: Unusable) =>
  new Problem('link-unusable', 'This link can no longer be used: ask the sender for a new link.', { reason });

const KEY_SETTING = 'contact-link-key';
const keys = new WeakMap<object, Buffer>();

/** The HMAC key of file links: made once per database (every server process shares it), then kept in memory. */
async function linkKey(db: DbOrTx): Promise<Buffer> {
  const known = keys.get(db);
  if (known) return known;
  const fresh = randomBytes(32).toString('hex');
  await db
    .insert(settings)
    .values({ key: KEY_SETTING, value: { key: fresh }, updatedBy: null, updatedAt: now() })
    .onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY_SETTING));
  const key = Buffer.from((row!.value as { key: string }).key, 'hex');
  keys.set(db, key);
  return key;
}

export type FileLinkParams = { attachmentId: string; contactId: string; linkId: string; expiresAt: number };
const sign = (key: Buffer, p: FileLinkParams) =>
  createHmac('sha256', key)
    .update(['file', p.attachmentId, p.contactId, p.linkId, String(p.expiresAt)].join('\n'))
    .digest('base64url');

/** `/conversation/files/<id>?c=…&l=…&e=…&s=…`, under `publicUrl` (no trailing slash). */
export async function fileUrl(db: DbOrTx, publicUrl: string, p: FileLinkParams): Promise<string> {
  const sig = sign(await linkKey(db), p);
  const q = new URLSearchParams({ c: p.contactId, l: p.linkId, e: String(p.expiresAt), s: sig });
  return `${publicUrl}/conversation/files/${encodeURIComponent(p.attachmentId)}?${q}`;
}

/** A new conversation link for a contact about a message (at each e-mail sent): its id and the token, shown once. */
export async function issueLink(db: DbOrTx, messageId: string, contactId: string, at: number) {
  const token = randomToken(32);
  const id = newId();
  const expiresAt = at + LINK_TTL_MS;
  await db
    .insert(contactLinks)
    .values({ id, messageId, contactId, tokenHash: sha256(token), createdAt: at, expiresAt });
  return { id, token, expiresAt };
}

/** The contact as the page acts for them: the same kind of actor a portal contact is, marked as a link's. */
async function contactActor(db: DbOrTx, contactId: string): Promise<Actor | null> {
  const [c] = await db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!c || c.disabled) return null;
  return {
    kind: 'contact',
    grants: [],
    mustChangePassword: false,
    via: 'embed',
    appId: LINK_APP,
    subject: { kind: 'contact', id: c.id, name: c.name, email: c.email, company: c.company, locale: c.locale },
  };
}

/** Gone for the contact: the message was recalled, deleted, purged or has expired (the link dies with it). */
async function messageGone(db: DbOrTx, messageId: string, at: number): Promise<boolean> {
  const [m] = await db
    .select({
      recalledAt: messages.recalledAt,
      deletedAt: messages.deletedAt,
      purgedAt: messages.purgedAt,
      expiresAt: messages.expiresAt,
    })
    .from(messages)
    .where(eq(messages.id, messageId));
  return !m || m.recalledAt !== null || m.deletedAt !== null || m.purgedAt !== null || (m.expiresAt ?? at + 1) <= at;
}

function stateOf(link: LinkRow, at: number): Unusable | null {
  if (link.revokedAt !== null) return 'revoked';
  if (link.usedAt !== null) return 'used';
  if (link.expiresAt <= at) return 'expired';
  return null;
}

/**
 * Rate-limited like sign-in (per token and per address): guessing tokens locks the guesser out. The address is counted
 * apart from sign-in's, so bad links do not lock out the colleagues behind the same address.
 */
const attemptKey = (token: string) => ({ login: `contact-link:${sha256(token).slice(0, 32)}` });

/**
 * A link as its landing page shows it (nothing changes: mail scanners that fetch links must not use them up); a
 * Problem when it cannot be opened.
 */
export async function peekLink(db: Db, token: string, info: RequestInfo): Promise<LinkRow & { locale: string | null }> {
  await beginAttempt(db, attemptKey(token), info.ip, 'contact-link-ip');
  const [link] = await db
    .select()
    .from(contactLinks)
    .where(eq(contactLinks.tokenHash, sha256(token)));
  const at = now();
  if (!link) throw unusable('unknown');
  const state = stateOf(link, at);
  if (state) throw unusable(state);
  if (await messageGone(db, link.messageId, at)) throw unusable('message-gone');
  await attemptSucceeded(db, attemptKey(token), info.ip, 'contact-link-ip');
  const [contact] = await db.select({ locale: contacts.locale }).from(contacts).where(eq(contacts.id, link.contactId));
  return { ...link, locale: contact?.locale ?? null };
}

/**
 * Opens a link: once only (a conditional update, so two tabs racing cannot both win), exchanging the token for a
 * session. Returns the cookie value `<linkId>.<secret>`; only the secret's hash is stored.
 */
export async function openLink(db: Db, token: string, info: RequestInfo): Promise<{ cookie: string; link: LinkRow }> {
  const link = await peekLink(db, token, info);
  const actor = await contactActor(db, link.contactId);
  if (!actor) throw unusable('revoked');
  const secret = randomToken(32);
  const at = now();
  return db.transaction(async (tx) => {
    const [opened] = await tx
      .update(contactLinks)
      .set({ usedAt: at, sessionHash: sha256(secret), sessionExpiresAt: at + SESSION_TTL_MS })
      .where(and(eq(contactLinks.id, link.id), isNull(contactLinks.usedAt), isNull(contactLinks.revokedAt)))
      .returning();
    if (!opened) throw unusable('used');
    await recordAudit(tx, actor, {
      action: 'contact-link.open',
      targetType: 'message',
      targetId: link.messageId,
      after: { linkId: link.id },
      requestId: info.requestId,
      ip: info.ip,
    });
    return { cookie: `${link.id}.${secret}`, link: opened };
  });
}

/** The session behind the page's cookie: its link and the contact's actor; a Problem when it has ended. */
export async function sessionOf(db: DbOrTx, cookie: string | undefined): Promise<{ link: LinkRow; actor: Actor }> {
  const [id, secret] = (cookie ?? '').split('.');
  if (!id || !secret) throw unusable('session-ended');
  const [link] = await db.select().from(contactLinks).where(eq(contactLinks.id, id));
  const at = now();
  if (!link?.sessionHash || !safeEqual(link.sessionHash, sha256(secret))) throw unusable('session-ended');
  if (link.revokedAt !== null) throw unusable('revoked');
  if ((link.sessionExpiresAt ?? 0) <= at) throw unusable('session-ended');
  if (await messageGone(db, link.messageId, at)) throw unusable('message-gone');
  const actor = await contactActor(db, link.contactId);
  if (!actor) throw unusable('revoked');
  return { link, actor };
}

/** How long a dead link's row stays (its sender's pane shows it as expired, ended or revoked), then it is pruned. */
export const LINK_KEEP_MS = 30 * 24 * 3_600_000;
const PRUNE_BATCH = 500;

/**
 * Deletes the rows of links that stopped working more than `LINK_KEEP_MS` ago — expired, and any session over (a
 * revoked or used link expires too: every link does within `LINK_TTL_MS`) — in batches; run by the hourly purge
 * (retention/purge.ts), whatever the retention policy: they are the links' bookkeeping, not message content. The
 * audit trail keeps every open and revocation. Returns how many were deleted.
 */
export async function pruneContactLinks(db: Db, at = now()): Promise<number> {
  const before = at - LINK_KEEP_MS;
  let pruned = 0;
  for (;;) {
    const dead = db
      .select({ id: contactLinks.id })
      .from(contactLinks)
      .where(
        and(
          lt(contactLinks.expiresAt, before),
          or(isNull(contactLinks.sessionExpiresAt), lt(contactLinks.sessionExpiresAt, before)),
        ),
      )
      .limit(PRUNE_BATCH);
    const gone = await db.delete(contactLinks).where(inArray(contactLinks.id, dead)).returning({ id: contactLinks.id });
    pruned += gone.length;
    if (gone.length < PRUNE_BATCH) return pruned;
  }
}

/** The page's "Sign out": the session ends now (its cookie is deleted too); the link was used, so it stays dead. */
export async function endSession(db: DbOrTx, linkId: string): Promise<void> {
  await db.update(contactLinks).set({ sessionExpiresAt: now() }).where(eq(contactLinks.id, linkId));
}

/**
 * A signed file link's attachment, after every check: signature (constant time), expiry, the link not revoked, the
 * file in the link's conversation, and the contact still allowed to read its message (not recalled, deleted, expired
 * or purged). A bad signature is `not-found`: it tells a stranger nothing.
 */
export async function fileByLink(db: DbOrTx, p: FileLinkParams & { signature: string }): Promise<AttachmentRow> {
  if (!safeEqual(sign(await linkKey(db), p), p.signature)) throw new Problem('not-found');
  const at = now();
  if (p.expiresAt <= at) throw unusable('expired');
  const [link] = await db.select().from(contactLinks).where(eq(contactLinks.id, p.linkId));
  if (!link || link.contactId !== p.contactId) throw new Problem('not-found');
  if (link.revokedAt !== null) throw unusable('revoked');
  const actor = await contactActor(db, p.contactId);
  if (!actor) throw unusable('revoked');
  const row = await readableAttachment(db, actor, p.attachmentId);
  const [inThread] = await dialect.all<{ ok: number }>(
    db,
    sql`select 1 as ok from messages a join messages b on a.thread_id = b.thread_id
    where a.id = ${row.messageId} and b.id = ${link.messageId}`,
  );
  if (!inThread) throw new Problem('not-found');
  return row;
}

/** Who may see and revoke a message's links: its sender, or whoever manages it (message.manage in scope). */
async function assertLinkOwner(db: DbOrTx, actor: Actor, messageId: string) {
  const access = await messageAccess(db, actor, messageId);
  if (!access) throw new Problem('not-found');
  if (!access.sender && !access.manager && !access.viewer)
    throw new Problem('forbidden', "Only the message's sender manages its contact links.");
  return access;
}

export type LinkState = 'unopened' | 'open' | 'ended' | 'revoked' | 'expired';
const viewState = (l: LinkRow, at: number): LinkState =>
  l.revokedAt !== null
    ? 'revoked'
    : l.usedAt === null
      ? l.expiresAt <= at
        ? 'expired'
        : 'unopened'
      : (l.sessionExpiresAt ?? 0) > at
        ? 'open'
        : 'ended';

/**
 * The messages of a conversation whose links this caller may see (`revoke`: take back): links are per message,
 * revocation is per conversation, but only over the messages the caller sent or manages (review: a scoped admin who
 * manages one reply must not reach the links of messages outside their scope). A handful of messages per thread.
 */
async function threadMessagesOf(db: DbOrTx, actor: Actor, threadId: string, revoke: boolean): Promise<string[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.threadId, threadId),
        sql`exists (select 1 from ${contactLinks} where ${contactLinks.messageId} = ${messages.id})`,
      ),
    );
  const access = await accessTo(db, actor, rows);
  return access.filter((a) => a.sender || a.manager || (!revoke && a.viewer)).map((a) => a.message.id);
}

/**
 * The links e-mailed in a message's conversation (with this message or any other of its thread), newest first, for
 * its sender's reading pane: revoking acts on them all, so the pane shows them all.
 */
export async function linksOf(db: DbOrTx, actor: Actor, messageId: string) {
  const { message } = await assertLinkOwner(db, actor, messageId);
  const mine = await threadMessagesOf(db, actor, message.threadId, false);
  if (!mine.length) return [];
  const rows = await db
    .select({ link: contactLinks, contactName: contacts.name })
    .from(contactLinks)
    .innerJoin(contacts, eq(contacts.id, contactLinks.contactId))
    .where(inArray(contactLinks.messageId, mine))
    .orderBy(desc(contactLinks.createdAt), desc(contactLinks.id))
    .limit(200);
  const at = now();
  return rows.map(({ link, contactName }) => ({
    id: link.id,
    messageId: link.messageId,
    contactId: link.contactId,
    contactName,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    openedAt: link.usedAt,
    revokedAt: link.revokedAt,
    state: viewState(link, at),
  }));
}

/**
 * The sender takes back a contact's access to the conversation (one contact's, or everyone's): every link e-mailed in
 * the message's thread so far — with this message, the ones before it and the replies after it — so unopened links,
 * open pages and file links all stop working at once (review of issue 19 item 4: it was per message, and a later
 * reply's link still showed the thread). A message sent afterwards e-mails a new link, which works: sending to them
 * again is letting them read again. Audited; returns how many links were revoked.
 */
export async function revokeLinks(
  db: Db,
  actor: Actor,
  messageId: string,
  contactId: string | undefined,
  info: RequestInfo,
): Promise<number> {
  const access = await assertLinkOwner(db, actor, messageId);
  if (!access.sender && !access.manager)
    throw new Problem('forbidden', "Only the message's sender revokes its contact links.");
  const at = now();
  const { threadId } = access.message;
  return db.transaction(async (tx) => {
    const mine = await threadMessagesOf(tx, actor, threadId, true);
    const revoked = await tx
      .update(contactLinks)
      .set({ revokedAt: at, revokedBy: actor.kind === 'api-key' ? actor.keyId : actor.subject.id })
      .where(
        and(
          inArray(contactLinks.messageId, mine.length ? mine : [messageId]),
          isNull(contactLinks.revokedAt),
          contactId ? eq(contactLinks.contactId, contactId) : undefined,
        ),
      )
      .returning({ id: contactLinks.id });
    await recordAudit(tx, actor, {
      action: 'contact-link.revoke',
      targetType: 'message',
      targetId: messageId,
      after: { contactId: contactId ?? null, threadId, revoked: revoked.length },
      requestId: info.requestId,
      ip: info.ip,
    });
    return revoked.length;
  });
}
