// An in-memory mailbox answering the inbox's routes (docs/api.md "Inbox") for stories, tests and the scroll bench;
// never part of the bundle. The live stream is a real event stream the test pushes into with `emit`.
import type { Permission } from '@herald/client';
import type { BatchInput, MailboxFilter, MailboxState, Message, SentEntry, Tag } from '../api/types.js';
import { summaryOf } from '../state/summary.js';
import { json, problemResponse as problem } from '@herald/client/test-helpers';

export interface MockInboxOptions {
  /** How many entries the mailbox holds (default 30). */
  count?: number;
  permissions?: Permission[];
  tags?: Tag[];
  /** Every `GET /mailbox` fails with this problem code (e.g. `internal`). */
  listError?: string;
  /** `GET /mailbox` never answers (a story frozen while loading). */
  neverAnswer?: boolean;
  /** `POST /mailbox/batch` answers this problem. */
  batchError?: { status: number; code: string; extra?: object };
  latencyMs?: number;
  /** Answer pages of this many entries whatever `limit` asks (the scroll bench loads 10,000 rows in one page). */
  pageLimit?: number;
  /** Entries without a fixed seed time use this as "now". */
  now?: number;
  /** Signed in as an external contact through a portal token (the customer portal: no organisation tags to manage). */
  asContact?: boolean;
  /** Issue 19 #3: the indexes of the entries whose message mentions the signed-in member. */
  mentioned?: number[];
  /** Other routes (e.g. the knowledge space's, issue 19 #7), asked before the final 404. */
  extra?: (method: string, path: string, url: URL, body: any) => Response | undefined;
}

export const MEMBER: Permission[] = ['message.send.internal'];
export const MANAGER: Permission[] = ['message.send.internal', 'message.manage'];

export const DEMO_TAGS: Tag[] = [
  {
    id: 't-proj',
    parentId: null,
    name: 'Projects',
    color: 'blue',
    scope: 'organisation',
    position: 0,
    count: 2,
    unread: 1,
  },
  {
    id: 't-apollo',
    parentId: 't-proj',
    name: 'Apollo',
    color: 'green',
    scope: 'organisation',
    position: 0,
    count: 3,
    unread: 1,
  },
  {
    id: 't-apollo-fe',
    parentId: 't-apollo',
    name: '前端',
    color: 'teal',
    scope: 'organisation',
    position: 0,
    count: 1,
    unread: 0,
  },
  { id: 't-hr', parentId: null, name: 'HR', color: 'purple', scope: 'organisation', position: 1, count: 4, unread: 0 },
  {
    id: 't-me',
    parentId: null,
    name: 'Follow up',
    color: 'orange',
    scope: 'personal',
    position: 0,
    count: 2,
    unread: 2,
  },
];

const SENDERS = [
  { kind: 'member' as const, id: 'm-E1001', name: '张三' },
  { kind: 'member' as const, id: 'm-E1004', name: 'Alice Chen' },
  { kind: 'member' as const, id: 'm-E1007', name: 'Bob Li' },
  { kind: 'contact' as const, id: 'c1', name: '陈经理' },
];
/** `GET /directory` items (issue 20 #8: `from:`/`to:` suggestions). */
const MOCK_DIRECTORY = [
  ...SENDERS.filter((p) => p.kind === 'member').map((p) => ({
    ...p,
    detail: `${p.id.slice(2)} · 技术部`,
    memberCount: null,
    memberCountWithSubdepartments: null,
  })),
  { kind: 'department', id: 'd-sales', name: '销售部', detail: '', memberCount: 8, memberCountWithSubdepartments: 8 },
];
const SUBJECTS = [
  'Quarterly report',
  '系统维护通知',
  'Lunch on Friday',
  '安全培训',
  'Budget review',
  'New hire onboarding',
  '年会安排',
  'Server migration',
];

