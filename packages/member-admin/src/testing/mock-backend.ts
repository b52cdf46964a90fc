// An in-memory back office answering the contract's routes (docs/api.md) for stories and stubbed tests only.
// Never part of the bundle. Shapes follow the contract; behaviour is just enough to click through.
import type { Permission } from '@herald/client';
import type {
  AuditDetail,
  Contact,
  ContactConversation,
  ContactNote,
  Department,
  Group,
  GroupEntry,
  ImportBatch,
  ImportRow,
  Member,
  MemberDetail,
  Position,
  Role,
} from '../api/types.js';
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import { createNotifyMock } from './mock-notify.js';
import { reachRoute } from './mock-reach.js';
import { createRetentionMock } from './mock-retention.js';

export interface MockBackendOptions {
  permissions?: Permission[];
  /** Rows of the next uploaded import; by default two rows, one with errors. */
  importRows?: ImportRow[];
  /** Answer every back-office route with this problem (e.g. 403 forbidden). */
  refuse?: { status: number; code: string };
  /** Extra members, to show paging. */
  extraMembers?: number;
  latencyMs?: number;
  /** Start with an uploaded, validated import batch `i-demo` (its rows from `importRows`). */
  pendingImport?: boolean;
  /** A department admin's view: only this department's subtree is `manageable` (default: all, an org admin's). */
  manageableUnder?: string;
  /** Notification channels: all off (the server's defaults), or configured with saved secrets. */
  notify?: 'default' | 'configured';
  /** Dead notification deliveries to list (default 0). */
  deadLetters?: number;
  /** The purge has run once (`SAMPLE_RUN` in mock-retention.ts); else it never has. */
  retentionRun?: boolean;
}

const LIMITS = { maxFileBytes: 50 * 1024 * 1024, maxMessageBytes: 200 * 1024 * 1024 };
// One DNS label: letters, digits or non-ASCII, inner hyphens, at most 63 characters.
const LABEL = String.raw`[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?`;
const DOMAIN = new RegExp(`^(${LABEL}\\.)*${LABEL}$`);

export const ALL_PERMISSIONS: Permission[] = [
  'message.send.internal',
  'message.send.external',
  'message.manage',
  'department.manage',
  'data.view',
  'org.admin',
  'approval.admin',
  'knowledge.publish',
];

