// An in-memory back end for <herald-message-view> stories and stubbed tests (docs/api.md "Messages", "The sender's
// view"); never part of the bundle. It keeps messages, the caller's mailbox copies, receipts and attachments, and
// can push live events into the client's stream.
import { fakeUploadXhr } from '@herald/client/testing/fake-upload';
import type { ContactLink, RecipientRow, ViewedMessage } from '../../api/message-types.js';
import { json, problemResponse as problem } from '@herald/client/test-helpers';

export const ME = { id: 'm-me', name: 'Ada Chen' };
export const BOSS = { id: 'm-boss', name: '王经理' };
const T0 = Date.UTC(2026, 10, 24, 9, 0);

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** A message as `GET /messages/{id}` answers it; by default one the caller received from BOSS. */
export function makeMessage(overrides: Partial<ViewedMessage> = {}): ViewedMessage {
  const id = overrides.id ?? 'msg1';
  return {
    id,
    threadId: id,
    parentId: null,
    kind: 'internal',
    priority: 'normal',
    subject: 'Quarterly safety drill',
    body: doc('The drill starts on Friday at 10:00.', 'Please meet in the lobby.'),
    links: [],
    sender: { kind: 'member', ...BOSS },
    audience: [{ kind: 'department', targetId: 'd2', label: '技术部', includeSubdepartments: true, count: 12 }],
    attachments: [],
    receiptRequired: false,
    expiresAt: null,
    expiresInMinutes: null,
    dueAt: null,
    status: 'sent',
    recipientCount: 12,
    deliveredAt: T0,
    revision: 1,
    editedAt: null,
    recalledAt: null,
    deletedAt: null,
    purgedAt: null,
    createdAt: T0,
    expired: false,
    mine: {
      deliveredAt: T0,
      readAt: null,
      confirmedAt: null,
      progress: null,
      progressNote: null,
      progressAt: null,
      archivedAt: null,
      deletedAt: null,
      tagIds: [],
      pinned: false,
      needsConfirmation: false,
    },
    can: { edit: false, recall: false, delete: false, reply: true, viewRevisions: false, viewRecipients: false },
    ...overrides,
  } as ViewedMessage;
}

/** The same message as its sender (the caller) sees it. */
export function sentByMe(overrides: Partial<ViewedMessage> = {}): ViewedMessage {
  return makeMessage({
    sender: { kind: 'member', ...ME },
    mine: null,
    can: { edit: true, recall: true, delete: true, reply: true, viewRevisions: true, viewRecipients: true },
    ...overrides,
  });
}

export const PEOPLE: RecipientRow[] = Array.from({ length: 7 }, (_, i) => ({
  kind: 'member' as const,
  id: `m-${i}`,
  name: ['张三', '李四', 'Alice Chen', 'Bob Li', '赵六', '孙七', 'Carol Wu'][i]!,
  detail: `E10${i}0 · 技术部`,
  readAt: i < 4 ? T0 + i * 60_000 : null,
  confirmedAt: i < 2 ? T0 + i * 90_000 : null,
  progress: i < 2 ? 'done' : i < 4 ? 'in-progress' : null,
  progressNote: i === 2 ? '等待供应商回复' : null,
  progressAt: i < 4 ? T0 : null,
  // A normal-priority message: no channel notifies anyone (see NOTIFIED for an urgent one).
  notifications: [],
}));

/** Where each of PEOPLE belongs, for the reach charts (issue 24): the first four in 技术部, the rest in 市场部. */
export const DEPARTMENTS = [
  { key: 'd-tech', name: '技术部' },
  { key: 'd-market', name: '市场部' },
] as const;
const departmentOf = (r: RecipientRow) => (PEOPLE.findIndex((p) => p.id === r.id) < 4 ? 'd-tech' : 'd-market');

