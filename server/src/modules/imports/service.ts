import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { BULK_ROWS, chunks, insertRows, type BulkCell } from '../../db/bulk.js';
import { pace } from '../../db/write-queue.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import { requireScope } from '../auth/scope.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { contacts } from '../contacts/schema.js';
import { CONTACT_WRITERS } from '../contacts/service.js';
import { contactSearchText } from '../contacts/search.js';
import { publishEvent } from '../live/service.js';
import { searchText } from '../org/search-text.js';
import { fieldsOf, rowsToData, type ImportKind } from './columns.js';
import { importBatches, importRows, type ImportCellError } from './schema.js';
import { readSpreadsheet } from './spreadsheet.js';
import {
  contactKind,
  loadContext,
  normalisePath,
  normalisePhone,
  splitTags,
  validateRows,
  type ContactContext,
  type ImportMode,
  type ImportRowData,
  type MemberContext,
} from './validate.js';
import { dialect, type ColType } from '../../db/dialect.js';

export type ImportResult = { added: number; updated: number; skipped: number };
type Batch = typeof importBatches.$inferSelect;
type ImportRow = { rowNo: number; data: ImportRowData };
type StoredRow = ImportRow & { errors: ImportCellError[] };

/** Who may import what: members need an org or department admin, contacts an external sender or org admin. */
export const IMPORT_PERMISSIONS: Record<ImportKind, Permission[]> = {
  members: ['org.admin', 'department.manage'],
  contacts: CONTACT_WRITERS, // the same as creating one contact
};

/** The key in a row's stored data that records what the commit did with it. */
const RESULT_KEY = '_result';
/** Rows read a page at a time (issue 15: one read of 30,000 rows and their JSON is a long step). */
const ROW_CHUNK = 500;

export const publicBatch = (b: Batch) => ({
  id: b.id,
  kind: b.kind,
  mode: b.mode,
  status: b.status,
  fileName: b.fileName,
  rowCount: b.rowCount,
  errorCount: b.errorCount,
  createdAt: b.createdAt,
  committedAt: b.committedAt,
  result: b.result ?? null,
});

async function validate(
  db: DbOrTx,
  actor: Actor,
  kind: ImportKind,
  mode: ImportMode,
  rows: Array<{ rowNo: number; data: ImportRowData }>,
) {
  const scope = await requireScope(db, actor, IMPORT_PERMISSIONS[kind]);
  const ctx = await loadContext(
    db,
    kind,
    actor,
    scope,
    rows.map((r) => r.data),
  );
  return { ctx, errors: await validateRows(rows, mode, ctx) };
}

/**
 * Upserts rows (data and errors), set-based and a bounded chunk a statement (`db/bulk.ts`). A row's errors are
 * `errors[i]` when given, else its own. Each chunk's JSON is made just before its statement (issue 15: 30,000 rows'
 * at once held the event loop ~75 ms).
 */
async function writeRows(tx: DbOrTx, batchId: string, rows: StoredRow[]): Promise<void>;
async function writeRows(tx: DbOrTx, batchId: string, rows: ImportRow[], errors: ImportCellError[][]): Promise<void>;
async function writeRows(tx: DbOrTx, batchId: string, rows: ImportRow[], errors?: ImportCellError[][]) {
  for (let start = 0; start < rows.length; start += BULK_ROWS) {
    const part = rows.slice(start, start + BULK_ROWS).map((r, i) => {
      const rowErrors = errors ? errors[start + i]! : (r as StoredRow).errors;
      return [batchId, r.rowNo, JSON.stringify(r.data), JSON.stringify(rowErrors)];
    });
    await insertRows(
      tx,
      'import_rows',
      ['batch_id', 'row_no', 'data', 'errors'],
      part,
      'on conflict (batch_id, row_no) do update set data = excluded.data, errors = excluded.errors',
    );
  }
}