export function createMockBackend(options: MockBackendOptions = {}) {
  let seq = 100;
  const id = (p: string) => `${p}${++seq}`;
  const t = Date.UTC(2026, 10, 20, 9, 0);
  const dept = (
    did: string,
    name: string,
    parent: Department | null,
    sortOrder: number,
    headName: string | null = null,
  ): Department => ({
    id: did,
    name,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${did}/`,
    sortOrder,
    headMemberId: null,
    headName,
    memberCount: 0,
    manageable: true,
  });
  const hq = dept('d1', '总部', null, 0);
  const tech = dept('d2', '技术部', hq, 0, '张三');
  const fe = dept('d3', '前端组', tech, 0, '李四');
  const departments: Department[] = [
    hq,
    tech,
    fe,
    dept('d4', '市场部', hq, 1, 'Alice Chen'),
    dept('d5', '人事部', hq, 2, '孙七'),
    dept('d6', '销售部', hq, 3, 'Bob Li'),
  ];
  const positions: Position[] = [
    { id: 'p1', name: '员工', level: 1 },
    { id: 'p2', name: '经理', level: 3 },
    { id: 'p3', name: '总监', level: 5 },
  ];
  const person = (
    no: string,
    name: string,
    email: string,
    departmentId: string,
    positionId: string,
    pinyin: string,
  ): Member & { pinyin: string } => ({
    id: `m-${no}`,
    employeeNo: no,
    name,
    email,
    phone: null,
    departmentId,
    departmentName: departments.find((d) => d.id === departmentId)!.name,
    extraDepartmentIds: [],
    positionId,
    positionName: positions.find((p) => p.id === positionId)!.name,
    disabled: false,
    mustChangePassword: false,
    locale: null,
    createdAt: t,
    updatedAt: t,
    pinyin,
  });
  const members = [
    person('E1001', '张三', 'zhangsan@example.com', 'd2', 'p3', 'zhangsan zs'),
    person('E1002', '李四', 'lisi@example.com', 'd3', 'p2', 'lisi ls'),
    person('E1003', '王五', 'wangwu@example.com', 'd3', 'p1', 'wangwu ww'),
    person('E1004', 'Alice Chen', 'alice@example.com', 'd4', 'p2', ''),
    person('E1005', '赵六', 'zhaoliu@example.com', 'd4', 'p1', 'zhaoliu zl'),
    person('E1006', '孙七', 'sunqi@example.com', 'd5', 'p2', 'sunqi sq'),
    person('E1007', 'Bob Li', 'bob@example.com', 'd6', 'p2', ''),
    person('E1008', '周八', 'zhouba@example.com', 'd6', 'p1', 'zhouba zb'),
  ];
  for (let i = 0; i < (options.extraMembers ?? 0); i++)
    members.push(person(`E2${String(i).padStart(3, '0')}`, `Member ${i}`, `m${i}@example.com`, 'd6', 'p1', ''));
  const roles: Role[] = [
    { id: 'r1', builtinKey: 'super-admin', name: 'Super admin', permissions: ALL_PERMISSIONS, memberCount: 1 },
    {
      id: 'r2',
      builtinKey: 'org-admin',
      name: 'Organisation admin',
      permissions: ['org.admin', 'department.manage', 'data.view'],
      memberCount: 0,
    },
    {
      id: 'r3',
      builtinKey: 'department-admin',
      name: 'Department admin',
      permissions: ['department.manage', 'data.view', 'message.manage'],
      memberCount: 1,
    },
    { id: 'r4', builtinKey: 'sender', name: 'Sender', permissions: ['message.send.internal'], memberCount: 0 },
    {
      id: 'r5',
      builtinKey: 'external-sender',
      name: 'External sender',
      permissions: ['message.send.internal', 'message.send.external'],
      memberCount: 0,
    },
    { id: 'r6', builtinKey: 'auditor', name: 'Auditor', permissions: ['data.view'], memberCount: 0 },
  ];
  const grants = new Map<string, MemberDetail['grants']>([
    [
      'm-E1001',
      [{ id: 'g1', roleId: 'r3', roleName: 'Department admin', departmentId: 'd2', departmentName: '技术部' }],
    ],
  ]);
  const contacts: Contact[] = [
    {
      id: 'c1',
      kind: 'customer',
      name: '陈经理',
      company: '华东贸易',
      title: '采购经理',
      email: 'chen@huadong.example',
      phone: '13800138000',
      ownerMemberId: 'm-E1004',
      ownerName: 'Alice Chen',
      tags: ['VIP'],
      portalEnabled: true,
      disabled: false,
      locale: null,
      createdAt: t,
      updatedAt: t,
    },
    {
      id: 'c2',
      kind: 'partner',
      name: 'Dana Wu',
      company: 'Partner Co',
      title: null,
      email: 'dana@partner.example',
      phone: null,
      ownerMemberId: 'm-E1007',
      ownerName: 'Bob Li',
      tags: [],
      portalEnabled: false,
      disabled: false,
      locale: null,
      createdAt: t,
      updatedAt: t,
    },
  ];
  /** Issue 19 item 6: what was logged on 陈经理, and the messages exchanged with them. */
  const notes: Record<string, ContactNote[]> = {
    c1: [
      {
        id: 'n2',
        contactId: 'c1',
        kind: 'agreement',
        text: '约定按季度结算，账期 30 天。',
        occurredAt: t - 86_400_000,
        createdAt: t - 86_400_000,
        editedAt: null,
        author: { id: 'm-E1004', name: 'Alice Chen' },
        can: { edit: false },
      },
      {
        id: 'n1',
        contactId: 'c1',
        kind: 'call',
        text: '电话确认报价单已收到。',
        occurredAt: t - 3 * 86_400_000,
        createdAt: t - 3 * 86_400_000,
        editedAt: null,
        author: { id: 'm-E1004', name: 'Alice Chen' },
        can: { edit: false },
      },
    ],
  };
  const conversations: Record<string, ContactConversation[]> = {
    c1: [
      {
        id: 'msg2',
        threadId: 'msg1',
        subject: 'Re: 合同续签事宜',
        direction: 'from-contact',
        sender: { kind: 'contact', id: 'c1', name: '陈经理' },
        at: t - 2 * 86_400_000,
        recalled: false,
      },
      {
        id: 'msg1',
        threadId: 'msg1',
        subject: '合同续签事宜',
        direction: 'to-contact',
        sender: { kind: 'member', id: 'm-E1004', name: 'Alice Chen' },
        at: t - 4 * 86_400_000,
        recalled: false,
      },
    ],
  };
  const extra = { contactCount: 0, createdBy: 'm-admin', createdAt: t, updatedAt: t };
  const serviceGroups: string[] = [];
  const groups: Array<Group & { entries: GroupEntry[] }> = [
    {
      ...extra,
      id: 'gr1',
      name: '技术值班',
      description: null,
      endsAt: null,
      ended: false,
      entryCount: 1,
      memberCount: 3,
      entries: [{ id: 'e1', kind: 'department', targetId: 'd2', name: '技术部', includeSubdepartments: true }],
    },
    {
      ...extra,
      id: 'gr2',
      name: '台风应急小组',
      description: 'S9',
      endsAt: t + 7 * 864e5,
      ended: false,
      entryCount: 2,
      memberCount: 2,
      entries: [
        { id: 'e2', kind: 'member', targetId: 'm-E1001', name: '张三', includeSubdepartments: false },
        { id: 'e3', kind: 'contact', targetId: 'c1', name: '陈经理', includeSubdepartments: false },
      ],
    },
    {
      ...extra,
      id: 'gr3',
      name: '2025 年会筹备',
      description: null,
      endsAt: t - 30 * 864e5,
      ended: true,
      entryCount: 1,
      memberCount: 4,
      entries: [],
    },
  ];
  const audit: AuditDetail[] = Array.from({ length: 60 }, (_, i) => ({
    id: `a${60 - i}`,
    at: t - i * 3600_000,
    actorKind: 'member',
    actorId: 'm-admin',
    actorName: 'Super Admin',
    action: i % 3 === 0 ? 'member.update' : i % 3 === 1 ? 'department.create' : 'role.update',
    targetType: i % 3 === 0 ? 'member' : i % 3 === 1 ? 'department' : 'role',
    targetId: i % 3 === 0 ? 'm-E1002' : i % 3 === 1 ? 'd3' : 'r3',
    requestId: `req-${i}`,
    ip: '10.0.0.8',
    before: i % 3 === 0 ? { name: '李四', email: 'lisi@example.com', phone: null } : null,
    after: i % 3 === 0 ? { name: '李四', email: 'li.si@example.com', phone: '13900000000' } : { name: '前端组' },
    // The server names targets (issue 23): a member, a department, a built-in role.
    targetName: i % 3 === 0 ? '李四' : i % 3 === 1 ? '前端组' : 'Department admin',
    targetKey: i % 3 === 2 ? 'department-admin' : null,
    audience: null,
    recipientCount: null,
  }));
  // The newest but one: 张三 sent a message to a department (issue 23: "张三 sent 'Q4 launch' to 技术部 (12 people)").
  audit[1] = {
    ...audit[1]!,
    actorId: 'm-E1001',
    actorName: '张三',
    action: 'message.send',
    targetType: 'message',
    targetId: 'msg-q4',
    targetName: 'Q4 launch',
    targetKey: null,
    audience: [{ kind: 'department', id: 'd2', name: '技术部' }],
    recipientCount: 12,
    before: null,
    after: { subject: 'Q4 launch' },
  };
  const defaultRows = (): ImportRow[] => [
    {
      rowNo: 2,
      data: {
        employeeNo: 'E3001',
        name: '钱九',
        department: '总部/技术部/前端组',
        position: '员工',
        email: 'qianjiu@example.com',
        phone: '13800000001',
      },
      errors: [],
      result: null,
    },
    {
      rowNo: 3,
      data: {
        employeeNo: 'E3002',
        name: '',
        department: '总部/研发部',
        position: '员工',
        email: 'not-an-email',
        phone: '123',
      },
      errors: [
        { field: 'name', code: 'required', message: 'Required' },
        { field: 'department', code: 'unknown-department', message: 'Unknown department 总部/研发部' },
        { field: 'email', code: 'invalid-email', message: 'Not an e-mail address' },
        { field: 'phone', code: 'invalid-phone', message: 'Not a mainland mobile or E.164 number' },
      ],
      result: null,
    },
  ];
  const notify = createNotifyMock(options, t);
  const retention = createRetentionMock(options);
  const settings = { recallWindowMinutes: 1440, linkBlocklist: ['phish.example'], linkAllowlist: [] as string[] };
  let batch: (ImportBatch & { rows: ImportRow[]; committed: boolean }) | null = null;
  if (options.pendingImport) {
    const rows = structuredClone(options.importRows ?? defaultRows());
    batch = {
      id: 'i-demo',
      kind: 'members',
      mode: 'add',
      status: 'validated',
      fileName: '新员工.xlsx',
      rowCount: rows.length,
      errorCount: rows.filter((r) => r.errors.length).length,
      createdAt: t,
      committedAt: null,
      result: null,
      rows,
      committed: false,
    };
  }

  const counts = () =>
    departments.forEach((d) => (d.memberCount = members.filter((m) => m.departmentId === d.id).length));
  const detail = (m: Member): MemberDetail => {
    const g = grants.get(m.id) ?? [];
    const eff = new Map<Permission, string[] | null>();
    for (const grant of g)
      for (const p of roles.find((r) => r.id === grant.roleId)?.permissions ?? []) {
        const prev = eff.get(p);
        eff.set(p, grant.departmentId === null || prev === null ? null : [...(prev ?? []), grant.departmentId!]);
      }
    const { pinyin: _p, ...plain } = m as Member & { pinyin?: string };
    return {
      ...plain,
      grants: g,
      effectivePermissions: [...eff].map(([permission, departmentIds]) => ({ permission, departmentIds })),
    };
  };
  const page = <T extends { id?: string }>(all: T[], url: URL, key: (x: T) => string) => {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const cursor = url.searchParams.get('cursor');
    const start = cursor ? all.findIndex((x) => key(x) === cursor) + 1 : 0;
    const items = all.slice(start, start + limit);
    return { items, nextCursor: start + limit < all.length ? key(items[items.length - 1]!) : null };
  };
  const validateMember = (body: Record<string, unknown>, isNew: boolean) => {
    const errors: Array<{ path: string; code: string; message: string }> = [];
    if (isNew && members.some((m) => m.employeeNo.toLowerCase() === String(body.employeeNo ?? '').toLowerCase()))
      errors.push({ path: 'employeeNo', code: 'duplicate', message: 'This employee number is already used' });
    if (
      body.email &&
      members.some((m) => m.email === String(body.email).toLowerCase() && m.employeeNo !== body.employeeNo)
    )
      errors.push({ path: 'email', code: 'duplicate', message: 'This e-mail is already used' });
    return errors;
  };

  async function handle(method: string, path: string, url: URL, body: unknown): Promise<Response | undefined> {
    const b = (body ?? {}) as Record<string, any>;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/me') {
      return json({
        subject: { kind: 'member', id: 'm-admin', employeeNo: 'admin', name: 'Super Admin', email: null, locale: null },
        permissions: options.permissions ?? ALL_PERMISSIONS,
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: 'session',
      });
    }
    if (path === '/live') return undefined;
    if (options.refuse) return problem(options.refuse.status, options.refuse.code);
    // departments
    if (path === '/departments' && method === 'GET') {
      counts();
      const under = options.manageableUnder;
      return json({
        items: departments.map((d) => ({ ...d, manageable: !under || d.path.includes(`/${under}/`) })),
        nextCursor: null,
      });
    }
    if (path === '/departments' && method === 'POST') {
      const parent = departments.find((d) => d.id === b.parentId) ?? null;
      const siblings = departments.filter((d) => d.parentId === (parent?.id ?? null));
      const d = dept(id('d'), b.name, parent, siblings.length);
      departments.push(d);
      return json(d, 201);
    }
    if ((m = /^\/departments\/([^/]+)$/.exec(path))) {
      const d = departments.find((x) => x.id === m![1]);
      if (!d) return problem(404, 'not-found');
      if (method === 'PATCH') {
        if (b.parentId !== undefined && b.parentId !== d.parentId) {
          const parent = departments.find((x) => x.id === b.parentId);
          if (parent && parent.path.startsWith(d.path)) return problem(400, 'invalid-move');
          const old = d.path;
          d.parentId = b.parentId;
          d.path = `${parent?.path ?? '/'}${d.id}/`;
          for (const x of departments)
            if (x !== d && x.path.startsWith(old)) x.path = d.path + x.path.slice(old.length);
          d.sortOrder = 1e6;
        }
        if (typeof b.index === 'number' || b.parentId !== undefined) {
          const siblings = departments
            .filter((x) => x.parentId === d.parentId && x !== d)
            .sort((x, y) => x.sortOrder - y.sortOrder);
          siblings.splice(typeof b.index === 'number' ? b.index : siblings.length, 0, d);
          siblings.forEach((x, i) => (x.sortOrder = i));
        }
        if (b.name !== undefined) d.name = b.name;
        if (b.headMemberId !== undefined) {
          d.headMemberId = b.headMemberId;
          d.headName = members.find((x) => x.id === b.headMemberId)?.name ?? null;
        }
        return json(d);
      }
      if (method === 'DELETE') {
        if (departments.some((x) => x.parentId === d.id))
          return problem(409, 'department-not-empty', { detail: 'has sub-departments' });
        const inside = members.filter((x) => x.departmentId === d.id);
        const to = url.searchParams.get('moveMembersTo');
        if (inside.length && !to) return problem(409, 'department-not-empty', { detail: 'has members' });
        for (const x of inside) {
          x.departmentId = to;
          x.departmentName = departments.find((y) => y.id === to)?.name ?? null;
        }
        departments.splice(departments.indexOf(d), 1);
        return new Response(null, { status: 204 });
      }
    }
    // positions
    if (path === '/positions' && method === 'GET') return json({ items: positions, nextCursor: null });
    if (path === '/positions' && method === 'POST') {
      const p = { id: id('p'), name: b.name, level: b.level };
      positions.push(p);
      return json(p, 201);
    }
    if ((m = /^\/positions\/([^/]+)$/.exec(path))) {
      const p = positions.find((x) => x.id === m![1]);
      if (!p) return problem(404, 'not-found');
      if (method === 'PATCH') return (Object.assign(p, b), json(p));
      if (members.some((x) => x.positionId === p.id)) return problem(409, 'in-use');
      positions.splice(positions.indexOf(p), 1);
      return new Response(null, { status: 204 });
    }
    // members
    if (path === '/members' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const dep = url.searchParams.get('departmentId');
      const subtree = url.searchParams.get('subtree') !== 'false';
      const status = url.searchParams.get('status') ?? 'active';
      const root = departments.find((d) => d.id === dep);
      const found = members.filter(
        (x) =>
          (!q ||
            [x.name.toLowerCase(), x.pinyin, x.employeeNo.toLowerCase(), x.email ?? '', x.phone ?? ''].some((s) =>
              s.includes(q),
            )) &&
          (!root ||
            (subtree
              ? departments.find((d) => d.id === x.departmentId)?.path.startsWith(root.path)
              : x.departmentId === root.id)) &&
          (status === 'all' || x.disabled === (status === 'disabled')),
      );
      return json(
        page(
          found.map(({ pinyin: _p, ...x }) => x),
          url,
          (x) => x.employeeNo,
        ),
      );
    }
    if (path === '/members' && method === 'POST') {
      const errors = validateMember(b, true);
      if (errors.length) return problem(400, 'validation', { errors });
      const x = person(b.employeeNo, b.name, b.email ?? null, b.departmentId, b.positionId ?? 'p1', '');
      x.email = b.email ?? null;
      x.phone = b.phone ?? null;
      members.push(x);
      return json({ ...detail(x), initialPassword: 'Init-7f3k-92xq' }, 201);
    }
    if ((m = /^\/members\/([^/]+)(\/password|\/grants(?:\/([^/]+))?)?$/.exec(path))) {
      const x = members.find((y) => y.id === m![1]);
      if (!x) return problem(404, 'not-found');
      if (m[2] === '/password') return json({ temporaryPassword: 'Temp-4hd8-k2pw' });
      if (m[2]?.startsWith('/grants')) {
        const list = grants.get(x.id) ?? [];
        if (method === 'POST') {
          const role = roles.find((r) => r.id === b.roleId)!;
          list.push({
            id: id('g'),
            roleId: role.id,
            roleName: role.name,
            departmentId: b.departmentId ?? null,
            departmentName: departments.find((d) => d.id === b.departmentId)?.name ?? null,
          });
          grants.set(x.id, list);
          return json(list[list.length - 1], 201);
        }
        grants.set(
          x.id,
          list.filter((g) => g.id !== m![3]),
        );
        return new Response(null, { status: 204 });
      }
      if (method === 'GET') return json(detail(x));
      if (method === 'PATCH') {
        const errors = validateMember({ ...b, employeeNo: x.employeeNo }, false);
        if (errors.length) return problem(400, 'validation', { errors });
        Object.assign(x, b);
        if (b.departmentId) x.departmentName = departments.find((d) => d.id === b.departmentId)?.name ?? null;
        if (b.positionId !== undefined) x.positionName = positions.find((p) => p.id === b.positionId)?.name ?? null;
        return json(detail(x));
      }
    }
    // roles
    if (path === '/roles' && method === 'GET') return json({ items: roles, nextCursor: null });
    if (path === '/roles' && method === 'POST') {
      const r: Role = { id: id('r'), builtinKey: null, name: b.name, permissions: b.permissions, memberCount: 0 };
      roles.push(r);
      return json(r, 201);
    }
    if ((m = /^\/roles\/([^/]+)$/.exec(path))) {
      const r = roles.find((x) => x.id === m![1]);
      if (!r) return problem(404, 'not-found');
      if (r.builtinKey) return problem(409, 'conflict');
      if (method === 'PATCH') return (Object.assign(r, b), json(r));
      roles.splice(roles.indexOf(r), 1);
      return new Response(null, { status: 204 });
    }
    // contact notes and conversations (issue 19 item 6)
    if ((m = /^\/contacts\/([^/]+)\/(notes|conversations)(?:\/([^/]+))?$/.exec(path))) {
      const contactId = m[1]!;
      if (!contacts.some((c) => c.id === contactId)) return problem(404, 'not-found');
      if (m[2] === 'conversations') return json({ items: conversations[contactId] ?? [], nextCursor: null });
      const list = (notes[contactId] ??= []);
      if (method === 'GET') return json({ items: list, nextCursor: null });
      if (method === 'POST') {
        const note: ContactNote = {
          id: id('n'),
          contactId,
          kind: b.kind,
          text: b.text,
          occurredAt: b.occurredAt ?? Date.now(),
          createdAt: Date.now(),
          editedAt: null,
          author: { id: 'm-admin', name: 'Super Admin' },
          can: { edit: true },
        };
        list.unshift(note);
        return json(note, 201);
      }
      const note = list.find((n) => n.id === m![3]);
      if (!note) return problem(404, 'not-found');
      if (!note.can.edit) return problem(409, 'edit-window-passed');
      return (Object.assign(note, b, { editedAt: Date.now() }), json(note));
    }
    // contacts
    if (path === '/contacts' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(
        page(
          contacts.filter((c) => !q || `${c.name} ${c.company} ${c.email} ${c.phone}`.toLowerCase().includes(q)),
          url,
          (c) => c.id,
        ),
      );
    }
    if (path === '/contacts' && method === 'POST') {
      const c: Contact = {
        id: id('c'),
        kind: 'customer',
        company: null,
        title: null,
        email: null,
        phone: null,
        tags: [],
        portalEnabled: false,
        disabled: false,
        ownerMemberId: 'm-admin',
        ownerName: 'Super Admin',
        locale: null,
        createdAt: t,
        updatedAt: t,
        name: '',
        ...b,
      };
      contacts.push(c);
      return json(c, 201);
    }
    if ((m = /^\/contacts\/([^/]+)$/.exec(path))) {
      const c = contacts.find((x) => x.id === m![1]);
      return c ? (Object.assign(c, b), json(c)) : problem(404, 'not-found');
    }
    // groups
    if (path === '/groups' && method === 'GET') {
      const includeEnded = url.searchParams.get('includeEnded') === 'true';
      return json(
        page(
          groups.filter((g) => includeEnded || !g.ended).map(({ entries: _e, ...g }) => g),
          url,
          (g) => g.id,
        ),
      );
    }
    if (path === '/groups' && method === 'POST') {
      const entries = ((b.entries ?? []) as GroupEntry[]).map((e) => ({
        ...e,
        id: id('e'),
        name: nameOf(e.kind, e.targetId),
      }));
      const g = {
        ...extra,
        id: id('gr'),
        name: b.name,
        description: b.description ?? null,
        endsAt: b.endsAt ?? null,
        ended: false,
        entryCount: entries.length,
        memberCount: entries.length,
        entries,
      };
      groups.push(g);
      return json(g, 201);
    }
    if ((m = /^\/groups\/([^/]+)$/.exec(path))) {
      const g = groups.find((x) => x.id === m![1]);
      if (!g) return problem(404, 'not-found');
      if (method === 'GET') return json(g);
      if (method === 'PATCH') {
        Object.assign(g, b);
        if (b.entries)
          g.entries = (b.entries as GroupEntry[]).map((e) => ({ ...e, id: id('e'), name: nameOf(e.kind, e.targetId) }));
        g.entryCount = g.entries.length;
        return json(g);
      }
      groups.splice(groups.indexOf(g), 1);
      return new Response(null, { status: 204 });
    }
    // Issue 19 #5: the service groups customers may write to (org.admin)
    if (path === '/conversations/settings') {
      if (!(options.permissions ?? ALL_PERMISSIONS).includes('org.admin')) return problem(403, 'forbidden');
      if (method === 'PUT') serviceGroups.splice(0, serviceGroups.length, ...(b.groupIds as string[]));
      return json({ groupIds: serviceGroups, groups: [] });
    }
    // settings (the server's rules: org.admin writes, domains checked, lower-cased and de-duplicated)
    if (path === '/settings/messaging' && method === 'GET') return json({ ...settings, ...LIMITS });
    if (path === '/settings/messaging' && method === 'PUT') {
      if (!(options.permissions ?? ALL_PERMISSIONS).includes('org.admin')) return problem(403, 'forbidden');
      const errors: Array<{ path: string; code: string; message: string }> = [];
      const r = b.recallWindowMinutes;
      if (r !== undefined && (!Number.isInteger(r) || r < 0 || r > 525_600))
        errors.push({ path: 'recallWindowMinutes', code: r < 0 ? 'too-small' : 'too-big', message: 'Out of range' });
      for (const list of ['linkBlocklist', 'linkAllowlist'] as const) {
        (b[list] as string[] | undefined)?.forEach((d, i) => {
          if (!DOMAIN.test(d.trim().toLowerCase()))
            errors.push({ path: `${list}.${i}`, code: 'invalid-format', message: 'A domain such as example.com' });
        });
      }
      if (errors.length) return problem(400, 'validation', { errors });
      if (r !== undefined) settings.recallWindowMinutes = r;
      for (const list of ['linkBlocklist', 'linkAllowlist'] as const) {
        if (b[list]) settings[list] = [...new Set((b[list] as string[]).map((d) => d.trim().toLowerCase()))];
      }
      return json({ ...settings, ...LIMITS });
    }
    const notified = notify.handle(
      method,
      path,
      url,
      b,
      (options.permissions ?? ALL_PERMISSIONS).includes('org.admin'),
    );
    if (notified) return notified;
    const retained = retention.handle(method, path, b, (options.permissions ?? ALL_PERMISSIONS).includes('org.admin'));
    if (retained) return retained;
    // imports
    if (path === '/imports/template')
      return new Response(new Blob(['template']), {
        headers: { 'content-disposition': 'attachment; filename="members-template.xlsx"' },
      });
    if (path === '/imports' && method === 'POST') {
      const rows = structuredClone(options.importRows ?? defaultRows());
      batch = {
        id: id('i'),
        kind: (url.searchParams.get('kind') ?? 'members') as ImportBatch['kind'],
        mode: (url.searchParams.get('mode') ?? 'add') as ImportBatch['mode'],
        status: 'validated',
        fileName: url.searchParams.get('fileName') ?? 'file.xlsx',
        rowCount: rows.length,
        errorCount: rows.filter((r) => r.errors.length).length,
        createdAt: t,
        committedAt: null,
        result: null,
        rows,
        committed: false,
      };
      const { rows: _r, committed: _c, ...plain } = batch;
      return json(plain, 201);
    }
    if ((m = /^\/imports\/([^/]+)(\/rows(?:\/(\d+))?|\/commit|\/report)?$/.exec(path))) {
      if (!batch || batch.id !== m[1]) return problem(404, 'not-found');
      const b0 = batch;
      const plain = () => ({
        id: b0.id,
        kind: b0.kind,
        mode: b0.mode,
        status: b0.status,
        fileName: b0.fileName,
        rowCount: b0.rows.length,
        errorCount: b0.rows.filter((r) => r.errors.length).length,
        createdAt: b0.createdAt,
        committedAt: b0.committedAt,
        result: b0.result,
      });
      if (m[2] === '/rows')
        return json({
          items: b0.rows.filter((r) => url.searchParams.get('errors') !== 'only' || r.errors.length),
          nextCursor: null,
        });
      if (m[3]) {
        const row = b0.rows.find((r) => r.rowNo === Number(m![3]))!;
        row.data = { ...row.data, ...b.data };
        row.errors = [];
        const d = row.data;
        if (!d.name) row.errors.push({ field: 'name', code: 'required', message: 'Required' });
        if (
          d.department &&
          !['总部', '总部/技术部', '总部/技术部/前端组', '总部/市场部', '总部/人事部', '总部/销售部'].includes(
            d.department,
          )
        )
          row.errors.push({
            field: 'department',
            code: 'unknown-department',
            message: `Unknown department ${d.department}`,
          });
        if (d.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email))
          row.errors.push({ field: 'email', code: 'invalid-email', message: 'Not an e-mail address' });
        if (d.phone && !/^(1[3-9]\d{9}|\+\d{8,15})$/.test(d.phone))
          row.errors.push({ field: 'phone', code: 'invalid-phone', message: 'Not a mainland mobile or E.164 number' });
        return json({ ...row, errorCount: b0.rows.filter((r) => r.errors.length).length });
      }
      if (m[2] === '/commit') {
        if (b0.committed) return problem(409, 'import-already-committed');
        if (b0.rows.some((r) => r.errors.length)) return problem(409, 'import-has-errors');
        b0.committed = true;
        b0.status = 'committed';
        b0.result = { added: b0.rows.length, updated: 0, skipped: 0 };
        return json(b0.result);
      }
      if (m[2] === '/report')
        return new Response(new Blob(['report']), {
          headers: { 'content-disposition': 'attachment; filename="import-report.xlsx"' },
        });
      if (method === 'PATCH') return ((b0.mode = b.mode), json(plain()));
      if (method === 'GET' && !m[2]) return json(plain());
      if (method === 'DELETE') return ((batch = null), new Response(null, { status: 204 }));
    }
    const reach = reachRoute(method, path, url);
    if (reach) return reach;
    // audit
    if (path === '/audit' && method === 'GET') {
      const action = url.searchParams.get('action');
      const targetType = url.searchParams.get('targetType');
      const actorId = url.searchParams.get('actorId');
      const targetId = url.searchParams.get('targetId');
      const found = audit.filter(
        (a) =>
          (!action || a.action.includes(action)) &&
          (!targetType || a.targetType === targetType) &&
          (!actorId || a.actorId === actorId) &&
          (!targetId || a.targetId === targetId),
      );
      return json(
        page(
          found.map(({ before: _b, after: _a, ...a }) => a),
          url,
          (a) => a.id,
        ),
      );
    }
    if (path === '/audit/export')
      return new Response(new Blob(['id,at\n']), {
        headers: { 'content-disposition': `attachment; filename="audit.${url.searchParams.get('format')}"` },
      });
    if ((m = /^\/audit\/([^/]+)$/.exec(path))) {
      const a = audit.find((x) => x.id === m![1]);
      return a ? json(a) : problem(404, 'not-found');
    }
    return undefined;
  }

  function nameOf(kind: string, targetId: string): string {
    return (
      (kind === 'member' ? members : kind === 'department' ? departments : contacts).find((x) => x.id === targetId)
        ?.name ?? targetId
    );
  }

  /** A fetch for `/api/v1/*`; anything it does not know falls through to `fallback`. */
  const fetchImpl =
    (fallback: typeof fetch = () => Promise.resolve(problem(404, 'not-found'))): typeof fetch =>
    async (input, init = {}) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href);
      const path = url.pathname.replace(/^.*\/api\/v1/, '');
      const method = (init.method ?? 'GET').toUpperCase();
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      let body: unknown;
      if (typeof init.body === 'string') body = JSON.parse(init.body);
      const answer = url.pathname.includes('/api/v1/') ? await handle(method, path, url, body) : undefined;
      return answer ?? fallback(input, init);
    };
  return {
    fetch: fetchImpl,
    notes,
    departments,
    members,
    positions,
    roles,
    contacts,
    groups,
    serviceGroups,
    settings,
    notify: notify.state,
    retention: retention.state,
    get batch() {
      return batch;
    },
  };
}
