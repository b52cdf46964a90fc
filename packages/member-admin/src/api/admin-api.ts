import { ApiBase, saveBlob, type Permission } from '@herald/client';
import type {
  AuditDetail,
  AuditEntry,
  ReachSummary,
  Contact,
  ContactConversation,
  ContactInput,
  ContactNote,
  ContactNoteInput,
  ContactNotePatch,
  ContactPatch,
  Department,
  Group,
  GroupInput,
  GroupPatch,
  ImportBatch,
  ImportRow,
  Member,
  MemberDetail,
  MemberInput,
  MemberPatch,
  MessagingSettings,
  MessagingSettingsPatch,
  NotifyDeliveries,
  NotifyDelivery,
  NotifyRetryRequest,
  NotifySettings,
  NotifySettingsPatch,
  RetentionSettings,
  RetentionSettingsPatch,
  NotifyTestRequest,
  Page,
  Position,
  Role,
} from './types.js';

export interface MemberQuery {
  q?: string;
  departmentId?: string;
  subtree?: boolean;
  status?: 'active' | 'disabled' | 'all';
  cursor?: string | null;
  limit?: number;
}
export type MemberDraft = MemberPatch;
export interface AuditQuery {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
  cursor?: string | null;
}
export type ContactDraft = ContactPatch;
export type GroupDraft = GroupPatch;

/** Query values as the wire carries them (strings), dropping empty ones. */
const strings = (query: object): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

const list = <T>(body: unknown): T[] => (Array.isArray(body) ? body : ((body as { items?: T[] })?.items ?? [])) as T[];

/**
 * The back-office routes, one method each, through the typed `hc<AppType>` client (bearer token or cookie + CSRF);
 * binary uploads and downloads go through the same authenticated fetch. Every non-2xx answer is thrown as a
 * HeraldProblem.
 */
export class AdminApi extends ApiBase {
  private get rpc() {
    return this.client.api;
  }

  // Departments and positions
  /** `signal` aborts a load that a newer one superseded, or that leaving the tab cut (the tabs' `@lit/task`). */
  departments = async (signal?: AbortSignal) =>
    list<Department>(await this.ok(this.rpc.departments.$get(undefined, { init: { signal } })));
  createDepartment = (json: { name: string; parentId: string | null; index?: number }) =>
    this.ok(this.rpc.departments.$post({ json }));
  updateDepartment = (
    id: string,
    json: { name?: string; parentId?: string | null; index?: number; headMemberId?: string | null },
  ) => this.ok(this.rpc.departments[':id'].$patch({ param: { id }, json }));
  deleteDepartment = (id: string, moveMembersTo?: string) =>
    this.ok(this.rpc.departments[':id'].$delete({ param: { id }, query: moveMembersTo ? { moveMembersTo } : {} }));
  positions = async (signal?: AbortSignal) =>
    list<Position>(await this.ok(this.rpc.positions.$get(undefined, { init: { signal } })));
  createPosition = (json: { name: string; level: number }) => this.ok(this.rpc.positions.$post({ json }));
  updatePosition = (id: string, json: { name?: string; level?: number }) =>
    this.ok(this.rpc.positions[':id'].$patch({ param: { id }, json }));
  deletePosition = (id: string) => this.ok(this.rpc.positions[':id'].$delete({ param: { id } }));

  // Members
  /** `signal` aborts a search that a newer one superseded (the list's `@lit/task`). */
  members = (query: MemberQuery = {}, signal?: AbortSignal): Promise<Page<Member>> =>
    this.ok(this.rpc.members.$get({ query: strings({ ...query, limit: query.limit ?? 50 }) }, { init: { signal } }));
  member = (id: string): Promise<MemberDetail> => this.ok(this.rpc.members[':id'].$get({ param: { id } }));
  createMember = (json: MemberInput) => this.ok(this.rpc.members.$post({ json: json }));
  updateMember = (id: string, json: MemberDraft): Promise<Member> =>
    this.ok(this.rpc.members[':id'].$patch({ param: { id }, json: json }));
  resetPassword = (id: string) => this.ok(this.rpc.members[':id'].password.$post({ param: { id } }));
  grant = (id: string, json: { roleId: string; departmentId?: string | null }) =>
    this.ok(
      this.rpc.members[':id'].grants.$post({
        param: { id },
        json: { roleId: json.roleId, ...(json.departmentId ? { departmentId: json.departmentId } : {}) },
      }),
    );
  revoke = (id: string, grantId: string) =>
    this.ok(this.rpc.members[':id'].grants[':grantId'].$delete({ param: { id, grantId } }));

