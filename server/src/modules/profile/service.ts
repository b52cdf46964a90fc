// Self-service profile (issue 20 item 7; docs/api.md "My settings"): a member changes their own language at once, and
// their e-mail or phone only by the code sent to the new address (on the e-mail or SMS channel the admin set up).
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { auditLog } from '../audit/schema.js';
import { recordAudit } from '../audit/service.js';
import { contacts } from '../contacts/schema.js';
import { publishEvent } from '../live/service.js';
import { SENDERS } from '../notify/channels/index.js';
import { escapeHtml } from '../messages/content/index.js';
import { DeliveryError, type Notification, type NotifyLocale } from '../notify/channels/types.js';
import { notifyLocale } from '../notify/content.js';
import { notifySettings, type NotifySettings } from '../notify/settings.js';
import { members } from '../org/schema.js';
import { searchText } from '../org/search-text.js';
import { checkEmail, checkPhone } from '../org/validation.js';
import { profileVerifications } from './schema.js';

/** How long a code holds, how many wrong tries it survives, and how soon another may be asked for. */
/**
 * A code lives 10 minutes and takes 5 tries; a new one comes a minute after the last at the earliest, and at most 5 a
 * day per member and kind (review: wrong tries restart with each new code, so without a daily cap one could guess
 * ~7,000 times a day; with it, 25 tries against 10⁶ codes).
 */
export const VERIFICATION = {
  ttlMs: 10 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  maxCodesPerDay: 5,
} as const;
const DAY_MS = 24 * 3_600_000;
export const CONTACT_KINDS = ['email', 'phone'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const PROFILE_LOCALES = ['en', 'zh-CN'] as const;

const CHANNEL = { email: 'email', phone: 'sms' } as const;

export type MyProfile = {
  kind: 'member' | 'contact';
  name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  /** Changes waiting for their code. */
  pending: Array<{ kind: ContactKind; value: string; expiresAt: number }>;
  /** Whether a code can be sent to a new address of this kind now (the admin's channel is on); members only. */
  verifiable: Record<ContactKind, boolean>;
};

const verifiable = (s: NotifySettings, kind: ContactKind) => s[CHANNEL[kind]].enabled;

export async function myProfile(db: DbOrTx, actor: Actor): Promise<MyProfile> {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no profile.');
  if (actor.kind === 'contact') {
    const [c] = await db
      .select({ name: contacts.name, email: contacts.email, phone: contacts.phone, locale: contacts.locale })
      .from(contacts)
      .where(eq(contacts.id, actor.subject.id));
    if (!c) throw new Problem('not-found', 'No such contact.');
    return { kind: 'contact', ...c, pending: [], verifiable: { email: false, phone: false } };
  }
  const id = actor.subject.id;
  const [m] = await db
    .select({ name: members.name, email: members.email, phone: members.phone, locale: members.locale })
    .from(members)
    .where(eq(members.id, id));
  if (!m) throw new Problem('not-found', 'No such member.');
  const t = now();
  const pending = await db
    .select({
      kind: profileVerifications.kind,
      value: profileVerifications.value,
      expiresAt: profileVerifications.expiresAt,
    })
    .from(profileVerifications)
    .where(eq(profileVerifications.memberId, id));
  const s = await notifySettings(db);
  return {
    kind: 'member',
    ...m,
    pending: pending.filter((p) => p.expiresAt > t),
    verifiable: { email: verifiable(s, 'email'), phone: verifiable(s, 'phone') },
  };
}

/** The language of one's widgets and notifications; null: the page's language (and the admin's default). */
export async function updateMyLocale(db: Db, actor: Actor, locale: string | null, info: RequestInfo) {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no profile.');
  const table = actor.kind === 'member' ? members : contacts;
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: table.locale }).from(table).where(eq(table.id, actor.subject.id));
    await tx.update(table).set({ locale, updatedAt: now() }).where(eq(table.id, actor.subject.id));
    await recordAudit(tx, actor, {
      action: 'profile.locale.update',
      targetType: actor.kind,
      targetId: actor.subject.id,
      before: { locale: before?.locale ?? null },
      after: { locale },
      ...info,
    });
    await publishEvent(tx, [{ kind: actor.kind, id: actor.subject.id }], 'me.updated', { reason: 'profile-changed' });
  });
  return myProfile(db, actor);
}

