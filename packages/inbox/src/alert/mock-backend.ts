// An in-memory back end for <herald-urgent-alert> tests and stories (never part of the bundle): `GET /me`,
// `GET /messages/{id}`, `POST /mailbox/{id}/confirm`, and a live stream the caller writes events to.
import type { WholeMessage } from './alert-api.js';
import { json, problemResponse as problem } from '@herald/client/test-helpers';

const doc = (text: string) => ({
  type: 'doc',
  content: text.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
});

/** A message as a recipient sees it; `overrides` changes any field. */
export function alertMessage(
  id: string,
  overrides: Partial<Record<keyof WholeMessage, unknown>> & { text?: string } = {},
): WholeMessage {
  const { text, ...rest } = overrides;
  const t = Date.UTC(2026, 10, 24, 9, 30);
  return {
    id,
    threadId: id,
    parentId: null,
    kind: 'urgent',
    priority: 'urgent',
    subject: `机房断电 ${id}`,
    body: doc(text ?? '主机房 A 区断电，请立即停止发布。\n值班电话：8001。\n第三行\n第四行\n第五行不显示'),
    links: [],
    sender: { kind: 'member', id: 'm-ops', name: '张三' },
    audience: [],
    attachments: [],
    receiptRequired: true,
    expiresAt: null,
    expiresInMinutes: null,
    dueAt: null,
    status: 'sent',
    recipientCount: 3,
    deliveredAt: t,
    revision: 1,
    editedAt: null,
    recalledAt: null,
    deletedAt: null,
    purgedAt: null,
    createdAt: t,
    expired: false,
    mine: {
      deliveredAt: t,
      readAt: null,
      confirmedAt: null,
      progress: null,
      progressNote: null,
      progressAt: null,
      archivedAt: null,
      deletedAt: null,
      tagIds: [],
      pinned: true,
      needsConfirmation: true,
    },
    can: { edit: false, recall: false, delete: false, reply: true, viewRevisions: false, viewRecipients: false },
    ...rest,
  } as unknown as WholeMessage;
}

export function createAlertBackend(messages: WholeMessage[] = []) {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const calls: Array<{ method: string; path: string }> = [];
  const encoder = new TextEncoder();
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  let connected: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  let seq = 0;

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const path = url.pathname.replace(/^.*\/api\/v1/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    calls.push({ method, path });
    if (method === 'GET' && path === '/me') {
      return json({
        subject: { kind: 'member', id: 'm-me', employeeNo: 'E1002', name: '李四', email: null, locale: null },
        permissions: ['message.send.internal'],
        mustChangePassword: false,
        csrfToken: 'csrf',
        via: 'session',
      });
    }
    if (method === 'GET' && path === '/live') {
      const body = new ReadableStream<Uint8Array>({
        start: (c) => {
          stream = c;
          connected();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    let m = /^\/messages\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const message = byId.get(decodeURIComponent(m[1]!));
      return message ? json(message) : problem(404, 'not-found');
    }
    m = /^\/mailbox\/([^/]+)\/confirm$/.exec(path);
    if (method === 'POST' && m) {
      const message = byId.get(decodeURIComponent(m[1]!));
      if (!message) return problem(404, 'not-found');
      const t = Date.now();
      (message as { mine: Record<string, unknown> }).mine = {
        ...message.mine,
        confirmedAt: t,
        needsConfirmation: false,
      };
      return json(message.mine);
    }
    return problem(404, 'not-found');
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** Resolves once the live stream is connected. */
    ready,
    add(message: WholeMessage) {
      byId.set(message.id, message);
    },
    /** Sends one live event to the connected stream. */
    push(type: string, data: unknown) {
      stream?.enqueue(encoder.encode(`id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}