export function makeMessage(i: number, at: number, patch: Partial<Message> = {}): Message {
  const sender = SENDERS[i % SENDERS.length]!;
  const priority = i % 17 === 3 ? 'urgent' : i % 7 === 2 ? 'high' : 'normal';
  return {
    id: `msg${i}`,
    threadId: `msg${i}`,
    parentId: null,
    kind: sender.kind === 'contact' ? 'external' : priority === 'urgent' ? 'urgent' : 'internal',
    priority,
    subject: `${SUBJECTS[i % SUBJECTS.length]} #${i}`,
    body: { type: 'doc', content: [] },
    links: [],
    sender,
    audience: [{ kind: 'department', targetId: 'd2', label: '技术部', includeSubdepartments: true, count: 10 }],
    attachments: i % 5 === 0 ? [{ id: `a${i}`, name: 'plan.pdf', size: 1024, contentType: 'application/pdf' }] : [],
    receiptRequired: i % 6 === 1,
    expiresAt: null,
    expiresInMinutes: null,
    dueAt: i % 9 === 4 ? at + 3 * 86_400_000 : null,
    status: 'sent',
    recipientCount: 10,
    deliveredAt: at,
    revision: 1,
    editedAt: null,
    recalledAt: i % 23 === 11 ? at + 60_000 : null,
    deletedAt: null,
    purgedAt: null,
    createdAt: at,
    expired: i % 29 === 13,
    mine: null,
    can: { edit: false, recall: false, delete: false, reply: true, viewRevisions: false, viewRecipients: false },
    ...patch,
  } as Message;
}

/** An entry as the mock keeps it: the whole message (for `GET /messages/{id}`); the list answers its summary. */
export type StoredEntry = { message: Message; state: MailboxState };