/** The rows whose errors are not `errors[i]` any more, with their new errors; paced (issue 15). */
async function changedRows(rows: StoredRow[], errors: ImportCellError[][]): Promise<StoredRow[]> {
  const changed: StoredRow[] = [];
  for (const [i, r] of rows.entries()) {
    if (i % 100 === 0) await pace();
    if (JSON.stringify(r.errors) !== JSON.stringify(errors[i])) changed.push({ ...r, errors: errors[i]! });
  }
  return changed;
}

/** `403 forbidden` unless the caller may import this kind at all (scoped checks come per row). */
export async function assertMayImport(db: DbOrTx, actor: Actor, kind: ImportKind) {
  await requireScope(db, actor, IMPORT_PERMISSIONS[kind]);
}

const countErrors = (errors: ImportCellError[][]) => errors.filter((e) => e.length > 0).length;

/**
 * R3: parses an uploaded file, validates every row and keeps them (with their cell errors) as a batch that
 * waits for the admin to correct and confirm it.
 */
export async function createImport(
  db: Db,
  actor: Actor,
  input: { kind: ImportKind; mode: ImportMode; fileName: string; contentType?: string | undefined; file: Buffer },
  info: RequestInfo,
) {
  await requireScope(db, actor, IMPORT_PERMISSIONS[input.kind]);
  const sheet = await readSpreadsheet(input.file, { fileName: input.fileName, contentType: input.contentType });
  const rows = await rowsToData(input.kind, sheet.headers, sheet.rows);
  if (!rows.length) throw new Problem('spreadsheet-unreadable', 'The sheet has headers but no data rows.');
  const { errors } = await validate(db, actor, input.kind, input.mode, rows);
  const batch: Batch = {
    id: newId(),
    kind: input.kind,
    mode: input.mode,
    status: 'validated',
    fileName: input.fileName.slice(0, 200),
    rowCount: rows.length,
    errorCount: countErrors(errors),
    createdBy: actorId(actor),
    createdAt: now(),
    committedAt: null,
    committedBy: null,
    result: null,
  };
  await db.transaction(async (tx) => {
    await tx.insert(importBatches).values(batch);
    await writeRows(tx, batch.id, rows, errors);
    await recordAudit(tx, actor, {
      action: 'import.upload',
      targetType: 'import',
      targetId: batch.id,
      after: {
        kind: batch.kind,
        mode: batch.mode,
        fileName: batch.fileName,
        rowCount: batch.rowCount,
        errorCount: batch.errorCount,
      },
      ...info,
    });
  });
  return publicBatch(batch);
}

/** The batch, if the caller created it or is an org admin; discarded batches are gone. */
export async function getBatch(db: DbOrTx, actor: Actor, id: string): Promise<Batch> {
  const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, id));
  if (!batch || batch.status === 'discarded') throw new Problem('not-found', 'No such import.');
  if (batch.createdBy !== actorId(actor) && !hasPermission(actor, 'org.admin'))
    throw new Problem('not-found', 'No such import.');
  return batch;
}

const splitResult = ({ [RESULT_KEY]: result, ...data }: ImportRowData) => ({
  data,
  result: (result ?? null) as 'added' | 'updated' | 'skipped' | null,
});

export async function listRows(
  db: DbOrTx,
  actor: Actor,
  id: string,
  q: { errorsOnly: boolean; cursor?: number | undefined; limit: number },
) {
  await getBatch(db, actor, id);
  const rows = await db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.batchId, id),
        q.cursor !== undefined ? gt(importRows.rowNo, q.cursor) : undefined,
        // Errors are stored as JSON.stringify gives them (writeRows): no errors is exactly `[]`.
        q.errorsOnly ? sql`${importRows.errors} <> '[]'` : undefined,
      ),
    )
    .orderBy(asc(importRows.rowNo))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ rowNo: r.rowNo, ...splitResult(r.data), errors: r.errors })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.rowNo) : null,
  };
}

/** Page by page, so the event loop turns between pages (issue 15: a 30,000-row batch is not one long read). */
async function loadRows(db: DbOrTx, batchId: string): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for await (const row of batchRows(db, batchId)) rows.push(row);
  return rows;
}