  // Roles
  roles = async (signal?: AbortSignal) =>
    list<Role>(await this.ok(this.rpc.roles.$get(undefined, { init: { signal } })));
  createRole = (json: { name: string; permissions: Permission[] }) => this.ok(this.rpc.roles.$post({ json }));
  updateRole = (id: string, json: { name?: string; permissions?: Permission[] }) =>
    this.ok(this.rpc.roles[':id'].$patch({ param: { id }, json }));
  deleteRole = (id: string) => this.ok(this.rpc.roles[':id'].$delete({ param: { id } }));

  // Contacts and groups
  contacts = (
    query: { q?: string; kind?: string; status?: string; cursor?: string | null } = {},
    signal?: AbortSignal,
  ): Promise<Page<Contact>> => this.ok(this.rpc.contacts.$get({ query: strings(query) }, { init: { signal } }));
  createContact = (json: ContactInput) => this.ok(this.rpc.contacts.$post({ json: json }));
  updateContact = (id: string, json: ContactDraft): Promise<Contact> =>
    this.ok(this.rpc.contacts[':id'].$patch({ param: { id }, json: json }));
  /** Issue 19 item 6: a contact's notes (newest first) and the messages exchanged with it that the caller may see. */
  contactNotes = (id: string, signal?: AbortSignal): Promise<Page<ContactNote>> =>
    this.ok(this.rpc.contacts[':id'].notes.$get({ param: { id }, query: {} }, { init: { signal } }));
  addContactNote = (id: string, json: ContactNoteInput) =>
    this.ok(this.rpc.contacts[':id'].notes.$post({ param: { id }, json }));
  editContactNote = (id: string, noteId: string, json: ContactNotePatch) =>
    this.ok(this.rpc.contacts[':id'].notes[':noteId'].$patch({ param: { id, noteId }, json }));
  contactConversations = (id: string, signal?: AbortSignal): Promise<Page<ContactConversation>> =>
    this.ok(this.rpc.contacts[':id'].conversations.$get({ param: { id }, query: {} }, { init: { signal } }));
  groups = (
    query: { q?: string; includeEnded?: boolean; cursor?: string | null } = {},
    signal?: AbortSignal,
  ): Promise<Page<Group>> => this.ok(this.rpc.groups.$get({ query: strings(query) }, { init: { signal } }));
  group = (id: string) => this.ok(this.rpc.groups[':id'].$get({ param: { id } }));
  createGroup = (json: GroupInput) => this.ok(this.rpc.groups.$post({ json: json }));
  updateGroup = (id: string, json: GroupDraft) => this.ok(this.rpc.groups[':id'].$patch({ param: { id }, json: json }));
  deleteGroup = (id: string) => this.ok(this.rpc.groups[':id'].$delete({ param: { id } }));
  /** Issue 19 #5: the groups customers may open conversations with (org.admin). */
  serviceGroups = async (signal?: AbortSignal): Promise<string[]> =>
    (await this.ok(this.rpc.conversations.settings.$get(undefined, { init: { signal } }))).groupIds;
  setServiceGroups = async (groupIds: string[]): Promise<string[]> =>
    (await this.ok(this.rpc.conversations.settings.$put({ json: { groupIds } }))).groupIds;

