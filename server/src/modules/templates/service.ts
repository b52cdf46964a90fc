import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { matchesWords } from '../../lib/search.js';
import { actorId, seesContacts, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { inScope, scopeOf, type Scope } from '../auth/scope.js';
import { recordAudit } from '../audit/service.js';
import { checkedBody } from '../messages/body.js';
import { assertNoImages } from '../messages/inline-images.js';
import type { RichDoc } from '../messages/content/index.js';
import { checkAudience, type AudienceInput } from '../messages/recipients.js';
import type { MessageKind, Priority } from '../messages/schema.js';
import { departments, memberDepartments, members } from '../org/schema.js';
import { searchText } from '../org/search-text.js';
import { messageTemplates, type TemplateScope } from './schema.js';

export type TemplateInput = {
  scope: TemplateScope;
  name: string;
  subject: string;
  body: RichDoc;
  kind: MessageKind;
  priority?: Priority | undefined;
  receiptRequired?: boolean | undefined;
  expiresInMinutes?: number | null | undefined;
  dueInMinutes?: number | null | undefined;
  audience?: AudienceInput[] | undefined;
  departmentIds?: string[] | undefined;
};
export type TemplatePatch = Partial<Omit<TemplateInput, 'scope'>>;
type Row = typeof messageTemplates.$inferSelect;

/** How many templates a list answers: an organisation keeps tens, a member a handful; the picker searches. */
export const MAX_LISTED = 200;

/** Templates belong to members: a contact or an API key has no composer. */
function memberOf(actor: Actor): string {
  if (actor.kind !== 'member') throw new Problem('forbidden', 'Templates belong to members.');
  return actorId(actor);
}

/** The subtree paths of the caller's departments (primary and extra). */
async function ownPaths(db: DbOrTx, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ path: departments.path })
    .from(departments)
    .where(
      or(
        sql`${departments.id} = (select ${members.departmentId} from ${members} where ${members.id} = ${memberId})`,
        sql`${departments.id} in (select ${memberDepartments.departmentId} from ${memberDepartments}
          where ${memberDepartments.memberId} = ${memberId})`,
      ),
    );
  return rows.map((r) => r.path);
}

async function pathsOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: departments.id, path: departments.path })
    .from(departments)
    .where(inArray(departments.id, ids));
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * Whether `message.manage` reaches an organisation template limited to `departmentIds`: an organisation-wide grant
 * reaches every one; a department's grant only those limited to departments inside its subtrees (an unlimited
 * template speaks for the whole organisation).
 */
function manages(scope: Scope | null, departmentIds: string[], paths: Map<string, string>): boolean {
  if (!scope) return false;
  if (scope.all) return true;
  return departmentIds.length > 0 && departmentIds.every((id) => paths.has(id) && inScope(scope, paths.get(id)!));
}

/** `contacts`: may see external contacts' names (R7), else a template's contact recipients are shown unnamed. */
type Viewer = { id: string; manage: Scope | null; ownPaths: string[]; contacts: boolean };

async function viewerOf(db: DbOrTx, actor: Actor): Promise<Viewer> {
  const id = memberOf(actor);
  const [manage, paths] = await Promise.all([scopeOf(db, actor, 'message.manage'), ownPaths(db, id)]);
  return { id, manage, ownPaths: paths, contacts: seesContacts(actor) };
}

/** Members of a limited template's departments (their subtrees included) see it; everyone sees an unlimited one. */
function reaches(viewer: Viewer, t: Row, paths: Map<string, string>): boolean {
  if (t.departmentIds.length === 0) return true;
  return t.departmentIds.some((id) => {
    const path = paths.get(id);
    return path !== undefined && viewer.ownPaths.some((own) => own.startsWith(path));
  });
}

function view(t: Row, viewer: Viewer, paths: Map<string, string>) {
  const mayChange = t.scope === 'personal' ? t.ownerId === viewer.id : manages(viewer.manage, t.departmentIds, paths);
  return {
    id: t.id,
    scope: t.scope,
    name: t.name,
    subject: t.subject,
    body: t.body as RichDoc,
    kind: t.kind,
    priority: t.priority,
    receiptRequired: t.receiptRequired,
    expiresInMinutes: t.expiresInMinutes,
    dueInMinutes: t.dueInMinutes,
    audience: viewer.contacts ? t.audience : t.audience.map((a) => (a.kind === 'contact' ? { ...a, label: '' } : a)),
    departmentIds: t.departmentIds,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    can: { edit: mayChange, delete: mayChange },
  };
}
export type TemplateView = ReturnType<typeof view>;