const assertOpen = (batch: Batch) => {
  if (batch.status === 'committed')
    throw new Problem(
      'import-already-committed',
      'This import was confirmed already; upload the file again to import more.',
    );
};

/**
 * The batch as it is now, read inside the write transaction: a commit or discard that finished while this request
 * waited for the lock is seen here (discarded: `404`, committed: `409 import-already-committed`).
 */
async function openBatch(tx: DbOrTx, id: string): Promise<Batch> {
  const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, id));
  if (!batch || batch.status === 'discarded') throw new Problem('not-found', 'No such import.');
  assertOpen(batch);
  return batch;
}

/** Re-validates every row and stores what changed; answers the new error count. */
async function revalidateAll(tx: DbOrTx, actor: Actor, batch: Batch, rows: StoredRow[], mode: ImportMode) {
  const { errors } = await validate(tx, actor, batch.kind, mode, rows);
  const changed = await changedRows(rows, errors);
  rows.forEach((r, i) => {
    r.errors = errors[i]!;
  });
  await writeRows(tx, batch.id, changed);
  return countErrors(errors);
}

/** Replaces one row's data; the row and any row it was (or is now) a duplicate of are re-validated. */
export async function editRow(db: Db, actor: Actor, id: string, rowNo: number, data: ImportRowData, info: RequestInfo) {
  const batch = await getBatch(db, actor, id);
  assertOpen(batch);
  const clean = Object.fromEntries(
    fieldsOf(batch.kind).map((f) => [
      f,
      String(data[f] ?? '')
        .trim()
        .slice(0, 500),
    ]),
  );
  return db.transaction(async (tx) => {
    const current = await openBatch(tx, id);
    const rows = await loadRows(tx, id);
    const row = rows.find((r) => r.rowNo === rowNo);
    if (!row) throw new Problem('not-found', `No row ${rowNo} in this import.`);
    const before = row.data;
    row.data = clean;
    await writeRows(tx, id, [row]); // the data itself, even when its errors stay the same
    const errorCount = await revalidateAll(tx, actor, current, rows, current.mode);
    await tx.update(importBatches).set({ errorCount }).where(eq(importBatches.id, id));
    await recordAudit(tx, actor, {
      action: 'import.edit-row',
      targetType: 'import',
      targetId: id,
      before: { rowNo, data: before },
      after: { rowNo, data: clean },
      ...info,
    });
    return { rowNo, data: row.data, errors: row.errors, result: null, errorCount };
  });
}

/** "Add new only" or "add and update by key": every row is re-validated. */
export async function setMode(db: Db, actor: Actor, id: string, mode: ImportMode, info: RequestInfo) {
  assertOpen(await getBatch(db, actor, id));
  return db.transaction(async (tx) => {
    const batch = await openBatch(tx, id);
    const errorCount = await revalidateAll(tx, actor, batch, await loadRows(tx, id), mode);
    await tx.update(importBatches).set({ mode, errorCount }).where(eq(importBatches.id, id));
    await recordAudit(tx, actor, {
      action: 'import.mode',
      targetType: 'import',
      targetId: id,
      before: { mode: batch.mode },
      after: { mode },
      ...info,
    });
    return publicBatch({ ...batch, mode, errorCount });
  });
}

export async function discardImport(db: Db, actor: Actor, id: string, info: RequestInfo) {
  assertOpen(await getBatch(db, actor, id));
  await db.transaction(async (tx) => {
    // Checked again under the write lock: a commit that won the race keeps its rows and its batch.
    const batch = await openBatch(tx, id);
    await tx.delete(importRows).where(eq(importRows.batchId, id));
    await tx
      .update(importBatches)
      .set({ status: 'discarded' })
      .where(and(eq(importBatches.id, id), eq(importBatches.status, 'validated')));
    await recordAudit(tx, actor, {
      action: 'import.discard',
      targetType: 'import',
      targetId: id,
      before: publicBatch(batch),
      ...info,
    });
  });
}

