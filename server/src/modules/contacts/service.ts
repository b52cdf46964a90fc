import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { hasPermission, isOrgAdmin, type Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { isEmail, normalisePhone } from '../imports/validate.js';
import { members } from '../org/schema.js';
import { afterCursor, page } from '../../lib/keyset.js';
import { contacts } from './schema.js';
import { contactSearchText } from './search.js';
import { matchesWords } from '../../lib/search.js';
import { dialect } from '../../db/dialect.js';

export type ContactKind = 'customer' | 'partner';
export type ContactInput = {
  kind: ContactKind;
  name: string;
  company?: string | null | undefined;
  title?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  tags?: string[] | undefined;
  locale?: string | null | undefined;
  ownerMemberId?: string | null | undefined;
  portalEnabled?: boolean | undefined;
};
export type ContactPatch = Partial<ContactInput> & { disabled?: boolean | undefined };

const columns = {
  id: contacts.id,
  kind: contacts.kind,
  name: contacts.name,
  company: contacts.company,
  title: contacts.title,
  email: contacts.email,
  phone: contacts.phone,
  ownerMemberId: contacts.ownerMemberId,
  ownerName: members.name,
  tags: contacts.tags,
  portalEnabled: contacts.portalEnabled,
  disabled: contacts.disabled,
  locale: contacts.locale,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};

/** Who may read and create contacts — one list, also what an import of contacts needs (issue 22). */
export const CONTACT_WRITERS: Permission[] = ['org.admin', 'message.send.external'];

/** R7: the directory is shared by external senders and org admins. */
function assertMayRead(actor: Actor) {
  if (!CONTACT_WRITERS.some((p) => hasPermission(actor, p)))
    throw new Problem('forbidden', 'This needs "message.send.external" or "org.admin".');
}

export async function listContacts(
  db: DbOrTx,
  actor: Actor,
  q: {
    q?: string | undefined;
    kind?: ContactKind | undefined;
    status: 'active' | 'disabled' | 'all';
    tag?: string | undefined;
    ownerMemberId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  assertMayRead(actor);
  const rows = await db
    .select(columns)
    .from(contacts)
    .leftJoin(members, eq(members.id, contacts.ownerMemberId))
    .where(
      and(
        matchesWords(contacts.searchText, q.q),
        q.kind ? eq(contacts.kind, q.kind) : undefined,
        q.status === 'all' ? undefined : eq(contacts.disabled, q.status === 'disabled'),
        q.tag
          ? sql`exists (select 1 from ${dialect.jsonEach(contacts.tags, 't')} where t.value = ${q.tag})`
          : undefined,
        q.ownerMemberId ? eq(contacts.ownerMemberId, q.ownerMemberId) : undefined,
        afterCursor(q.cursor, contacts.name, contacts.id),
      ),
    )
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(q.limit + 1);
  return page(rows, q.limit);
}

export async function getContact(db: DbOrTx, actor: Actor, id: string) {
  assertMayRead(actor);
  const [row] = await db
    .select(columns)
    .from(contacts)
    .leftJoin(members, eq(members.id, contacts.ownerMemberId))
    .where(eq(contacts.id, id));
  if (!row) throw new Problem('not-found', 'No such contact.');
  return row;
}

/** The distinct tags in use, for the tag picker. */
export async function contactTags(db: DbOrTx, actor: Actor): Promise<string[]> {
  assertMayRead(actor);
  const rows = await dialect.all<{ tag: string }>(
    db,
    sql`select distinct t.value as tag from ${contacts}, ${dialect.jsonEach(contacts.tags, 't')} order by tag`,
  );
  return rows.map((r) => r.tag);
}

function clean(input: ContactPatch) {
  const text = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null || !v.trim() ? null : v.trim();
  const out: Partial<typeof contacts.$inferInsert> = {};
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.name !== undefined) out.name = input.name.trim();
  for (const f of ['company', 'title', 'locale'] as const) if (input[f] !== undefined) out[f] = text(input[f]);
  if (input.email !== undefined) {
    const email = text(input.email)?.toLowerCase() ?? null;
    if (email && !isEmail(email))
      throw new Problem('validation', `"${email}" is not an e-mail address.`, {
        errors: [{ path: 'email', code: 'invalid-email', message: 'Not an e-mail address' }],
      });
    out.email = email;
  }
  if (input.phone !== undefined) {
    const raw = text(input.phone);
    const phone = raw ? normalisePhone(raw) : null;
    if (raw && !phone)
      throw new Problem('validation', `"${raw}" is neither a mainland mobile number nor an E.164 number.`, {
        errors: [{ path: 'phone', code: 'invalid-phone', message: 'Not a mainland mobile or E.164 number' }],
      });
    out.phone = phone;
  }
  if (input.tags !== undefined) out.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (input.disabled !== undefined) out.disabled = input.disabled;
  if (input.portalEnabled !== undefined) out.portalEnabled = input.portalEnabled;
  if (input.ownerMemberId !== undefined) out.ownerMemberId = input.ownerMemberId;
  return out;
}

async function assertEmailFree(db: DbOrTx, email: string | null | undefined, exceptId?: string) {
  if (!email) return;
  const [other] = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(sql`lower(${contacts.email}) = ${email}`);
  if (other && other.id !== exceptId)
    throw new Problem('conflict', `The contact "${other.name}" already has the e-mail ${email}.`);
}

async function assertOwner(db: DbOrTx, ownerMemberId: string | null | undefined) {
  if (!ownerMemberId) return;
  const [m] = await db.select({ id: members.id }).from(members).where(eq(members.id, ownerMemberId));
  if (!m)
    throw new Problem('validation', 'The owner is not a known member.', {
      errors: [{ path: 'ownerMemberId', code: 'unknown-member', message: 'Unknown member' }],
    });
}

/** R7: an external sender adds a contact and owns it; only an org admin names another owner or grants portal access. */
export async function createContact(db: Db, actor: Actor, input: ContactInput, info: RequestInfo) {
  assertMayRead(actor);
  if (!isOrgAdmin(actor) && (input.portalEnabled || input.ownerMemberId))
    throw new Problem('forbidden', 'Only an organisation admin grants portal access or names another owner.');
  const values = clean(input);
  const t = now();
  const row = {
    id: newId(),
    kind: input.kind,
    name: values.name!,
    company: values.company ?? null,
    title: values.title ?? null,
    email: values.email ?? null,
    phone: values.phone ?? null,
    locale: values.locale ?? null,
    tags: values.tags ?? [],
    ownerMemberId: values.ownerMemberId ?? (actor.kind === 'member' ? actor.subject.id : null),
    portalEnabled: values.portalEnabled ?? false,
    disabled: false,
    createdAt: t,
    updatedAt: t,
  };
  await assertOwner(db, input.ownerMemberId);
  await db.transaction(async (tx) => {
    await assertEmailFree(tx, row.email); // inside the write transaction: two creates cannot both pass
    await tx.insert(contacts).values({ ...row, searchText: contactSearchText(row) });
    await recordAudit(tx, actor, {
      action: 'contact.create',
      targetType: 'contact',
      targetId: row.id,
      after: row,
      ...info,
    });
  });
  return getContact(db, actor, row.id);
}

/**
 * Edits a contact: its owner or an org admin. Disabling replaces deletion (history keeps its contacts);
 * portal access and ownership change only by an org admin.
 */
export async function updateContact(db: Db, actor: Actor, id: string, patch: ContactPatch, info: RequestInfo) {
  const before = await getContact(db, actor, id);
  const admin = isOrgAdmin(actor);
  if (!admin && (actor.kind !== 'member' || before.ownerMemberId !== actor.subject.id)) {
    throw new Problem('forbidden', "Only the contact's owner or an organisation admin can change it.");
  }
  if (!admin && (patch.portalEnabled !== undefined || patch.ownerMemberId !== undefined)) {
    throw new Problem('forbidden', 'Only an organisation admin grants portal access or changes the owner.');
  }
  const set = clean(patch);
  await assertOwner(db, set.ownerMemberId);
  const { ownerName: _ownerName, ...stored } = before;
  const after = { ...stored, ...set };
  await db.transaction(async (tx) => {
    if (set.email !== undefined) await assertEmailFree(tx, set.email, id);
    await tx
      .update(contacts)
      .set({ ...set, searchText: contactSearchText(after), updatedAt: now() })
      .where(eq(contacts.id, id));
    await recordAudit(tx, actor, {
      action: 'contact.update',
      targetType: 'contact',
      targetId: id,
      before: stored,
      after,
      ...info,
    });
  });
  return getContact(db, actor, id);
}