type Notification = RecipientRow['notifications'][number];
const note = (
  channel: Notification['channel'],
  status: Notification['status'],
  more: Partial<Notification> = {},
): Notification => ({
  channel,
  round: 0,
  status,
  attempts: status === 'sent' || status === 'dead' ? 1 : 0,
  sentAt: status === 'sent' ? T0 + 30_000 : null,
  reason: null,
  ...more,
});

/**
 * PEOPLE as recipients of an urgent message (R9): per channel the latest round's notification, in every state —
 * sent (one after a reminder), retrying, failed, no address, no longer needed, and one person without any.
 */
export const NOTIFIED: RecipientRow[] = PEOPLE.map((p, i) => ({
  ...p,
  notifications: [
    [note('email', 'sent'), note('sms', 'cancelled', { round: 1, reason: 'confirmed' })],
    [note('email', 'sent'), note('webhook', 'sent')],
    [note('email', 'sent', { round: 2, sentAt: T0 + 600_000 }), note('sms', 'dead', { attempts: 1 })],
    [note('email', 'dead', { attempts: 8 }), note('sms', 'skipped', { reason: 'no-phone' })],
    [note('email', 'pending', { attempts: 2 }), note('webhook', 'sending', { attempts: 1 })],
    [note('email', 'skipped', { reason: 'no-email' }), note('sms', 'sent', { round: 1, sentAt: T0 + 300_000 })],
    [],
  ][i]!,
}));

export const PNG_1PX = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export interface MockOptions {
  messages: ViewedMessage[];
  /** Thread items by thread id (default: each message alone). */
  threads?: Record<string, ViewedMessage[]>;
  recipients?: RecipientRow[];
  revisions?: Array<{ revision: number; subject: string; body: unknown; createdAt: number }>;
  /** Page size of `GET /recipients` (to show "load more"). */
  pageSize?: number;
  /** `POST /remind` answers `409 remind-too-soon` with this retryAfter. */
  remindTooSoon?: number;
  /** `POST /recall` answers `409 recall-window-passed`. */
  recallWindowPassed?: boolean;
  /** `GET /messages/{id}` answers this error status. */
  failWith?: number;
  latencyMs?: number;
  /** Never answer `GET /messages/{id}` (the loading state). */
  hang?: boolean;
  uploadMs?: number;
  /**
   * `POST /messages/{id}/replies` answers once this settles (a reply under way). A rejection is a network error after
   * the reply was stored (its answer lost); a key sent again with another body is refused, as the server does.
   */
  replyGate?: () => Promise<void>;
  /** What `GET /me` says the member may do (default: send internal messages). */
  permissions?: string[];
  /** Other routes (e.g. the knowledge space's, issue 19 #7), asked before the final 404. */
  extra?: (method: string, path: string, url: URL, body: any) => Response | undefined;
  /** Issue 19 item 4: `GET /contact-links` of every message (revoking marks them revoked). */
  contactLinks?: ContactLink[];
}

/** A message of mine to two contacts without portal access, and the links they were e-mailed (issue 19 item 4). */
export const toContacts = (overrides: Partial<ViewedMessage> = {}) =>
  sentByMe({
    kind: 'external',
    audience: [
      { kind: 'contact', targetId: 'c-liu', label: '刘总', includeSubdepartments: false, count: 1 },
      { kind: 'contact', targetId: 'c-wu', label: 'Wu Ming', includeSubdepartments: false, count: 1 },
    ],
    ...overrides,
  });
export const CONTACT_LINKS: ContactLink[] = [
  {
    id: 'l-3',
    messageId: 'msg1-reply',
    contactId: 'c-liu',
    contactName: '刘总',
    createdAt: T0 + 90_000,
    expiresAt: T0 + 3 * 86_400_000,
    openedAt: null,
    revokedAt: null,
    state: 'unopened',
  },
  {
    id: 'l-2',
    messageId: 'msg1',
    contactId: 'c-liu',
    contactName: '刘总',
    createdAt: T0 + 60_000,
    expiresAt: T0 + 3 * 86_400_000,
    openedAt: T0 + 120_000,
    revokedAt: null,
    state: 'open',
  },
  {
    id: 'l-1',
    messageId: 'msg1',
    contactId: 'c-wu',
    contactName: 'Wu Ming',
    createdAt: T0,
    expiresAt: T0 + 3 * 86_400_000,
    openedAt: null,
    revokedAt: T0 + 30_000,
    state: 'revoked',
  },
];