/**
 * Confirms an import: every row is re-validated against the organisation as it is now, then all rows are
 * written in this one transaction with multi-row statements, or none. Runs once: the batch's status flips
 * under the same write lock (two concurrent commits: the second sees `committed`).
 */
export async function commitImport(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<ImportResult> {
  assertOpen(await getBatch(db, actor, id));
  const outcome = await db.transaction(async (tx) => {
    const batch = await openBatch(tx, id);
    const rows = await loadRows(tx, id);
    const { ctx, errors } = await validate(tx, actor, batch.kind, batch.mode, rows);
    const errorCount = countErrors(errors);
    if (errorCount > 0) {
      // Keep the fresh errors (the organisation may have changed since upload) and refuse.
      await writeRows(tx, id, await changedRows(rows, errors));
      await tx.update(importBatches).set({ errorCount }).where(eq(importBatches.id, id));
      return { errorCount } as const;
    }
    const t = now();
    const outcomes =
      ctx.kind === 'members'
        ? await commitMembers(tx, actor, rows, ctx, batch.mode, t, info)
        : await commitContacts(tx, actor, rows, ctx, batch.mode, t);
    const result: ImportResult = {
      added: outcomes.filter((o) => o === 'added').length,
      updated: outcomes.filter((o) => o === 'updated').length,
      skipped: outcomes.filter((o) => o === 'skipped').length,
    };
    const flipped = await tx
      .update(importBatches)
      .set({ status: 'committed', committedAt: t, committedBy: actorId(actor), result, errorCount: 0 })
      .where(and(eq(importBatches.id, id), eq(importBatches.status, 'validated')))
      .returning({ id: importBatches.id });
    if (!flipped.length) throw new Problem('import-already-committed', 'This import was confirmed already.');
    // `row_no in (json_each)` looks each row up by the primary key (`UPDATE … FROM json_each` scanned the batch per
    // chunk).
    for (const kind of ['added', 'updated', 'skipped'] as const) {
      for (const part of chunks(
        rows.flatMap((r, i) => (outcomes[i] === kind ? [r.rowNo] : [])),
        ROW_CHUNK,
      )) {
        await dialect.run(
          tx,
          sql`update import_rows set data = ${dialect.jsonSet(sql`data`, RESULT_KEY, sql`${kind}`)}
          where batch_id = ${id}
            and row_no in (select cast(r.value as integer)
              from ${dialect.jsonEach(sql`${JSON.stringify(part)}`, 'r')})`,
        );
      }
    }
    await recordAudit(tx, actor, {
      action: 'import.commit',
      targetType: 'import',
      targetId: id,
      after: { kind: batch.kind, mode: batch.mode, fileName: batch.fileName, rowCount: rows.length, ...result },
      ...info,
    });
    return { result };
  });
  if ('errorCount' in outcome)
    throw new Problem(
      'import-has-errors',
      `${outcome.errorCount} row(s) still have errors; correct them or re-upload the file.`,
    );
  return outcome.result;
}

type Outcome = 'added' | 'updated' | 'skipped';
const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * Imported members get no password: they sign in once an admin resets it (a temporary password, changed at
 * first sign-in) or through an embed token from the host application.
 */
async function commitMembers(
  tx: Tx,
  actor: Actor,
  rows: StoredRow[],
  ctx: MemberContext,
  mode: ImportMode,
  t: number,
  info: RequestInfo,
): Promise<Outcome[]> {
  const inserts: BulkCell[][] = [];
  const trail: BulkCell[][] = [];
  const updates: BulkCell[][] = [];
  const updatedIds: string[] = [];
  const outcomes: Outcome[] = [];
  const who = auditActor(actor);
  // One audit row per member added or changed, its cells made here with the rest (issue 15: made in one go after
  // the loop, 30,000 of them held the event loop for 135 ms).
  const audit = ({ action, id, before, after }: MemberChange) =>
    trail.push([
      newId(),
      t,
      who.actorKind,
      who.actorId,
      action,
      'member',
      id,
      before === null ? null : JSON.stringify(before),
      JSON.stringify(after),
      info.requestId ?? null,
      info.ip ?? null,
    ]);
  // Search text (pinyin) for 30,000 names is seconds of work: the event loop gets its turns between rows (issue 15).
  for (const [i, row] of rows.entries()) {
    if (i % 250 === 0) await pace();
    outcomes.push(memberOutcome(row));
  }
  function memberOutcome({ data }: StoredRow): Outcome {
    const employeeNo = data.employeeNo!.trim();
    const departmentId = ctx.departmentsByPath.get(normalisePath(data.department!).toLowerCase())!.id;
    const positionId = blankToNull(data.position)
      ? ctx.positionsByName.get(data.position!.trim().toLowerCase())!
      : null;
    const email = blankToNull(data.email)?.toLowerCase() ?? null;
    const phone = blankToNull(data.phone) ? normalisePhone(data.phone!) : null;
    const name = data.name!.trim();
    const existing = ctx.existing.get(employeeNo.toLowerCase());
    if (!existing) {
      const id = newId();
      const search = searchText(name, employeeNo, email, phone);
      inserts.push([id, employeeNo, name, email, phone, departmentId, positionId, search, null, 0, t, t]);
      audit({
        action: 'member.import-create',
        id,
        before: null,
        after: { employeeNo, name, email, phone, departmentId, positionId },
      });
      return 'added';
    }
    // Validation refused it already.
    if (mode === 'add') throw new Problem('conflict', `Employee number ${employeeNo} exists.`);
    // Blank optional cells keep what the member has.
    const next = {
      id: existing.id,
      name,
      email: email ?? existing.email,
      phone: phone ?? existing.phone,
      departmentId,
      positionId: positionId ?? existing.positionId,
    };
    if (
      next.name === existing.name &&
      next.email === existing.email &&
      next.phone === existing.phone &&
      next.departmentId === existing.departmentId &&
      next.positionId === existing.positionId
    )
      return 'skipped';
    updates.push([
      next.id,
      next.name,
      next.email,
      next.phone,
      next.departmentId,
      next.positionId,
      searchText(next.name, existing.employeeNo, next.email, next.phone),
    ]);
    updatedIds.push(existing.id);
    const changed = MEMBER_FIELDS.filter((f) => next[f] !== existing[f]);
    audit({
      action: 'member.import-update',
      id: existing.id,
      before: Object.fromEntries(changed.map((f) => [f, existing[f]])),
      after: Object.fromEntries(changed.map((f) => [f, next[f]])),
    });
    return 'updated';
  }
  // Set-based, a bounded chunk a statement (`db/bulk.ts`): members get no password (see above).
  await insertRows(
    tx,
    'members',
    [
      'id',
      'employee_no',
      'name',
      'email',
      'phone',
      'department_id',
      'position_id',
      'search_text',
      'password_hash',
      'must_change_password',
      'created_at',
      'updated_at',
    ],
    inserts,
  );
  for (const part of chunks(updates)) {
    await dialect.run(
      tx,
      sql`update members set name = v.c1, email = v.c2, phone = v.c3, department_id = v.c4,
      position_id = v.c5, search_text = v.c6, updated_at = ${t}
      from ${dialect.jsonRows(MEMBER_UPDATE_COLUMNS, part)} as v where members.id = v.c0`,
    );
  }
  // The audit rows (in this transaction), and a nudge to the changed members' open pages to reload who they are.
  await insertRows(
    tx,
    'audit_log',
    ['id', 'at', 'actor_kind', 'actor_id', 'action', 'target_type', 'target_id', 'before', 'after', 'request_id', 'ip'],
    trail,
  );
  for (const part of chunks(updatedIds)) {
    await publishEvent(
      tx,
      part.map((id) => ({ kind: 'member' as const, id })),
      'me.updated',
      { reason: 'profile-changed' },
    );
  }
  return outcomes;
}

const MEMBER_FIELDS = ['name', 'email', 'phone', 'departmentId', 'positionId'] as const;
type MemberChange = {
  action: 'member.import-create' | 'member.import-update';
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
};

/** The audit trail's actor columns, as `recordAudit` writes them. */
const auditActor = (actor: Actor) =>
  actor.kind === 'api-key'
    ? { actorKind: 'api-key' as const, actorId: actor.keyId }
    : { actorKind: actor.kind, actorId: actor.subject.id };

async function commitContacts(
  tx: Tx,
  actor: Actor,
  rows: StoredRow[],
  ctx: ContactContext,
  mode: ImportMode,
  t: number,
): Promise<Outcome[]> {
  const owner = actor.kind === 'member' ? actor.subject.id : null;
  const inserts: Array<typeof contacts.$inferInsert> = [];
  const updates: Array<{
    id: string;
    kind: string;
    name: string;
    company: string | null;
    title: string | null;
    phone: string | null;
    tags: string[];
    searchText: string;
  }> = [];
  const outcomes: Outcome[] = [];
  for (const [i, row] of rows.entries()) {
    if (i % 250 === 0) await pace(); // issue 15, as for members
    outcomes.push(contactOutcome(row));
  }
  function contactOutcome({ data }: StoredRow): Outcome {
    const c = {
      kind: contactKind(data.kind!)!,
      name: data.name!.trim(),
      company: blankToNull(data.company),
      title: blankToNull(data.title),
      email: blankToNull(data.email)?.toLowerCase() ?? null,
      phone: blankToNull(data.phone) ? normalisePhone(data.phone!) : null,
      tags: splitTags(data.tags ?? ''),
    };
    const existing = c.email ? ctx.existing.get(c.email) : undefined;
    if (!existing) {
      inserts.push({
        id: newId(),
        ...c,
        ownerMemberId: owner,
        searchText: contactSearchText(c),
        createdAt: t,
        updatedAt: t,
      });
      return 'added';
    }
    if (mode === 'add') throw new Problem('conflict', `A contact with ${c.email} exists.`);
    const next = {
      id: existing.id,
      kind: c.kind,
      name: c.name,
      company: c.company ?? existing.company,
      title: c.title ?? existing.title,
      phone: c.phone ?? existing.phone,
      tags: c.tags.length ? c.tags : existing.tags,
    };
    if (
      next.kind === existing.kind &&
      next.name === existing.name &&
      next.company === existing.company &&
      next.title === existing.title &&
      next.phone === existing.phone &&
      JSON.stringify(next.tags) === JSON.stringify(existing.tags)
    )
      return 'skipped';
    updates.push({ ...next, searchText: contactSearchText({ ...next, email: existing.email }) });
    return 'updated';
  }
  for (const part of chunks(inserts)) await tx.insert(contacts).values(part);
  for (const part of chunks(updates)) {
    const values = sql.join(
      part.map(
        (u) =>
          sql`(${u.id}, ${u.kind}, ${u.name}, ${u.company}, ${u.title}, ${u.phone}, ${JSON.stringify(u.tags)},
            ${u.searchText})`,
      ),
      sql`, `,
    );
    await dialect.run(
      tx,
      sql`update contacts set kind = v.column2, name = v.column3, company = v.column4, title = v.column5,
      phone = v.column6,
      tags = v.column7, search_text = v.column8, updated_at = ${t}
      from (values ${values}) as v where contacts.id = v.column1`,
    );
  }
  return outcomes;
}

/** The columns of `update members … from` in `commitMembers` (id, name, email, phone, department, position, search). */
const MEMBER_UPDATE_COLUMNS = Array<ColType>(7).fill('text');

/** Every row of a batch, page by page (for the report). */
export async function* batchRows(db: DbOrTx, batchId: string): AsyncGenerator<StoredRow> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({ rowNo: importRows.rowNo, data: importRows.data, errors: importRows.errors })
      .from(importRows)
      .where(and(eq(importRows.batchId, batchId), gt(importRows.rowNo, after)))
      .orderBy(asc(importRows.rowNo))
      .limit(ROW_CHUNK);
    yield* page;
    if (page.length < ROW_CHUNK) return;
    after = page[page.length - 1]!.rowNo;
  }
}

export { splitResult };