export function createMockInbox(options: MockInboxOptions = {}) {
  const now = options.now ?? Date.UTC(2026, 10, 24, 9, 0);
  const tags: Tag[] = structuredClone(options.tags ?? DEMO_TAGS);
  let seq = 0;
  const entries: StoredEntry[] = [];
  const count = options.count ?? 30;
  for (let i = 0; i < count; i++) {
    const at = now - i * 37 * 60_000;
    const message = makeMessage(i, at);
    const state: MailboxState = {
      deliveredAt: at,
      readAt: i % 3 === 0 ? null : at + 1000,
      confirmedAt: null,
      progress: null,
      progressNote: null,
      progressAt: null,
      archivedAt: i % 11 === 10 ? at + 2000 : null,
      deletedAt: null,
      starredAt: null,
      snoozedUntil: null,
      mentioned: options.mentioned?.includes(i) ?? false,
      tagIds: i % 4 === 0 ? ['t-apollo'] : i % 4 === 1 ? ['t-me'] : [],
      pinned: false,
      needsConfirmation: false,
    };
    entries.push({ message, state });
  }
  const sent: SentEntry[] = Array.from({ length: Math.min(count, 12) }, (_, i) => ({
    message: makeMessage(1000 + i, now - i * 3_600_000, {
      sender: { kind: 'member', id: 'm-me', name: 'Ada Chen' },
      receiptRequired: i % 2 === 0,
    }),
    counts: { total: 10, read: (i * 3) % 11, confirmed: i % 2 === 0 ? i % 5 : 0 },
    state: { archivedAt: null, starredAt: null, tagIds: [] },
  }));
  /** Issue 19 #9: the sender's actions on what they sent (server: mailbox/sent-state.ts). */
  const SENT_ACTIONS = ['archive', 'unarchive', 'star', 'unstar', 'tag', 'untag'];
  const calls: Array<{ method: string; path: string; query: URLSearchParams; body?: any }> = [];
  const exports: Array<{ body: any }> = [];
  let live: ReadableStreamDefaultController<Uint8Array> | undefined;
  const encoder = new TextEncoder();
  let eventId = 0;

  const needsConfirmation = (e: StoredEntry) =>
    e.message.receiptRequired && !e.state.confirmedAt && !e.message.recalledAt && !e.message.expired;
  const stateOf = (e: StoredEntry): MailboxState => ({
    ...e.state,
    needsConfirmation: needsConfirmation(e),
    tagIds: [...(e.state.tagIds ?? [])],
  });
  const descendants = (id: string): string[] => [
    id,
    ...tags.filter((t) => t.parentId === id).flatMap((t) => descendants(t.id)),
  ];

  function matches(e: StoredEntry, f: MailboxFilter): boolean {
    const view = f.view ?? 'inbox';
    const s = e.state;
    if (view === 'trash' ? !s.deletedAt : s.deletedAt) return false;
    if (view === 'inbox' && s.archivedAt) return false;
    if (view === 'archived' && (!s.archivedAt || s.snoozedUntil)) return false;
    if (view === 'snoozed' && !s.snoozedUntil) return false;
    if (f.starred && !s.starredAt) return false;
    if (f.mentioned && !s.mentioned) return false;
    if (f.tagId) {
      const wanted = f.subtags === false ? [f.tagId] : descendants(f.tagId);
      if (!(s.tagIds ?? []).some((t) => wanted.includes(t))) return false;
    }
    if (f.unread && s.readAt) return false;
    if (f.priority && e.message.priority !== f.priority) return false;
    if (f.needsConfirmation && !needsConfirmation(e)) return false;
    if (f.hasAttachments && !e.message.attachments.length) return false;
    if (f.senderId && e.message.sender.id !== f.senderId) return false;
    if (f.from !== undefined && s.deliveredAt < f.from) return false;
    if (f.to !== undefined && s.deliveredAt >= f.to) return false;
    if (f.q && !e.message.subject.toLowerCase().includes(f.q.toLowerCase())) return false;
    return true;
  }

  const parseFilter = (q: URLSearchParams): MailboxFilter => {
    const f: MailboxFilter = {};
    const str = (k: string) => q.get(k) ?? undefined;
    f.view = (str('view') as MailboxFilter['view']) ?? 'inbox';
    f.tagId = str('tagId');
    if (q.get('subtags') === 'false') f.subtags = false;
    if (q.get('unread') === 'true') f.unread = true;
    if (q.get('starred') === 'true') f.starred = true;
    if (q.get('mentioned') === 'true') f.mentioned = true;
    f.priority = str('priority') as MailboxFilter['priority'];
    if (q.get('needsConfirmation') === 'true') f.needsConfirmation = true;
    if (q.get('hasAttachments') === 'true') f.hasAttachments = true;
    f.senderId = str('senderId');
    if (q.has('from')) f.from = Number(q.get('from'));
    if (q.has('to')) f.to = Number(q.get('to'));
    f.q = str('q');
    return f;
  };

  const matching = (f: MailboxFilter) =>
    entries
      .filter((e) => matches(e, f))
      // The server's order: newest first, then by id (mailbox/query.ts).
      .sort(
        (a, b) =>
          b.state.deliveredAt - a.state.deliveredAt ||
          (b.message.id < a.message.id ? -1 : b.message.id > a.message.id ? 1 : 0),
      );

  function applyBatch(input: BatchInput): Response {
    const sentTargets =
      'messageIds' in input && SENT_ACTIONS.includes(input.action)
        ? sent.filter((s) => input.messageIds.includes(s.message.id))
        : [];
    const targets =
      'filter' in input
        ? matching(input.filter)
        : input.messageIds
            .filter((id) => !sentTargets.some((s) => s.message.id === id))
            .map((id) => entries.find((e) => e.message.id === id));
    if ('messageIds' in input) {
      const missing = targets.findIndex((t) => !t);
      if (missing >= 0)
        return problem(400, 'validation', {
          errors: [{ path: `messageIds.${missing}`, code: 'not-in-mailbox', message: 'Not in your mailbox' }],
        });
    }
    if (targets.length > 1000) return problem(422, 'batch-too-large', { count: targets.length });
    let changed = 0;
    const t = Date.now();
    for (const e of targets as StoredEntry[]) {
      const s = e.state;
      const before = JSON.stringify(s);
      switch (input.action) {
        case 'read':
          s.readAt ??= t;
          break;
        case 'unread':
          s.readAt = null;
          break;
        case 'archive':
          s.archivedAt ??= t;
          break;
        case 'unarchive':
          s.archivedAt = null;
          break;
        case 'delete':
          s.deletedAt ??= t;
          break;
        case 'restore':
          s.deletedAt = null;
          break;
        case 'tag':
          s.tagIds = [...new Set([...(s.tagIds ?? []), input.tagId!])];
          break;
        case 'untag':
          s.tagIds = (s.tagIds ?? []).filter((x) => x !== input.tagId);
          break;
        case 'star':
          s.starredAt ??= t;
          break;
        case 'unstar':
          s.starredAt = null;
          break;
      }
      if (JSON.stringify(s) !== before) changed++;
    }
    for (const { state: s } of sentTargets) {
      const before = JSON.stringify(s);
      if (input.action === 'archive' || input.action === 'unarchive')
        s.archivedAt = input.action === 'archive' ? (s.archivedAt ?? t) : null;
      if (input.action === 'star' || input.action === 'unstar')
        s.starredAt = input.action === 'star' ? (s.starredAt ?? t) : null;
      if (input.action === 'tag') s.tagIds = [...new Set([...s.tagIds, input.tagId!])];
      if (input.action === 'untag') s.tagIds = s.tagIds.filter((x) => x !== input.tagId);
      if (JSON.stringify(s) !== before) changed++;
    }
    return json({ action: input.action, matched: targets.length + sentTargets.length, changed });
  }

  const unreadCount = () => {
    const inbox = entries.filter((e) => matches(e, { view: 'inbox' }) && !e.state.readAt && !e.message.expired);
    return {
      unread: inbox.length,
      urgent: inbox.filter((e) => e.message.priority === 'urgent').length,
      mentions: inbox.filter((e) => e.state.mentioned).length,
    };
  };

  async function handle(method: string, path: string, url: URL, body: any): Promise<Response | undefined> {
    calls.push({ method, path, query: url.searchParams, body });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/me' && options.asContact) {
      return json({
        subject: {
          kind: 'contact',
          id: 'c-me',
          name: '陈经理',
          email: 'chen@customer.example',
          company: '甲公司',
          locale: null,
        },
        permissions: [],
        mustChangePassword: false,
        via: 'embed',
      });
    }
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
        permissions: options.permissions ?? MEMBER,
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: 'session',
      });
    }
    if (path === '/live') return undefined;
    if (method === 'GET' && path === '/mailbox') {
      if (options.neverAnswer) return new Promise<Response>(() => undefined);
      if (options.listError) return problem(500, options.listError);
      const f = parseFilter(url.searchParams);
      const limit = options.pageLimit ?? Number(url.searchParams.get('limit') ?? 50);
      const cursor = url.searchParams.get('cursor');
      const all = matching(f);
      const start = cursor ? Number(cursor) : 0;
      const page = all.slice(start, start + limit);
      const first = !cursor;
      const plain =
        Object.keys(f).every((k) => k === 'view' || f[k as keyof MailboxFilter] === undefined) &&
        (f.view ?? 'inbox') === 'inbox';
      return json({
        items: page.map((e) => ({ message: summaryOf(e.message), state: stateOf(e) })),
        nextCursor: start + limit < all.length ? String(start + limit) : null,
        ...(first
          ? {
              total: all.length,
              pinned: plain
                ? all
                    .filter((e) => e.message.priority === 'urgent' && (!e.state.readAt || needsConfirmation(e)))
                    .slice(0, 20)
                    .map((e) => ({ message: summaryOf(e.message), state: stateOf(e) }))
                : [],
            }
          : {}),
      });
    }
    if (method === 'GET' && path === '/mailbox/unread-count') return json(unreadCount());
    if (method === 'GET' && path === '/sent') {
      const q = url.searchParams.get('q')?.toLowerCase();
      const archived = url.searchParams.get('archived') === 'true';
      const tagId = url.searchParams.get('tagId');
      const items = sent.filter(
        (s) =>
          (!q || s.message.subject.toLowerCase().includes(q)) &&
          !!s.state.archivedAt === archived &&
          (!tagId || s.state.tagIds.includes(tagId)),
      );
      return json({ items, nextCursor: null });
    }
    if (method === 'POST' && path === '/mailbox/batch') {
      if (options.batchError)
        return problem(options.batchError.status, options.batchError.code, options.batchError.extra);
      return applyBatch(body);
    }
    if (method === 'POST' && path === '/mailbox/export') {
      exports.push({ body });
      return new Response(new Blob(['PK fake xlsx']), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': 'attachment; filename="mailbox.xlsx"',
        },
      });
    }
    // Issue 20 #8: the directory the search suggestions ask for `from:`/`to:` (staff only, as the server's).
    if (method === 'GET' && path === '/directory') {
      if (options.asContact) return problem(403, 'forbidden');
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const kinds = (url.searchParams.get('kinds') ?? '').split(',');
      const items = MOCK_DIRECTORY.filter(
        (p) => kinds.includes(p.kind) && (p.name.toLowerCase().includes(q) || p.detail.toLowerCase().includes(q)),
      );
      return json({ items });
    }
    if (method === 'GET' && path === '/tags') {
      return json({ items: tags });
    }
    if (method === 'POST' && path === '/tags') {
      if (tags.some((t) => t.scope === body.scope && t.parentId === (body.parentId ?? null) && t.name === body.name))
        return problem(409, 'conflict', { errors: [{ path: 'name', code: 'duplicate', message: 'taken' }] });
      const tag: Tag = {
        id: `t${++seq}`,
        parentId: body.parentId ?? null,
        name: body.name,
        color: body.color ?? null,
        scope: body.scope,
        position: 99,
        count: 0,
        unread: 0,
      };
      tags.push(tag);
      return json(tag, 201);
    }
    if ((m = /^\/tags\/([^/]+)$/.exec(path))) {
      const tag = tags.find((t) => t.id === m![1]);
      if (!tag) return problem(404, 'not-found');
      if (method === 'PATCH') return (Object.assign(tag, body), json(tag));
      if (method === 'DELETE') {
        const gone = new Set(descendants(tag.id));
        for (let i = tags.length - 1; i >= 0; i--) if (gone.has(tags[i]!.id)) tags.splice(i, 1);
        return new Response(null, { status: 204 });
      }
    }
    if ((m = /^\/messages\/([^/]+)$/.exec(path)) && method === 'GET') {
      const e = entries.find((x) => x.message.id === m![1]);
      return e ? json({ ...e.message, mine: stateOf(e) }) : problem(404, 'not-found');
    }
    return options.extra?.(method, path, url, body) ?? problem(404, 'not-found');
  }

  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const path = url.pathname.replace(/^.*\/api\/v1/, '');
    const answer = await handle(method, path, url, body);
    if (answer) return answer;
    const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (live = controller) });
    (init.signal as AbortSignal | undefined)?.addEventListener('abort', () => {
      try {
        live?.close();
      } catch {
        /* already closed */
      }
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };

  return {
    fetch: fetchImpl,
    entries,
    sent,
    tags,
    calls,
    exports,
    unreadCount,
    /** Sends a live event to the client (as the server would). */
    emit(type: string, data: unknown) {
      live?.enqueue(encoder.encode(`id: ${++eventId}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    get liveOpen() {
      return !!live;
    },
    /** A new message arrives, newest first. */
    deliver(patch: Partial<Message> = {}): StoredEntry {
      const at = Date.now();
      const i = 5000 + ++seq;
      const entry: StoredEntry = {
        message: makeMessage(i, at, {
          subject: `New arrival ${seq}`,
          priority: 'normal',
          recalledAt: null,
          expired: false,
          ...patch,
        }),
        state: {
          deliveredAt: at,
          readAt: null,
          confirmedAt: null,
          progress: null,
          progressNote: null,
          progressAt: null,
          archivedAt: null,
          deletedAt: null,
          starredAt: null,
          snoozedUntil: null,
          mentioned: false,
          tagIds: [],
          pinned: false,
          needsConfirmation: false,
        },
      };
      entries.unshift(entry);
      return entry;
    },
  };
}

export type MockInbox = ReturnType<typeof createMockInbox>;
