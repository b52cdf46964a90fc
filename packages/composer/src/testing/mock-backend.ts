// An in-memory messaging back end answering the composer's routes (docs/api.md, "Messages") for stories and
// stubbed tests only; never part of the bundle. Uploads go through a fake XMLHttpRequest with simulated progress.
import { fakeUploadXhr } from '@herald/client/testing/fake-upload';
import type { Permission } from '@herald/client';
import type { Attachment, AudienceEntry, DirectoryItem, Draft, Message, SendInput } from '../api/types.js';
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import type { MessageTemplate } from '../api/types.js';

export interface MockMessagingOptions {
  permissions?: Permission[];
  /** Answer `POST /messages` with this validation problem (field errors). */
  sendErrors?: Array<{ path: string; code: string; message: string }>;
  /** `POST /messages` answers `pending-approval`. */
  approval?: boolean;
  /** Drafts present at start (newest first). */
  drafts?: Array<Draft<unknown>>;
  latencyMs?: number;
  /** How long one simulated upload takes; `Infinity` never finishes (a story frozen mid-upload). */
  uploadMs?: number;
  /** Files with these names are refused with 415 file-type-refused. */
  refuseNames?: string[];
  /** Templates present at start (issue 19); default: MOCK_TEMPLATES. */
  templates?: MessageTemplate[];
}

const doc = (...lines: string[]) => ({
  type: 'doc',
  content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const template = (over: Partial<MessageTemplate> & Pick<MessageTemplate, 'id' | 'name' | 'subject'>) =>
  ({
    scope: 'organisation',
    body: doc('{{name}}，您好：'),
    kind: 'internal',
    priority: 'normal',
    receiptRequired: false,
    expiresInMinutes: null,
    dueInMinutes: null,
    audience: [],
    departmentIds: [],
    createdAt: 0,
    updatedAt: 0,
    can: { edit: false, delete: false },
    ...over,
  }) as MessageTemplate;

/** Issue 20 #4: a message the signed-in member received, as `GET /messages/{id}` answers it, to forward. */
export const FORWARDABLE = {
  id: 'received1',
  threadId: 'received1',
  subject: '消防演练通知',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: '周五 10:00 演练，请在大厅集合。' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Bring your badge.' }] },
    ],
  },
  sender: { kind: 'member', id: 'm-wang', name: '王经理' },
  attachments: [{ id: 'f1', name: '路线图.pdf', size: 20480, contentType: 'application/pdf' }],
  deliveredAt: Date.UTC(2026, 10, 24, 9, 0),
  createdAt: Date.UTC(2026, 10, 24, 9, 0),
} as const;

/** Issue 19: the demo's templates, as `GET /templates` answers them (with a pinyin for the mock's search). */
export const MOCK_TEMPLATES: MessageTemplate[] = [
  template({
    id: 't1',
    name: '会议通知',
    subject: '会议通知：周例会',
    body: doc('{{name}}，您好：', '定于周五 10:00 在 3 楼会议室召开周例会。'),
    receiptRequired: true,
    dueInMinutes: 1440,
    audience: [{ kind: 'department', targetId: 'd2', includeSubdepartments: true, label: '技术部' }],
  }),
  template({
    id: 't2',
    name: 'Outage notice',
    subject: 'Planned outage: mail',
    priority: 'urgent',
    expiresInMinutes: 1440,
  }),
  template({ id: 't3', name: '我的周报', subject: '周报', scope: 'personal', can: { edit: true, delete: true } }),
];
const TEMPLATE_PINYIN: Record<string, string> = { t1: 'huiyitongzhi hytz', t3: 'wodezhoubao wdzb' };

export const SENDER: Permission[] = ['message.send.internal', 'message.send.external'];

export const DIRECTORY: DirectoryItem[] = [
  {
    kind: 'member',
    id: 'm-E1001',
    name: '张三',
    detail: 'E1001 · 技术部',
    memberCount: null,
    memberCountWithSubdepartments: null,
  },
  {
    kind: 'member',
    id: 'm-E1002',
    name: '李四',
    detail: 'E1002 · 前端组',
    memberCount: null,
    memberCountWithSubdepartments: null,
  },
  {
    kind: 'member',
    id: 'm-E1004',
    name: 'Alice Chen',
    detail: 'E1004 · 市场部',
    memberCount: null,
    memberCountWithSubdepartments: null,
  },
  {
    kind: 'member',
    id: 'm-E1007',
    name: 'Bob Li',
    detail: 'E1007 · 销售部',
    memberCount: null,
    memberCountWithSubdepartments: null,
  },
  {
    kind: 'department',
    id: 'd2',
    name: '技术部',
    detail: '总部/技术部',
    memberCount: 4,
    memberCountWithSubdepartments: 12,
  },
  {
    kind: 'department',
    id: 'd4',
    name: '市场部',
    detail: '总部/市场部',
    memberCount: 6,
    memberCountWithSubdepartments: 6,
  },
  { kind: 'group', id: 'gr1', name: '技术值班', detail: null, memberCount: 3, memberCountWithSubdepartments: null },
  {
    kind: 'contact',
    id: 'c1',
    name: '陈经理',
    detail: '华东贸易',
    memberCount: null,
    memberCountWithSubdepartments: null,
  },
];
const PINYIN: Record<string, string> = {
  'm-E1001': 'zhangsan zs',
  'm-E1002': 'lisi ls',
  d2: 'jishubu',
  d4: 'shichangbu',
  gr1: 'jishuzhiban',
};