  // Imports (the upload body and the files are binary: through the client's authenticated fetch)
  template = (kind: ImportBatch['kind'], locale: string) => this.download('/imports/template', { kind, locale });
  upload = (kind: ImportBatch['kind'], mode: ImportBatch['mode'], file: File) =>
    this.call<ImportBatch>('POST', '/imports', {
      query: { kind, mode, fileName: file.name },
      body: file,
      type: file.type || 'application/octet-stream',
    });
  importBatch = (id: string, signal?: AbortSignal): Promise<ImportBatch> =>
    this.ok(this.rpc.imports[':id'].$get({ param: { id } }, { init: { signal } }));
  importRows = (
    id: string,
    errorsOnly: boolean,
    cursor?: string | null,
    signal?: AbortSignal,
  ): Promise<Page<ImportRow>> =>
    this.ok(
      this.rpc.imports[':id'].rows.$get(
        { param: { id }, query: strings({ errors: errorsOnly ? 'only' : 'all', cursor }) },
        { init: { signal } },
      ),
    );
  fixRow = (id: string, rowNo: number, data: Record<string, string>) =>
    this.ok(this.rpc.imports[':id'].rows[':rowNo'].$patch({ param: { id, rowNo: String(rowNo) }, json: { data } }));
  setImportMode = (id: string, mode: ImportBatch['mode']): Promise<ImportBatch> =>
    this.ok(this.rpc.imports[':id'].$patch({ param: { id }, json: { mode } }));
  commitImport = (id: string) => this.ok(this.rpc.imports[':id'].commit.$post({ param: { id } }));
  discardImport = (id: string) => this.ok(this.rpc.imports[':id'].$delete({ param: { id } }));
  importReport = (id: string, locale?: string) =>
    this.download(`/imports/${encodeURIComponent(id)}/report`, { locale });

  // Audit
  audit = (query: AuditQuery = {}, signal?: AbortSignal): Promise<Page<AuditEntry>> =>
    this.ok(this.rpc.audit.$get({ query: strings(query) }, { init: { signal } }));
  auditEntry = (id: string): Promise<AuditDetail> =>
    this.ok(this.rpc.audit[':id'].$get({ param: { id } })) as Promise<AuditDetail>;
  auditExport = (format: 'xlsx' | 'csv', query: AuditQuery = {}) =>
    this.download('/audit/export', { ...query, cursor: undefined, format });

  // Reach (issue 24: data.view, figures limited to its scope)
  reachSummary = (days: number, signal?: AbortSignal): Promise<ReachSummary> =>
    this.ok(this.rpc.reach.summary.$get({ query: { days: String(days) } }, { init: { signal } }));
  reachExport = (days: number, locale?: string) => this.download('/reach/summary/export', { days, locale });

  // Settings (read by any member, changed by org admins; the server lower-cases and de-duplicates the domains)
  messagingSettings = (signal?: AbortSignal): Promise<MessagingSettings> =>
    this.ok(this.rpc.settings.messaging.$get(undefined, { init: { signal } }));
  updateMessagingSettings = (patch: MessagingSettingsPatch): Promise<MessagingSettings> =>
    this.ok(this.rpc.settings.messaging.$put({ json: patch }));

  // Retention (org admins; issue 19 item 8): the purge's policy and its last run's figures
  retentionSettings = (signal?: AbortSignal): Promise<RetentionSettings> =>
    this.ok(this.rpc.settings.retention.$get(undefined, { init: { signal } }));
  updateRetentionSettings = (patch: RetentionSettingsPatch): Promise<RetentionSettings> =>
    this.ok(this.rpc.settings.retention.$put({ json: patch }));

  // Notifications (org admins; secrets are write-only, the test uses the saved settings)
  notifySettings = (signal?: AbortSignal): Promise<NotifySettings> =>
    this.ok(this.rpc.settings.notifications.$get(undefined, { init: { signal } }));
  updateNotifySettings = (patch: NotifySettingsPatch): Promise<NotifySettings> =>
    this.ok(this.rpc.settings.notifications.$put({ json: patch }));
  testNotify = (json: NotifyTestRequest) => this.ok(this.rpc.settings.notifications.test.$post({ json }));
  deliveries = (
    query: { status?: NotifyDelivery['status']; cursor?: string | null; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<NotifyDeliveries> =>
    this.ok(this.rpc.notifications.deliveries.$get({ query: strings(query) }, { init: { signal } }));
  retryDeliveries = (json: NotifyRetryRequest): Promise<{ retried: number }> =>
    this.ok(this.rpc.notifications.deliveries.retry.$post({ json }));
}

export { saveBlob };
