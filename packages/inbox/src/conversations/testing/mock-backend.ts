// An in-memory back end of the customer conversations (issue 19 #5) for stories and element tests; never bundled. It
// answers /me as a member or a contact, the queue with its filters, changes, targets and a new conversation, uploads
// through a fake XMLHttpRequest, and pushes live events into the client's stream.
import { fakeUploadXhr } from '@herald/client/testing/fake-upload';
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import type { Conversation } from '../api.js';

const T0 = Date.UTC(2026, 11, 1, 9, 0);
export const STAFF = { id: 'm-bob', name: 'Bob Li' };
export const HELPER = { id: 'm-zhou', name: '周八' };

export const conversation = (overrides: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  subject: '发票抬头有误',
  status: 'open',
  target: 'owner',
  group: null,
  contact: { id: 'k-chen', name: '陈经理', company: '华东贸易' },
  assignee: null,
  openedAt: T0,
  updatedAt: T0,
  can: { update: true },
  ...overrides,
});

export type MockOptions = {
  as?: 'member' | 'contact';
  items?: Conversation[];
  targets?: { owner: { name: string } | null; groups: Array<{ id: string; name: string }> };
  /** Time of one upload in ms (default 40); Infinity never finishes. */
  uploadMs?: number;
};

export function createMockConversations(options: MockOptions = {}) {
  const items = new Map((options.items ?? []).map((c) => [c.id, structuredClone(c)]));
  const calls: Array<{ method: string; path: string; url: URL; body?: any; headers?: Headers }> = [];
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  let seq = 0;
  const contact = options.as === 'contact';

  function handle(method: string, path: string, url: URL, body: any): Response | undefined {
    calls.push({ method, path, url, body });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/me')
      return json({
        subject: contact
          ? { kind: 'contact', id: 'k-chen', name: '陈经理', email: null, company: '华东贸易', locale: null }
          : { kind: 'member', id: STAFF.id, employeeNo: 'E1007', name: STAFF.name, email: null, locale: null },
        permissions: contact ? [] : ['message.send.external'],
        mustChangePassword: false,
        csrfToken: 'mock-csrf',
        via: contact ? 'embed' : 'session',
      });
    if (path === '/live') return undefined;
    if (method === 'DELETE' && path.startsWith('/attachments/')) return new Response(null, { status: 204 });
    if (method === 'GET' && path === '/conversations') {
      const status = url.searchParams.get('status');
      const assignee = url.searchParams.get('assignee');
      const list = [...items.values()]
        .filter((c) => !status || c.status === status)
        .filter(
          (c) =>
            !assignee ||
            (assignee === 'none' ? !c.assignee : c.assignee?.id === (assignee === 'me' ? STAFF.id : assignee)),
        )
        .sort((a, b) => b.updatedAt - a.updatedAt);
      return json({ items: list, nextCursor: null });
    }
    if (method === 'GET' && path === '/conversations/targets')
      return json(options.targets ?? { owner: { name: STAFF.name }, groups: [{ id: 'g-after', name: '售后服务组' }] });
    if (method === 'POST' && path === '/conversations') {
      if (!body?.subject?.trim()) return problem(400, 'validation');
      const made = conversation({
        id: `c-new${++seq}`,
        subject: body.subject,
        target: body.to,
        group: body.to === 'group' ? { id: body.groupId, name: '售后服务组' } : null,
        openedAt: Date.now(),
        updatedAt: Date.now(),
        can: { update: false },
      });
      items.set(made.id, made);
      return json(made, 201);
    }
    if ((m = /^\/conversations\/([^/]+)(\/assignees)?$/.exec(path))) {
      const c = items.get(decodeURIComponent(m[1]!));
      if (!c) return problem(404, 'not-found');
      if (method === 'GET' && m[2]) return json({ items: [STAFF, HELPER] });
      if (method === 'PATCH') {
        if (contact) return problem(403, 'forbidden');
        if (body.status) c.status = body.status;
        if (body.assigneeId !== undefined) c.assignee = [STAFF, HELPER].find((p) => p.id === body.assigneeId) ?? null;
        c.updatedAt = Date.now();
        return json(c);
      }
    }
    return problem(404, 'not-found');
  }

  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const answer = handle(method, url.pathname.replace(/^.*\/api\/v1/, ''), url, body);
    calls.at(-1)!.headers = new Headers(init.headers);
    if (answer) return answer;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => void streams.add((controller = c)),
      cancel: () => void streams.delete(controller),
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };

  const xhr = fakeUploadXhr({
    uploadMs: options.uploadMs ?? 40,
    onSend: () => undefined,
    answer: (name) => ({
      status: 201,
      body: { id: `att-${++seq}`, name, size: 1, contentType: 'text/plain', createdAt: T0 },
    }),
  });

  return {
    fetch: fetchImpl,
    xhr,
    calls,
    items,
    /** Pushes a live event to every open stream. */
    emit(type: string, data: unknown) {
      const chunk = encoder.encode(`id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      for (const c of streams) c.enqueue(chunk);
    },
    get liveStreams() {
      return streams.size;
    },
  };
}