export function createMockMessageView(options: MockOptions) {
  const messages = new Map(options.messages.map((m) => [m.id, structuredClone(m)]));
  const recipients = structuredClone(options.recipients ?? PEOPLE);
  const links = structuredClone(options.contactLinks ?? []);
  const calls: Array<{ method: string; path: string; url: string; body?: any; headers: Headers }> = [];
  const replies: Array<{ key: string | null; body: any }> = [];
  let seq = 0;
  const encoder = new TextEncoder();
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const me = () => ME;

  const view = (m: ViewedMessage): ViewedMessage => {
    const mineSender = m.sender.id === ME.id;
    const closed =
      !mineSender && (m.recalledAt !== null || m.expired || (m.expiresAt !== null && m.expiresAt <= Date.now()));
    const expired = m.expired || (m.expiresAt !== null && m.expiresAt <= Date.now());
    return closed
      ? { ...m, expired, subject: m.recalledAt ? '' : m.subject, body: { type: 'doc', content: [] }, attachments: [] }
      : { ...m, expired };
  };
  const threadOf = (m: ViewedMessage) =>
    (options.threads?.[m.threadId] ?? [messages.get(m.threadId) ?? m]).map((t) => view(messages.get(t.id) ?? t));
  const counts = () => ({
    total: recipients.length,
    read: recipients.filter((r) => r.readAt).length,
    unread: recipients.filter((r) => !r.readAt).length,
    confirmed: recipients.filter((r) => r.confirmedAt).length,
    unconfirmed: recipients.filter((r) => !r.confirmedAt).length,
    progress: {
      'not-started': recipients.filter((r) => !r.progress || r.progress === 'not-started').length,
      'in-progress': recipients.filter((r) => r.progress === 'in-progress').length,
      done: recipients.filter((r) => r.progress === 'done').length,
    },
  });

  async function handle(
    method: string,
    path: string,
    url: URL,
    body: any,
    headers: Headers,
  ): Promise<Response | undefined> {
    calls.push({ method, path, url: url.href, body, headers });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/me') {
      return json({
        subject: {
          kind: 'member',
          id: me().id,
          employeeNo: 'E0001',
          name: me().name,
          email: 'ada@example.com',
          locale: null,
        },
        permissions: options.permissions ?? ['message.send.internal'],
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: 'session',
      });
    }
    if (path === '/live') return undefined;
    if ((m = /^\/messages\/([^/]+)(\/[a-z/-]+)?$/.exec(path))) {
      const msg = messages.get(decodeURIComponent(m[1]!));
      const sub = m[2] ?? '';
      if (!msg) return problem(404, 'not-found');
      if (method === 'GET' && sub === '') {
        if (options.hang) return new Promise(() => undefined);
        if (options.failWith) return problem(options.failWith, options.failWith === 404 ? 'not-found' : 'internal');
        return msg.deletedAt && msg.sender.id !== ME.id ? problem(404, 'not-found') : json(view(msg));
      }
      if (method === 'GET' && sub === '/thread') return json({ items: threadOf(msg) });
      if (method === 'GET' && sub === '/revisions') {
        return json({
          items: options.revisions ?? [
            { revision: 1, subject: 'Drill on Thursday', body: doc('The drill starts on Thursday.'), createdAt: T0 },
            { revision: msg.revision, subject: msg.subject, body: msg.body, createdAt: msg.editedAt ?? T0 },
          ],
        });
      }
      if (method === 'GET' && sub === '/reach') {
        const at = (v: number | null) => (v === null ? null : v - T0);
        const points = [0, 60_000, 120_000, 180_000, 240_000].map((x) => ({
          at: x,
          read: recipients.filter((r) => r.readAt !== null && at(r.readAt)! <= x).length,
          confirmed: recipients.filter((r) => r.confirmedAt !== null && at(r.confirmedAt)! <= x).length,
        }));
        const c = counts();
        return json({
          messageId: msg.id,
          deliveredAt: T0,
          receiptRequired: msg.receiptRequired,
          task: msg.dueAt !== null,
          counts: c,
          timeline: { step: 60_000, points },
          departments: DEPARTMENTS.map((d) => {
            const mine = recipients.filter((r) => departmentOf(r) === d.key);
            return {
              key: d.key,
              kind: 'department',
              name: d.name,
              total: mine.length,
              read: mine.filter((r) => r.readAt).length,
              confirmed: mine.filter((r) => r.confirmedAt).length,
            };
          }),
        });
      }
      if (method === 'GET' && sub === '/recipients') {
        const state = url.searchParams.get('state');
        const department = url.searchParams.get('department');
        const list = recipients.filter(
          (r) =>
            (!department || departmentOf(r) === department) &&
            (!state ||
              (state === 'read'
                ? r.readAt
                : state === 'unread'
                  ? !r.readAt
                  : state === 'confirmed'
                    ? r.confirmedAt
                    : !r.confirmedAt)),
        );
        const size = options.pageSize ?? 50;
        const from = Number(url.searchParams.get('cursor') ?? 0);
        return json({
          counts: counts(),
          items: list.slice(from, from + size),
          nextCursor: from + size < list.length ? String(from + size) : null,
        });
      }
      if (method === 'GET' && sub === '/recipients/export') {
        return new Response(new Blob(['PK-fake-xlsx']), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': 'attachment; filename="receipts.xlsx"; filename*=UTF-8\'\'%E5%9B%9E%E6%89%A7.xlsx',
          },
        });
      }
      if (method === 'GET' && sub === '/contact-links') return json({ items: links });
      if (method === 'POST' && sub === '/contact-links/revoke') {
        const hit = links.filter((l) => l.contactId === body.contactId && l.state !== 'revoked');
        for (const l of hit) Object.assign(l, { state: 'revoked', revokedAt: Date.now() });
        return json({ revoked: hit.length });
      }
      if (method === 'POST' && sub === '/remind') {
        if (options.remindTooSoon) return problem(409, 'remind-too-soon', { retryAfter: options.remindTooSoon });
        const who = recipients.filter((r) => !body.department || departmentOf(r) === body.department);
        return json({ reminded: who.filter((r) => (body.state === 'unread' ? !r.readAt : !r.confirmedAt)).length });
      }
      if (method === 'PATCH' && sub === '') {
        Object.assign(msg, { ...body, revision: msg.revision + 1, editedAt: Date.now() });
        return json(view(msg));
      }
      // Issue 20 #1: scheduled send.
      if (method === 'PUT' && sub === '/schedule') {
        msg.scheduledAt = body.scheduledAt;
        return json(view(msg));
      }
      if (method === 'POST' && sub === '/schedule/send-now') {
        Object.assign(msg, {
          status: 'sent',
          deliveredAt: Date.now(),
          recipientCount: 1,
          can: { ...msg.can, edit: false },
        });
        return json(view(msg));
      }
      if (method === 'DELETE' && sub === '/schedule') {
        Object.assign(msg, { status: 'withdrawn', can: { ...msg.can, edit: false } });
        return json(view(msg));
      }
      if (method === 'POST' && sub === '/recall') {
        if (options.recallWindowPassed) return problem(409, 'recall-window-passed');
        Object.assign(msg, { recalledAt: Date.now(), can: { ...msg.can, edit: false, recall: false, reply: false } });
        return json(view(msg));
      }
      if (method === 'DELETE' && sub === '') {
        msg.deletedAt = Date.now();
        return new Response(null, { status: 204 });
      }
      if (method === 'POST' && sub === '/replies') {
        const key = headers.get('idempotency-key');
        const earlier = replies.find((r) => r.key && r.key === key);
        if (earlier && JSON.stringify(earlier.body) !== JSON.stringify(body))
          return problem(422, 'idempotency-key-reused');
        replies.push({ key, body });
        const reply = makeMessage({
          id: `reply${++seq}`,
          threadId: msg.threadId,
          parentId: msg.id,
          subject: `Re: ${msg.subject}`,
          body: body.body,
          sender: { kind: 'member', ...ME },
          mine: null,
          deliveredAt: Date.now(),
          createdAt: Date.now(),
        });
        messages.set(reply.id, reply);
        if (options.threads?.[msg.threadId]) options.threads[msg.threadId]!.push(reply);
        else (options.threads ??= {})[msg.threadId] = [msg, reply];
        await options.replyGate?.();
        return json(reply, 201);
      }
    }
    if ((m = /^\/mailbox\/([^/]+)\/(read|confirm|progress)$/.exec(path))) {
      const msg = messages.get(decodeURIComponent(m[1]!));
      if (!msg?.mine) return problem(404, 'not-found');
      const now = Date.now();
      if (m[2] === 'read') msg.mine.readAt = method === 'POST' ? now : null;
      if (m[2] === 'confirm') msg.mine = { ...msg.mine, readAt: msg.mine.readAt ?? now, confirmedAt: now };
      if (m[2] === 'progress') msg.mine = { ...msg.mine, progress: body.progress, progressNote: body.note ?? null };
      return json(msg.mine);
    }
    if ((m = /^\/attachments\/([^/]+)$/.exec(path))) {
      if (method === 'DELETE') return new Response(null, { status: 204 });
      const all = [...messages.values()].flatMap((x) => x.attachments);
      const a = all.find((x) => x.id === decodeURIComponent(m![1]!));
      if (!a) return problem(404, 'not-found');
      const inline = url.searchParams.get('inline') === '1';
      const bytes = a.contentType.startsWith('image/') ? PNG_1PX : encoder.encode(`contents of ${a.name}`);
      return new Response(new Blob([bytes], { type: a.contentType }), {
        headers: {
          'content-type': a.contentType,
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.name)}`,
        },
      });
    }
    return options.extra?.(method, path, url, body) ?? problem(404, 'not-found');
  }

  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const answer = await handle(method, url.pathname.replace(/^.*\/api\/v1/, ''), url, body, new Headers(init.headers));
    if (answer) return answer;
    // The live stream: open; `emit` pushes events into it.
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => void streams.add((controller = c)),
      cancel: () => void streams.delete(controller),
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };

  /** `POST /attachments?name=` through a fake XMLHttpRequest: progress in four steps, then 201 Attachment. */
  const xhr = fakeUploadXhr({
    uploadMs: options.uploadMs ?? 80,
    onSend: (name, body, url) =>
      calls.push({
        method: 'POST',
        path: '/attachments',
        url,
        body: { name, size: body.size },
        headers: new Headers(),
      }),
    answer: (name, body) => ({
      status: 201,
      body: {
        id: `att-up${++seq}`,
        name,
        size: body.size,
        contentType: body.type || 'application/octet-stream',
        createdAt: T0,
      },
    }),
  });

  /** Pushes a live event to every open stream. */
  const emit = (type: string, data: unknown) => {
    const chunk = encoder.encode(`id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const c of streams) c.enqueue(chunk);
  };

  return {
    fetch: fetchImpl,
    xhr,
    calls,
    replies,
    messages,
    recipients,
    emit,
    get liveStreams() {
      return streams.size;
    },
  };
}
