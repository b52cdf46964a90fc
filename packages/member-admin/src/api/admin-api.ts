import { HeraldProblem, type HeraldClient, type Permission } from '@herald/client';
import type {
  AuditDetail, AuditEntry, Contact, Department, Group, GroupEntry, ImportBatch, ImportRow, Member, MemberDetail, Page, Position, Role,
} from './types.js';

type Query = Record<string, string | number | boolean | null | undefined>;

export interface MemberQuery { q?: string; departmentId?: string; subtree?: boolean; status?: 'active' | 'disabled' | 'all'; cursor?: string | null; limit?: number }
export interface MemberDraft { employeeNo?: string; name?: string; email?: string | null; phone?: string | null; departmentId?: string; extraDepartmentIds?: string[]; positionId?: string | null; locale?: string | null; disabled?: boolean }
export interface AuditQuery { actorId?: string; action?: string; targetType?: string; targetId?: string; from?: number; to?: number; cursor?: string | null }
export interface ContactDraft { kind?: 'customer' | 'partner'; name?: string; company?: string | null; title?: string | null; email?: string | null; phone?: string | null; tags?: string[]; portalEnabled?: boolean; disabled?: boolean }
export interface GroupDraft { name?: string; description?: string | null; endsAt?: number | null; entries?: Array<{ kind: GroupEntry['kind']; targetId: string; includeSubdepartments?: boolean }> }

const list = <T>(body: unknown): T[] => (Array.isArray(body) ? body : ((body as { items?: T[] })?.items ?? [])) as T[];

/**
 * The back-office routes, one method each, over the client's authenticated fetch (bearer token or cookie + CSRF).
 * Every non-2xx answer is thrown as a HeraldProblem.
 */
