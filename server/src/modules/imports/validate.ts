import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { pace } from '../../db/write-queue.js';
import { isOrgAdmin, type Actor } from '../auth/actor.js';
import { inScope, type Scope } from '../auth/scope.js';
import { contacts } from '../contacts/schema.js';
import { beyondReach, heldGrants, reachOf, superAdminByGrants } from '../org/access.js';
import { departments, members, positions } from '../org/schema.js';
import { cellTextError } from './cells.js';
import type { ImportCellError } from './schema.js';
import type { ImportKind } from './columns.js';

export type ImportMode = 'add' | 'upsert';
export type ImportRowData = Record<string, string>;

// ── formats shared with the contacts module ─────────────────────────────────────────────────────────────
export const EMPLOYEE_NO = /^[A-Za-z0-9._-]{1,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

export const isEmail = (v: string) => v.length <= 254 && EMAIL.test(v);
/** Mainland mobile (`1[3-9]` + 9 digits) or E.164, after removing spaces, dashes and brackets; null when neither. */
export function normalisePhone(v: string): string | null {
  const p = v.replace(/[\s\-()（）]/g, '');
  return MAINLAND_MOBILE.test(p) || E164.test(p) ? p : null;
}
/** `重点客户; 华东` → `['重点客户', '华东']` (also full-width `；`), de-duplicated. */
export const splitTags = (v: string) => [
  ...new Set(
    v
      .split(/[;；]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
/** `总部 / 技术部/前端组` → `总部/技术部/前端组`. */
export const normalisePath = (v: string) =>
  v
    .split(/[/／]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join('/');

const CONTACT_KINDS: Record<string, 'customer' | 'partner'> = {
  customer: 'customer',
  client: 'customer',
  客户: 'customer',
  partner: 'partner',
  supplier: 'partner',
  合作伙伴: 'partner',
  伙伴: 'partner',
  供应商: 'partner',
};
export const contactKind = (v: string) => CONTACT_KINDS[v.trim().toLowerCase()] ?? null;

// ── what validation needs to know of the database ───────────────────────────────────────────────────────

export type ExistingMember = {
  id: string;
  employeeNo: string;
  name: string;
  email: string | null;
  phone: string | null;
  departmentId: string | null;
  positionId: string | null;
  departmentPath: string | null;
  /** A super admin (the flag or the role): never changed by an import. */
  superAdmin: boolean;
  /**
   * Holds grants beyond the caller's reach (`org/access.ts` `beyondReach`): only an organisation-wide org.admin updates
   * it.
   */
  beyondReach: boolean;
};
export type ExistingContact = {
  id: string;
  email: string | null;
  ownerMemberId: string | null;
  kind: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  tags: string[];
};

export type MemberContext = {
  kind: 'members';
  departmentsByPath: Map<string, { id: string; path: string }>;
  positionsByName: Map<string, string>;
  /** By lower-case employee number, only those named in the file. */
  existing: Map<string, ExistingMember>;
  /** Lower-case e-mail → lower-case employee number of the member holding it, only those in the file. */
  emails: Map<string, string>;
  scope: Scope;
};
export type ContactContext = {
  kind: 'contacts';
  /** By lower-case e-mail, only those named in the file. */
  existing: Map<string, ExistingContact>;
  /** Who may update an existing contact: org.admin any, others the ones they own. */
  canEdit: (c: ExistingContact) => boolean;
};
export type ValidationContext = MemberContext | ContactContext;

const CHUNK = 500;
function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Department display paths (`总部/技术部/前端组`) from the materialised id paths. */
export async function departmentPaths(db: DbOrTx) {
  const rows = await db
    .select({ id: departments.id, name: departments.name, path: departments.path })
    .from(departments);
  const nameById = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    path: r.path,
    display: r.path
      .split('/')
      .filter(Boolean)
      .map((id) => nameById.get(id) ?? '?')
      .join('/'),
  }));
}

export async function loadContext(
  db: DbOrTx,
  kind: ImportKind,
  actor: Actor,
  scope: Scope,
  rows: ImportRowData[],
): Promise<ValidationContext> {
  if (kind === 'contacts') {
    const emails = [...new Set(rows.map((r) => (r.email ?? '').trim().toLowerCase()).filter(Boolean))];
    const existing = new Map<string, ExistingContact>();
    for (const part of chunks(emails)) {
      const found = await db
        .select({
          id: contacts.id,
          email: contacts.email,
          ownerMemberId: contacts.ownerMemberId,
          kind: contacts.kind,
          name: contacts.name,
          company: contacts.company,
          title: contacts.title,
          phone: contacts.phone,
          tags: contacts.tags,
        })
        .from(contacts)
        .where(inArray(sql`lower(${contacts.email})`, part));
      for (const c of found) existing.set(c.email!.toLowerCase(), c);
    }
    const isAdmin = isOrgAdmin(actor);
    const me = actor.kind === 'member' ? actor.subject.id : null;
    return { kind, existing, canEdit: (c) => isAdmin || (me !== null && c.ownerMemberId === me) };
  }

  const departmentsByPath = new Map(
    (await departmentPaths(db)).map((d) => [d.display.toLowerCase(), { id: d.id, path: d.path }]),
  );
  const positionsByName = new Map(
    (await db.select({ id: positions.id, name: positions.name }).from(positions)).map((p) => [
      p.name.trim().toLowerCase(),
      p.id,
    ]),
  );
  const numbers = [...new Set(rows.map((r) => (r.employeeNo ?? '').trim().toLowerCase()).filter(Boolean))];
  const emails = [...new Set(rows.map((r) => (r.email ?? '').trim().toLowerCase()).filter(Boolean))];
  const existing = new Map<string, ExistingMember>();
  const select = {
    id: members.id,
    employeeNo: members.employeeNo,
    name: members.name,
    email: members.email,
    phone: members.phone,
    departmentId: members.departmentId,
    positionId: members.positionId,
    departmentPath: departments.path,
  };
  const reach = await reachOf(db, actor, scope);
  for (const part of chunks(numbers)) {
    const found = await db
      .select({ ...select, isSuperAdmin: members.isSuperAdmin })
      .from(members)
      .leftJoin(departments, eq(departments.id, members.departmentId))
      .where(dialect.ciIn(members.employeeNo, part)); // over the case-insensitive unique index
    const grants = await heldGrants(
      db,
      found.map((m) => m.id),
    );
    for (const { isSuperAdmin, ...m } of found) {
      const held = grants.get(m.id) ?? [];
      existing.set(m.employeeNo.toLowerCase(), {
        ...m,
        superAdmin: superAdminByGrants(isSuperAdmin, held),
        beyondReach: beyondReach(reach, held),
      });
    }
  }
  const emailOwners = new Map<string, string>();
  for (const part of chunks(emails)) {
    const found = await db
      .select({ email: members.email, employeeNo: members.employeeNo })
      .from(members)
      .where(inArray(members.email, part));
    for (const m of found) emailOwners.set(m.email!, m.employeeNo.toLowerCase());
  }
  return { kind, departmentsByPath, positionsByName, existing, emails: emailOwners, scope };
}

// ── the rules ───────────────────────────────────────────────────────────────────────────────────────────

const LABELS: Record<string, string> = {
  employeeNo: 'Employee number',
  name: 'Name',
  department: 'Department',
  position: 'Position',
  email: 'E-mail',
  phone: 'Phone',
  kind: 'Kind',
  company: 'Company',
  title: 'Title',
  tags: 'Tags',
};
const REQUIRED: Record<ImportKind, string[]> = {
  members: ['employeeNo', 'name', 'department'],
  contacts: ['kind', 'name'],
};

/**
 * Rows validated between two `pace()` checks (issue 15: 30,000 rows are too long a step at once). `pace()` yields
 * once the loop has waited 20 ms, so the longest stretch is that plus one slice: a slice stays small (25 rows
 * ≈ 1–3 ms; 250 made stretches of 50 ms on a loaded machine).
 */
const VALIDATE_SLICE = 25;

/**
 * Validates every row of a file against the rules and the database (`ctx`), including duplicates inside the
 * file; returns each row's cell errors in the same order. Pure: the same input gives the same answer. Runs in slices
 * with `pace()` between them, so a 30,000-row file does not hold the event loop.
 */
export async function validateRows(
  rows: Array<{ rowNo: number; data: ImportRowData }>,
  mode: ImportMode,
  ctx: ValidationContext,
): Promise<ImportCellError[][]> {
  const kind = ctx.kind;
  const keyField = kind === 'members' ? 'employeeNo' : 'email';
  const counts = async (field: string) => {
    const seen = new Map<string, number[]>();
    for (const [i, r] of rows.entries()) {
      if (i % (VALIDATE_SLICE * 20) === 0) await pace();
      const v = (r.data[field] ?? '').trim().toLowerCase();
      if (!v) continue;
      const at = seen.get(v);
      if (at) at.push(i);
      else seen.set(v, [i]);
    }
    return seen;
  };
  const dupFields = kind === 'members' ? [keyField, 'email'] : ['email'];
  const dups = new Map<string, Map<string, number[]>>();
  for (const f of dupFields) dups.set(f, await counts(f));

  const out: ImportCellError[][] = [];
  for (let index = 0; index < rows.length; index++) {
    if (index % VALIDATE_SLICE === 0) await pace();
    out.push(validateRow(rows[index]!.data, index));
  }
  return out;

  function validateRow(row: ImportRowData, index: number): ImportCellError[] {
    const errors: ImportCellError[] = [];
    const err = (field: string, code: string, message: string) => {
      if (!errors.some((e) => e.field === field)) errors.push({ field, code, message });
    };
    const v = (f: string) => (row[f] ?? '').trim();
    for (const [field, value] of Object.entries(row)) {
      // issue 22: cut cells and control characters, before any other rule reads the value
      const bad = cellTextError(value);
      if (bad) err(field, bad.code, `${LABELS[field] ?? field}: ${bad.message}`);
    }
    for (const [field, value] of Object.entries(row)) {
      if (value.trim().startsWith('='))
        err(field, 'formula', `${LABELS[field] ?? field}: formulas are not imported; type the value itself.`);
    }
    for (const f of REQUIRED[kind]) if (!v(f)) err(f, 'required', `${LABELS[f]} is required.`);
    if (v('email') && !isEmail(v('email'))) err('email', 'invalid-email', `"${v('email')}" is not an e-mail address.`);
    if (v('phone') && !normalisePhone(v('phone')))
      err(
        'phone',
        'invalid-phone',
        `"${v('phone')}" is neither a mainland mobile number (11 digits from 13–19) nor an international ` +
          `number (+ and 8–15 digits).`,
      );
    if (v('name').length > 100) err('name', 'invalid-format', 'Name: at most 100 characters.');
    for (const [field, seen] of dups) {
      const value = v(field).toLowerCase();
      const at = value ? seen.get(value) : undefined;
      if (at && at.length > 1) {
        const others = at
          .filter((i) => i !== index)
          .slice(0, 5)
          .map((i) => `row ${rows[i]!.rowNo}`);
        err(
          field,
          'duplicate-in-file',
          `${LABELS[field]} "${v(field)}" appears more than once in the file (also ${others.join(', ')}).`,
        );
      }
    }

    if (ctx.kind === 'members') {
      const no = v('employeeNo');
      if (no && !EMPLOYEE_NO.test(no))
        err('employeeNo', 'invalid-format', 'Employee number: 1–32 of letters, digits, "-", "_" and ".".');
      const existing = no ? ctx.existing.get(no.toLowerCase()) : undefined;
      if (existing && mode === 'add')
        err(
          'employeeNo',
          'duplicate-existing',
          `A member with employee number "${existing.employeeNo}" already exists (${existing.name}).`,
        );
      if (existing && mode === 'upsert') {
        // A member without a department is outside every department subtree: only an organisation-wide scope reaches
        // it.
        const outside =
          existing.departmentPath === null ? !ctx.scope.all : !inScope(ctx.scope, existing.departmentPath);
        if (existing.superAdmin)
          err(
            'employeeNo',
            'out-of-scope',
            `Member "${existing.employeeNo}" is a super admin; an import never changes a super admin.`,
          );
        else if (outside)
          err(
            'employeeNo',
            'out-of-scope',
            `Member "${existing.employeeNo}" belongs to a department outside your scope.`,
          );
        else if (existing.beyondReach)
          err(
            'employeeNo',
            'out-of-scope',
            `Member "${existing.employeeNo}" holds rights beyond your own; only an admin holding them ` +
              `updates this member.`,
          );
      }
      const email = v('email').toLowerCase();
      const holder = email ? ctx.emails.get(email) : undefined;
      if (holder && holder !== no.toLowerCase())
        err('email', 'duplicate-existing', `The e-mail "${email}" belongs to another member.`);
      const dept = v('department');
      if (dept) {
        const found = ctx.departmentsByPath.get(normalisePath(dept).toLowerCase());
        if (!found)
          err(
            'department',
            'unknown-department',
            `No department "${dept}"; write the full path such as 总部/技术部/前端组 (see the template's second sheet).`,
          );
        else if (!inScope(ctx.scope, found.path))
          err('department', 'out-of-scope', `The department "${dept}" is outside your scope.`);
      }
      const position = v('position');
      if (position && !ctx.positionsByName.has(position.toLowerCase()))
        err('position', 'unknown-position', `No position "${position}".`);
    } else {
      if (v('kind') && !contactKind(v('kind')))
        err('kind', 'invalid-format', 'Kind: customer (客户) or partner (合作伙伴).');
      for (const f of ['company', 'title'])
        if (v(f).length > 200) err(f, 'invalid-format', `${LABELS[f]}: at most 200 characters.`);
      const tags = splitTags(v('tags'));
      if (tags.length > 20 || tags.some((t) => t.length > 50))
        err('tags', 'invalid-format', 'Tags: at most 20, each at most 50 characters, separated by ";".');
      const existing = v('email') ? ctx.existing.get(v('email').toLowerCase()) : undefined;
      if (existing && mode === 'add')
        err(
          'email',
          'duplicate-existing',
          `A contact with the e-mail "${v('email')}" already exists (${existing.name}).`,
        );
      if (existing && mode === 'upsert' && !ctx.canEdit(existing))
        err(
          'email',
          'out-of-scope',
          `The contact "${existing.name}" belongs to someone else; only its owner or an organisation admin ` +
            `can update it.`,
        );
    }
    return errors;
  }
}