/** E-mail and phone change by code: members only (a contact's card is kept by the staff who work with them). */
function memberOf(actor: Actor): { id: string } {
  if (actor.kind !== 'member')
    throw new Problem('forbidden', "Only members change their own e-mail or phone; a contact's card is kept by staff.");
  return actor.subject;
}

const hashOf = (id: string, code: string) => createHash('sha256').update(`${id}.${code}`).digest('hex');
const field = (kind: ContactKind) => (kind === 'email' ? members.email : members.phone);

/** The new address, normalised as an admin's change would be, and not already this member's (or, e-mail, anyone's). */
async function checkedValue(db: DbOrTx, memberId: string, kind: ContactKind, raw: string): Promise<string> {
  const value = kind === 'email' ? checkEmail(raw) : checkPhone(raw);
  if (!value)
    throw new Problem('validation', 'Some properties are not valid.', {
      errors: [{ path: 'value', code: 'required', message: 'Enter the new address' }],
    });
  const [clash] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(field(kind), value), kind === 'email' ? undefined : eq(members.id, memberId)));
  if (clash?.id === memberId)
    throw new Problem('validation', 'Some properties are not valid.', {
      errors: [{ path: 'value', code: 'invalid-value', message: 'This is already your address' }],
    });
  if (clash)
    throw new Problem('conflict', `The e-mail ${value} is taken.`, {
      errors: [{ path: 'value', code: 'duplicate', message: 'The e-mail is taken' }],
    });
  return value;
}

const TEXT: Record<NotifyLocale, { subject: string; body: (code: string, minutes: number) => string }> = {
  en: {
    subject: 'Your Herald verification code',
    body: (code, minutes) =>
      `Your Herald verification code is ${code}. It expires in ${minutes} minutes. ` +
      `If you did not ask to change your address, ignore this message.`,
  },
  'zh-CN': {
    subject: 'Herald 验证码',
    body: (code, minutes) =>
      `您的 Herald 验证码是 ${code}，${minutes} 分钟内有效。如果不是您本人在更改联系方式，请忽略本消息。`,
  },
};

/** Sends `text` to one address of a member on the channel of `kind` (a code, or the notice of a change). */
async function sendToAddress(
  s: NotifySettings,
  member: { id: string; name: string; locale: string | null },
  kind: ContactKind,
  address: string,
  key: string,
  words: (locale: NotifyLocale) => { subject: string; text: string },
) {
  const locale = notifyLocale(member.locale ?? s.defaultLocale);
  const { subject, text } = words(locale);
  const channel = CHANNEL[kind];
  const n: Notification = {
    idempotencyKey: key,
    channel,
    round: 0,
    address,
    recipient: {
      kind: 'member',
      id: member.id,
      name: member.name,
      email: kind === 'email' ? address : null,
      phone: kind === 'phone' ? address : null,
      locale,
    },
    message: {
      id: key,
      subject,
      priority: 'urgent',
      senderName: 'Herald',
      deliveredAt: now(),
      expiresAt: null,
      receiptRequired: false,
      attachmentCount: 0,
    },
    content: { subject, short: text, text, html: `<p>${escapeHtml(text)}</p>`, link: null },
  };
  await SENDERS[channel](n, s);
}

const sendCode = (
  s: NotifySettings,
  member: { id: string; name: string; locale: string | null },
  kind: ContactKind,
  value: string,
  verificationId: string,
  code: string,
) =>
  sendToAddress(s, member, kind, value, `verify.${verificationId}`, (locale) => ({
    subject: TEXT[locale].subject,
    text: TEXT[locale].body(code, VERIFICATION.ttlMs / 60_000),
  }));

/** `li***@example.com`, `*******5678`: enough for the owner to recognise, not enough to hand out the address. */
export function maskedAddress(kind: ContactKind, value: string): string {
  if (kind === 'phone') return value.replace(/\d(?=(?:\D*\d){4})/g, '*');
  const at = value.lastIndexOf('@');
  return `${value.slice(0, Math.min(2, at))}***${value.slice(at)}`;
}

const CHANGED: Record<
  NotifyLocale,
  { subject: Record<ContactKind, string>; body: (to: string, what: string) => string }