/** Who may see a template: its owner (personal); a member it reaches or a manager it falls under (organisation). */
function visible(viewer: Viewer, t: Row, paths: Map<string, string>): boolean {
  if (t.scope === 'personal') return t.ownerId === viewer.id;
  return reaches(viewer, t, paths) || manages(viewer.manage, t.departmentIds, paths);
}

/** The caller's templates and the organisation's that reach them, by name; `q` matches name and subject (pinyin). */
export async function listTemplates(db: DbOrTx, actor: Actor, q: { q?: string | undefined; scope?: TemplateScope }) {
  const viewer = await viewerOf(db, actor);
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(
      and(
        q.scope === 'personal'
          ? and(eq(messageTemplates.scope, 'personal'), eq(messageTemplates.ownerId, viewer.id))
          : q.scope === 'organisation'
            ? eq(messageTemplates.scope, 'organisation')
            : or(eq(messageTemplates.scope, 'organisation'), eq(messageTemplates.ownerId, viewer.id)),
        matchesWords(messageTemplates.searchText, q.q),
      ),
    )
    .orderBy(asc(messageTemplates.scope), asc(messageTemplates.name), asc(messageTemplates.id));
  const paths = await pathsOf(db, [...new Set(rows.flatMap((r) => r.departmentIds))]);
  const items = rows.filter((t) => visible(viewer, t, paths)).slice(0, MAX_LISTED);
  return { items: items.map((t) => view(t, viewer, paths)) };
}

/** A template the caller may see (a hidden one is `not-found`: its existence is not told). */
async function loadVisible(db: DbOrTx, actor: Actor, id: string) {
  const viewer = await viewerOf(db, actor);
  const [row] = await db.select().from(messageTemplates).where(eq(messageTemplates.id, id));
  const paths = await pathsOf(db, row?.departmentIds ?? []);
  if (!row || !visible(viewer, row, paths)) throw new Problem('not-found', 'No such template.');
  return { row, viewer, paths };
}

export async function getTemplate(db: DbOrTx, actor: Actor, id: string): Promise<TemplateView> {
  const { row, viewer, paths } = await loadVisible(db, actor, id);
  return view(row, viewer, paths);
}

const unknownDepartments = (ids: string[], paths: Map<string, string>) =>
  ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !paths.has(id))
    .map(({ i }) => ({
      path: `departmentIds.${i}`,
      code: 'unknown-department' as const,
      message: 'No such department',
    }));

/** Checks an organisation template's departments: they exist and the caller manages messages for all of them. */
async function checkOrganisationScope(db: DbOrTx, viewer: Viewer, departmentIds: string[]) {
  const paths = await pathsOf(db, departmentIds);
  const errors = unknownDepartments(departmentIds, paths);
  if (errors.length) throw new Problem('validation', 'Some departments do not exist.', { errors });
  if (!manages(viewer.manage, departmentIds, paths)) {
    throw new Problem(
      'forbidden',
      viewer.manage
        ? 'Your "message.manage" reaches only templates limited to departments inside your own.'
        : 'Organisation templates need the "message.manage" permission.',
    );
  }
}

/** The stored content: the body checked exactly as a message's (links by policy, mentions), recipients named. */
/**
 * R7, as for groups: only who may reach external contacts puts one among a template's recipients (else the check
 * would name any contact whose id one knows, and tell whether an id exists).
 */
function checkContacts(viewer: Viewer, audience: readonly AudienceInput[] | undefined) {
  if (audience?.some((a) => a.kind === 'contact') && !viewer.contacts) {
    throw new Problem('forbidden', 'Adding external contacts to a template needs "message.send.external".');
  }
}

async function contentOf(db: DbOrTx, kind: MessageKind, input: TemplatePatch) {
  const out: Partial<typeof messageTemplates.$inferInsert> = {};
  if (input.body !== undefined) {
    const body = await checkedBody(db, input.body);
    assertNoImages(body.images); // issue 20 #9: a template has no files of its own to show
    out.body = body.doc;
    out.bodyText = body.text;
  }
  if (input.audience !== undefined)
    out.audience = input.audience.length ? await checkAudience(db, kind, input.audience) : [];
  for (const f of ['name', 'subject', 'priority', 'receiptRequired', 'expiresInMinutes', 'dueInMinutes'] as const) {
    if (input[f] !== undefined) (out as Record<string, unknown>)[f] = input[f];
  }
  if (input.kind !== undefined) out.kind = input.kind;
  return out;
}