export class AdminApi {
  constructor(readonly client: HeraldClient) {}

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.client.url(path) + (qs ? `?${qs}` : '');
  }

  private async send(method: string, path: string, options: { query?: Query; json?: unknown; body?: BodyInit; type?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.type) headers['content-type'] = options.type;
    const response = await this.client.fetch(this.url(path, options.query), { method, headers, body });
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return response;
  }

  private async call<T>(method: string, path: string, options: { query?: Query; json?: unknown; body?: BodyInit; type?: string } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Fetches a file with the client's credentials (never a token in the URL). */
  async download(path: string, query: Query = {}): Promise<{ blob: Blob; fileName: string | null }> {
    const response = await this.send('GET', path, { query });
    const disposition = response.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const fileName = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? null);
    return { blob: await response.blob(), fileName };
  }

  // Departments and positions
  departments = async () => list<Department>(await this.call('GET', '/departments'));
  createDepartment = (input: { name: string; parentId: string | null; index?: number }) => this.call<Department>('POST', '/departments', { json: input });
  updateDepartment = (id: string, input: { name?: string; parentId?: string | null; index?: number; headMemberId?: string | null }) =>
    this.call<Department>('PATCH', `/departments/${encodeURIComponent(id)}`, { json: input });
  deleteDepartment = (id: string, moveMembersTo?: string) => this.call<void>('DELETE', `/departments/${encodeURIComponent(id)}`, { query: { moveMembersTo } });
  positions = async () => list<Position>(await this.call('GET', '/positions'));
  createPosition = (input: { name: string; level: number }) => this.call<Position>('POST', '/positions', { json: input });
  updatePosition = (id: string, input: { name?: string; level?: number }) => this.call<Position>('PATCH', `/positions/${encodeURIComponent(id)}`, { json: input });
  deletePosition = (id: string) => this.call<void>('DELETE', `/positions/${encodeURIComponent(id)}`);

  // Members
  members = (query: MemberQuery = {}) => this.call<Page<Member>>('GET', '/members', { query: { ...query, limit: query.limit ?? 50 } });
  member = (id: string) => this.call<MemberDetail>('GET', `/members/${encodeURIComponent(id)}`);
  createMember = (input: MemberDraft) => this.call<Member & { initialPassword: string }>('POST', '/members', { json: input });
  updateMember = (id: string, input: MemberDraft) => this.call<Member>('PATCH', `/members/${encodeURIComponent(id)}`, { json: input });
  resetPassword = (id: string) => this.call<{ temporaryPassword: string }>('POST', `/members/${encodeURIComponent(id)}/password`);
  grant = (memberId: string, input: { roleId: string; departmentId?: string | null }) =>
    this.call<unknown>('POST', `/members/${encodeURIComponent(memberId)}/grants`, { json: input });
  revoke = (memberId: string, grantId: string) => this.call<void>('DELETE', `/members/${encodeURIComponent(memberId)}/grants/${encodeURIComponent(grantId)}`);

  // Roles
  roles = async () => list<Role>(await this.call('GET', '/roles'));
  createRole = (input: { name: string; permissions: Permission[] }) => this.call<Role>('POST', '/roles', { json: input });
  updateRole = (id: string, input: { name?: string; permissions?: Permission[] }) => this.call<Role>('PATCH', `/roles/${encodeURIComponent(id)}`, { json: input });
  deleteRole = (id: string) => this.call<void>('DELETE', `/roles/${encodeURIComponent(id)}`);

  // Contacts and groups
  contacts = (query: { q?: string; kind?: string; status?: string; cursor?: string | null } = {}) => this.call<Page<Contact>>('GET', '/contacts', { query });
  createContact = (input: ContactDraft) => this.call<Contact>('POST', '/contacts', { json: input });
  updateContact = (id: string, input: ContactDraft) => this.call<Contact>('PATCH', `/contacts/${encodeURIComponent(id)}`, { json: input });
  groups = (query: { q?: string; includeEnded?: boolean; cursor?: string | null } = {}) => this.call<Page<Group>>('GET', '/groups', { query });
  group = (id: string) => this.call<Group & { entries: GroupEntry[] }>('GET', `/groups/${encodeURIComponent(id)}`);
  createGroup = (input: GroupDraft) => this.call<Group>('POST', '/groups', { json: input });
  updateGroup = (id: string, input: GroupDraft) => this.call<Group>('PATCH', `/groups/${encodeURIComponent(id)}`, { json: input });
  deleteGroup = (id: string) => this.call<void>('DELETE', `/groups/${encodeURIComponent(id)}`);

  // Imports
  template = (kind: ImportBatch['kind'], locale: string) => this.download('/imports/template', { kind, locale });
  upload = (kind: ImportBatch['kind'], mode: ImportBatch['mode'], file: File) =>
    this.call<ImportBatch>('POST', '/imports', { query: { kind, mode, fileName: file.name }, body: file, type: file.type || 'application/octet-stream' });
  importBatch = (id: string) => this.call<ImportBatch>('GET', `/imports/${encodeURIComponent(id)}`);
  importRows = (id: string, errorsOnly: boolean, cursor?: string | null) =>
    this.call<Page<ImportRow>>('GET', `/imports/${encodeURIComponent(id)}/rows`, { query: { errors: errorsOnly ? 'only' : undefined, cursor } });
  fixRow = (id: string, rowNo: number, data: ImportRow['data']) => this.call<ImportRow & { errorCount?: number }>('PATCH', `/imports/${encodeURIComponent(id)}/rows/${rowNo}`, { json: { data } });
  setImportMode = (id: string, mode: ImportBatch['mode']) => this.call<ImportBatch>('PATCH', `/imports/${encodeURIComponent(id)}`, { json: { mode } });
  commitImport = (id: string) => this.call<{ added: number; updated: number; skipped: number }>('POST', `/imports/${encodeURIComponent(id)}/commit`);
  discardImport = (id: string) => this.call<void>('DELETE', `/imports/${encodeURIComponent(id)}`);
  importReport = (id: string, locale?: string) => this.download(`/imports/${encodeURIComponent(id)}/report`, { locale });

  // Audit
  audit = (query: AuditQuery = {}) => this.call<Page<AuditEntry>>('GET', '/audit', { query: { ...query } });
  auditEntry = (id: string) => this.call<AuditDetail>('GET', `/audit/${encodeURIComponent(id)}`);
  auditExport = (format: 'xlsx' | 'csv', query: AuditQuery = {}) => this.download('/audit/export', { ...query, cursor: undefined, format });
}

/** Saves a downloaded file through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