> = {
  en: {
    subject: { email: 'Your Herald e-mail address was changed', phone: 'Your Herald phone number was changed' },
    body: (to, what) =>
      `The ${what} of your Herald account was changed to ${to}. ` +
      'If you did not make this change, tell your administrator at once.',
  },
  'zh-CN': {
    subject: { email: '您的 Herald 邮箱已更改', phone: '您的 Herald 手机号已更改' },
    body: (to, what) => `您的 Herald 账号${what}已更改为 ${to}。如果不是您本人操作，请立即联系管理员。`,
  },
};
const WHAT: Record<NotifyLocale, Record<ContactKind, string>> = {
  en: { email: 'e-mail address', phone: 'phone number' },
  'zh-CN': { email: '邮箱', phone: '手机号' },
};

/**
 * Tells the old address that the member's address changed (as mail providers do): whoever took over a session and
 * changed the address is then known to the owner. Best effort: the change stands if the notice cannot be sent.
 */
async function noticeToOldAddress(
  db: Db,
  member: { id: string; name: string; locale: string | null },
  kind: ContactKind,
  old: string,
  next: string,
  changeId: string,
  logger?: Logger,
) {
  try {
    const s = await notifySettings(db);
    if (!verifiable(s, kind)) return;
    await sendToAddress(s, member, kind, old, `changed.${changeId}`, (locale) => ({
      subject: CHANGED[locale].subject[kind],
      text: CHANGED[locale].body(maskedAddress(kind, next), WHAT[locale][kind]),
    }));
  } catch (err) {
    logger?.warn({ err, memberId: member.id, kind }, 'the notice of a changed address to the old one failed');
  }
}

/**
 * Sends a code to the new address (issue 20 item 7). The change waits for it (`confirmContactChange`); a new request
 * replaces an older one, but not sooner than a minute after it, so nobody can flood an address with codes.
 */
export async function requestContactChange(
  db: Db,
  actor: Actor,
  kind: ContactKind,
  raw: string,
  info: RequestInfo,
): Promise<{ kind: ContactKind; value: string; expiresAt: number }> {
  const { id: memberId } = memberOf(actor);
  const s = await notifySettings(db);
  if (!verifiable(s, kind))
    throw new Problem(
      'verification-unavailable',
      kind === 'email'
        ? 'E-mail is not set up, so no code can be sent: ask an administrator to change your address.'
        : 'SMS is not set up, so no code can be sent: ask an administrator to change your phone number.',
    );
  const value = await checkedValue(db, memberId, kind, raw);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = newId();
  const t = now();
  const expiresAt = t + VERIFICATION.ttlMs;
  const member = await db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ createdAt: profileVerifications.createdAt })
      .from(profileVerifications)
      .where(and(eq(profileVerifications.memberId, memberId), eq(profileVerifications.kind, kind)));
    if (previous && t - previous.createdAt < VERIFICATION.resendAfterMs) {
      const retryAfter = Math.ceil((previous.createdAt + VERIFICATION.resendAfterMs - t) / 1000);
      throw new Problem('too-many-attempts', `A code was sent moments ago. Ask again in ${retryAfter} s.`, {
        retryAfter,
      });
    }
    // The day's codes, from the audit trail every code leaves (over `audit_actor_idx`).
    const [today] = await tx
      .select({ n: count(), first: sql<number>`min(${auditLog.at})` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorId, memberId),
          gt(auditLog.at, t - DAY_MS),
          eq(auditLog.action, 'profile.contact.code-sent'),
          sql`${dialect.jsonField(auditLog.after, 'kind')} = ${kind}`,
        ),
      );
    if (today && today.n >= VERIFICATION.maxCodesPerDay) {
      const retryAfter = Math.ceil((today.first + DAY_MS - t) / 1000);
      throw new Problem('too-many-attempts', 'Too many codes were sent today: ask again tomorrow.', { retryAfter });
    }
    const row = { memberId, kind, id, value, codeHash: hashOf(id, code), attempts: 0, expiresAt, createdAt: t };
    await tx
      .insert(profileVerifications)
      .values(row)
      .onConflictDoUpdate({ target: [profileVerifications.memberId, profileVerifications.kind], set: row });
    await recordAudit(tx, actor, {
      action: 'profile.contact.code-sent',
      targetType: 'member',
      targetId: memberId,
      after: { kind, value },
      ...info,
    });
    const [m] = await tx
      .select({ id: members.id, name: members.name, locale: members.locale })
      .from(members)
      .where(eq(members.id, memberId));
    return m!;
  });
  try {
    await sendCode(s, member, kind, value, id, code);
  } catch (err) {
    // Nothing was sent: the request is gone, so the member may ask again at once.
    await db
      .delete(profileVerifications)
      .where(and(eq(profileVerifications.memberId, memberId), eq(profileVerifications.id, id)));
    if (err instanceof DeliveryError)
      throw new Problem('verification-send-failed', 'The code could not be sent. Try again later.', {
        reason: err.reason,
      });
    throw err;
  }
  return { kind, value, expiresAt };
}