const searchTextOf = (t: { name: string; subject: string }) => `${searchText(t.name)} ${searchText(t.subject)}`;
const audited = (t: Row) => ({
  scope: t.scope,
  name: t.name,
  subject: t.subject,
  kind: t.kind,
  departmentIds: t.departmentIds,
});

/** Saves a new template: a personal one for any member, an organisation one with `message.manage` over its reach. */
export async function createTemplate(db: Db, actor: Actor, input: TemplateInput, info: RequestInfo) {
  const viewer = await viewerOf(db, actor);
  const departmentIds = input.scope === 'organisation' ? [...new Set(input.departmentIds ?? [])] : [];
  if (input.scope === 'personal' && input.departmentIds?.length) {
    throw new Problem('validation', 'Only organisation templates are limited to departments.', {
      errors: [{ path: 'departmentIds', code: 'invalid-value', message: 'Personal templates have no departments' }],
    });
  }
  if (input.scope === 'organisation') await checkOrganisationScope(db, viewer, departmentIds);
  checkContacts(viewer, input.audience);
  const content = await contentOf(db, input.kind, { ...input, audience: input.audience ?? [] });
  const t = now();
  const row: Row = {
    id: newId(),
    scope: input.scope,
    ownerId: input.scope === 'personal' ? viewer.id : null,
    departmentIds,
    name: input.name,
    subject: input.subject,
    body: content.body!,
    bodyText: content.bodyText ?? '',
    kind: input.kind,
    priority: input.priority ?? 'normal',
    receiptRequired: input.receiptRequired ?? false,
    expiresInMinutes: input.expiresInMinutes ?? null,
    dueInMinutes: input.dueInMinutes ?? null,
    audience: content.audience ?? [],
    searchText: searchTextOf(input),
    createdBy: viewer.id,
    createdAt: t,
    updatedAt: t,
  };
  await db.transaction(async (tx) => {
    await tx.insert(messageTemplates).values(row);
    await recordAudit(tx, actor, {
      action: 'template.create',
      targetType: 'template',
      targetId: row.id,
      after: audited(row),
      ...info,
    });
  });
  return getTemplate(db, actor, row.id);
}

/** A personal template changes by its owner only; an organisation one by a manager it (and its reach) falls under. */
async function loadChangeable(db: DbOrTx, actor: Actor, id: string) {
  const found = await loadVisible(db, actor, id);
  const { row, viewer, paths } = found;
  const may = row.scope === 'personal' ? row.ownerId === viewer.id : manages(viewer.manage, row.departmentIds, paths);
  if (!may) throw new Problem('forbidden', 'Only its owner, or whoever manages messages where it applies, changes it.');
  return found;
}

export async function updateTemplate(db: Db, actor: Actor, id: string, patch: TemplatePatch, info: RequestInfo) {
  const { row, viewer } = await loadChangeable(db, actor, id);
  if (patch.departmentIds !== undefined) {
    if (row.scope === 'personal' && patch.departmentIds.length) {
      throw new Problem('validation', 'Only organisation templates are limited to departments.', {
        errors: [{ path: 'departmentIds', code: 'invalid-value', message: 'Personal templates have no departments' }],
      });
    }
    if (row.scope === 'organisation') await checkOrganisationScope(db, viewer, [...new Set(patch.departmentIds)]);
  }
  const kind = patch.kind ?? row.kind;
  // A new kind re-checks the kept recipients (a contact needs an external message).
  const audience = patch.audience ?? (patch.kind !== undefined && row.audience.length ? row.audience : undefined);
  checkContacts(viewer, patch.audience);
  const set = await contentOf(db, kind, { ...patch, audience });
  if (patch.departmentIds !== undefined && row.scope === 'organisation')
    set.departmentIds = [...new Set(patch.departmentIds)];
  const after = { ...row, ...set } as Row;
  await db.transaction(async (tx) => {
    await tx
      .update(messageTemplates)
      .set({ ...set, searchText: searchTextOf(after), updatedAt: now() })
      .where(eq(messageTemplates.id, id));
    await recordAudit(tx, actor, {
      action: 'template.update',
      targetType: 'template',
      targetId: id,
      before: audited(row),
      after: audited(after),
      ...info,
    });
  });
  return getTemplate(db, actor, id);
}

export async function deleteTemplate(db: Db, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  const { row } = await loadChangeable(db, actor, id);
  await db.transaction(async (tx) => {
    await tx.delete(messageTemplates).where(eq(messageTemplates.id, id));
    await recordAudit(tx, actor, {
      action: 'template.delete',
      targetType: 'template',
      targetId: id,
      before: audited(row),
      ...info,
    });
  });
}