export function createMockMessaging(options: MockMessagingOptions = {}) {
  let seq = 0;
  const t = Date.UTC(2026, 10, 24, 9, 0);
  const drafts: Array<Draft<unknown>> = [...(options.drafts ?? [])];
  const attachments = new Map<string, Attachment>();
  const sent: Array<{ key: string | null; body: SendInput; message: Message }> = [];
  const calls: Array<{ method: string; path: string; body?: unknown; headers: Headers }> = [];
  const templates: MessageTemplate[] = [...(options.templates ?? MOCK_TEMPLATES)];

  const countOf = (e: AudienceEntry) => {
    const item = DIRECTORY.find((d) => d.id === e.targetId);
    if (!item) return 0;
    if (item.kind === 'department')
      return (e.includeSubdepartments === false ? item.memberCount : item.memberCountWithSubdepartments) ?? 0;
    return item.kind === 'group' ? (item.memberCount ?? 0) : 1;
  };
  const audience = (list: AudienceEntry[]) => {
    const entries = list.map((e) => ({
      kind: e.kind,
      targetId: e.targetId,
      label: DIRECTORY.find((d) => d.id === e.targetId)?.name ?? '?',
      count: countOf(e),
    }));
    return { total: entries.reduce((n, e) => n + e.count, 0), entries };
  };

  async function handle(
    method: string,
    path: string,
    url: URL,
    body: any,
    headers: Headers,
  ): Promise<Response | undefined> {
    calls.push({ method, path, body, headers });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/me') {
      return json({
        subject: {
          kind: 'member',
          id: 'm-me',
          employeeNo: 'E0001',
          name: 'Ada Chen',
          email: 'ada@example.com',
          locale: null,
        },
        permissions: options.permissions ?? SENDER,
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: 'session',
      });
    }
    if (path === '/live') return undefined;
    if (method === 'GET' && path === '/settings/messaging') {
      return json({
        recallWindowMinutes: 1440,
        linkBlocklist: [],
        linkAllowlist: [],
        maxFileBytes: 50 * 1024 * 1024,
        maxMessageBytes: 200 * 1024 * 1024,
      });
    }
    if (method === 'GET' && path === '/directory') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const kinds = (url.searchParams.get('kinds') ?? 'member,department,group').split(',');
      const items = DIRECTORY.filter(
        (d) =>
          kinds.includes(d.kind) &&
          (q
            ? [d.name.toLowerCase(), d.detail?.toLowerCase() ?? '', PINYIN[d.id] ?? ''].some((s) => s.includes(q))
            : d.kind === 'department' || d.kind === 'group'),
      );
      return json({ items });
    }
    if (method === 'POST' && (path === '/messages/audience' || path === '/messages') && body.kind !== 'external') {
      const errors = (body.audience as AudienceEntry[]).flatMap((e, i) =>
        e.kind === 'contact'
          ? [
              {
                path: `audience.${i}.targetId`,
                code: 'contact-needs-external',
                message: 'Contacts need an external message',
              },
            ]
          : [],
      );
      if (errors.length) return problem(400, 'validation', { errors });
    }
    if (method === 'POST' && path === '/messages/audience') {
      // Issue 19 #3: 技术部 (d2) holds 张三; everyone else mentioned is reached only when picked.
      const list = body.audience as AudienceEntry[];
      const reached = (id: string) => list.some((e) => e.targetId === id || (e.targetId === 'd2' && id === 'm-E1001'));
      const unreachedMentions = ((body.mentions ?? []) as string[]).filter((id) => !reached(id));
      return json({ ...audience(list), unreachedMentions });
    }
    if (method === 'POST' && path === '/messages') {
      const key = headers.get('idempotency-key');
      const earlier = sent.find((s) => s.key && s.key === key);
      if (earlier)
        return JSON.stringify(earlier.body) === JSON.stringify(body)
          ? json(earlier.message, 200)
          : problem(422, 'idempotency-key-reused');
      if (options.sendErrors?.length) return problem(400, 'validation', { errors: options.sendErrors });
      const reach = audience(body.audience);
      if (!reach.total) return problem(400, 'no-recipients');
      const pending = !!options.approval;
      // Issue 20 #1: a time given: the message waits as `scheduled` (after approval, when one applies).
      const scheduledAt: number | null = body.scheduledAt ?? null;
      const waits = pending || scheduledAt !== null;
      const message = {
        id: `msg${++seq}`,
        threadId: `msg${seq}`,
        kind: body.kind,
        priority: body.priority,
        subject: body.subject,
        body: body.body,
        status: pending ? 'pending-approval' : scheduledAt !== null ? 'scheduled' : 'sent',
        scheduledAt,
        recipientCount: waits ? null : reach.total,
        deliveredAt: waits ? null : t,
        audience: reach.entries.map((e) => ({ ...e, includeSubdepartments: true })),
        attachments: body.attachmentIds.map((id: string) => attachments.get(id)!),
      } as Message;
      sent.push({ key, body, message });
      if (body.draftId) drafts.splice(drafts.findIndex((d) => d.id === body.draftId) >>> 0, 1);
      return json(message, 201);
    }
    // Issue 20 #4: the message a forward starts from, and the forward.
    if (method === 'GET' && (m = /^\/messages\/([^/]+)$/.exec(path))) {
      return m[1] === FORWARDABLE.id ? json(FORWARDABLE) : problem(404, 'not-found');
    }
    if (method === 'POST' && (m = /^\/messages\/([^/]+)\/forward$/.exec(path))) {
      if (m[1] !== FORWARDABLE.id) return problem(404, 'not-found');
      const reach = audience(body.audience);
      const message = {
        id: `msg${++seq}`,
        threadId: `msg${seq}`,
        kind: body.kind,
        subject: body.subject,
        status: options.approval ? 'pending-approval' : 'sent',
        recipientCount: options.approval ? null : reach.total,
        attachments: FORWARDABLE.attachments,
      } as unknown as Message;
      sent.push({ key: headers.get('idempotency-key'), body, message });
      return json(message, 201);
    }
    if (method === 'GET' && path === '/drafts')
      return json({ items: [...drafts].sort((a, b) => b.updatedAt - a.updatedAt) });
    if (method === 'POST' && path === '/drafts') {
      const draft = { id: `dr${++seq}`, data: body.data, createdAt: Date.now(), updatedAt: Date.now() };
      drafts.push(draft);
      return json(draft, 201);
    }
    if ((m = /^\/drafts\/([^/]+)$/.exec(path))) {
      const draft = drafts.find((d) => d.id === m![1]);
      if (!draft) return problem(404, 'not-found');
      if (method === 'PUT') return (Object.assign(draft, { data: body.data, updatedAt: Date.now() }), json(draft));
      if (method === 'DELETE') return (drafts.splice(drafts.indexOf(draft), 1), new Response(null, { status: 204 }));
    }
    if (method === 'GET' && path === '/templates') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const hit = (t: MessageTemplate) =>
        [t.name.toLowerCase(), t.subject.toLowerCase(), TEMPLATE_PINYIN[t.id] ?? ''].some((s) => s.includes(q));
      return json({ items: templates.filter(hit) });
    }
    if (method === 'POST' && path === '/templates') {
      if (body.scope === 'organisation' && !(options.permissions ?? SENDER).includes('message.manage'))
        return problem(403, 'forbidden');
      const saved = template({ ...body, id: `t${++seq}`, audience: [], can: { edit: true, delete: true } });
      templates.push(saved);
      return json(saved, 201);
    }
    if ((m = /^\/attachments\/([^/]+)$/.exec(path)) && method === 'DELETE') {
      return attachments.delete(m[1]!) ? new Response(null, { status: 204 }) : problem(404, 'not-found');
    }
    return problem(404, 'not-found');
  }

  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const answer = await handle(method, url.pathname.replace(/^.*\/api\/v1/, ''), url, body, new Headers(init.headers));
    // The live stream: an open, quiet event stream.
    return answer ?? new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } });
  };

  /**
   * `POST /attachments?name=` through a fake XMLHttpRequest: progress in steps, then 201 Attachment (or 415 for
   * `refuseNames`).
   */
  const xhr = fakeUploadXhr({
    uploadMs: options.uploadMs,
    onSend: (name, body) =>
      calls.push({ method: 'POST', path: '/attachments', body: { name, size: body.size }, headers: new Headers() }),
    answer: (name, body) => {
      if (options.refuseNames?.includes(name))
        return { status: 415, body: { code: 'file-type-refused', status: 415, title: 'refused' } };
      const attachment = {
        id: `att${++seq}`,
        name,
        size: body.size,
        contentType: body.type || 'application/octet-stream',
        createdAt: t,
      };
      attachments.set(attachment.id, attachment);
      return { status: 201, body: attachment };
    },
  });

  return { fetch: fetchImpl, xhr, drafts, attachments, sent, calls, templates };
}