/** Applies the change if `code` is the one sent: once, before it expires, within `VERIFICATION.maxAttempts` tries. */
export async function confirmContactChange(
  db: Db,
  actor: Actor,
  kind: ContactKind,
  code: string,
  info: RequestInfo,
  logger?: Logger,
): Promise<MyProfile> {
  const { id: memberId } = memberOf(actor);
  const where = and(eq(profileVerifications.memberId, memberId), eq(profileVerifications.kind, kind));
  const t = now();
  // The try is counted before the code is compared, in one statement (review: a read, then a conditional update, let
  // tries made at the same moment share one count).
  const [pending] = await db
    .update(profileVerifications)
    .set({ attempts: sql`${profileVerifications.attempts} + 1` })
    .where(
      and(where, gt(profileVerifications.expiresAt, t), lt(profileVerifications.attempts, VERIFICATION.maxAttempts)),
    )
    .returning();
  if (!pending) {
    const [known] = await db.select().from(profileVerifications).where(where);
    if (!known || known.expiresAt <= t)
      throw new Problem('verification-failed', 'The code has expired or was never sent: ask for a new one.', {
        reason: 'expired',
      });
    throw new Problem('too-many-attempts', 'Too many wrong codes: ask for a new one.', {
      retryAfter: Math.ceil(Math.max(0, known.createdAt + VERIFICATION.resendAfterMs - t) / 1000),
    });
  }
  const given = Buffer.from(hashOf(pending.id, code.trim()), 'hex');
  if (!timingSafeEqual(given, Buffer.from(pending.codeHash, 'hex'))) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: 'profile.contact.code-wrong',
        targetType: 'member',
        targetId: memberId,
        after: { kind, attempts: pending.attempts },
        ...info,
      });
    });
    const remaining = VERIFICATION.maxAttempts - pending.attempts;
    throw new Problem('verification-failed', `The code is not right (${remaining} tries left).`, {
      reason: 'wrong-code',
      remainingAttempts: remaining,
    });
  }
  const changed = await db.transaction(async (tx) => {
    // Single use: only the request that removes the row applies it (two confirmations at once: one wins).
    const used = await tx
      .delete(profileVerifications)
      .where(and(where, eq(profileVerifications.id, pending.id)))
      .returning({ id: profileVerifications.id });
    if (!used.length) throw new Problem('verification-failed', 'The code was already used.', { reason: 'expired' });
    const [before] = await tx.select().from(members).where(eq(members.id, memberId));
    if (!before) throw new Problem('not-found', 'No such member.');
    if (kind === 'email') {
      const [clash] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.email, pending.value), ne(members.id, memberId)));
      if (clash)
        throw new Problem('conflict', `The e-mail ${pending.value} is taken.`, {
          errors: [{ path: 'value', code: 'duplicate', message: 'The e-mail is taken' }],
        });
    }
    const next = { email: before.email, phone: before.phone, [kind]: pending.value };
    await tx
      .update(members)
      .set({
        [kind]: pending.value,
        searchText: searchText(before.name, before.employeeNo, next.email, next.phone),
        updatedAt: t,
      })
      .where(eq(members.id, memberId));
    await recordAudit(tx, actor, {
      action: 'profile.contact.change',
      targetType: 'member',
      targetId: memberId,
      before: { [kind]: before[kind] },
      after: { [kind]: pending.value },
      ...info,
    });
    await publishEvent(tx, [{ kind: 'member', id: memberId }], 'me.updated', { reason: 'profile-changed' });
    return { member: before, old: before[kind] };
  });
  if (changed.old) await noticeToOldAddress(db, changed.member, kind, changed.old, pending.value, pending.id, logger);
  return myProfile(db, actor);
}
