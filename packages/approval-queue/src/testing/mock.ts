// Tests and stories: a client whose fetch answers the approval routes from memory (stubFetch from @herald/client).
import { createHeraldClient } from '@herald/client';
import { json, member, problemResponse, stubFetch, type RecordedCall } from '@herald/client/test-helpers';
import type { Permission } from '@herald/client';
import type { Approval, Flow } from '../api/types.js';
import { SAMPLE_SIGNATURE_PNG, approval, decided, flow, stuck, type Signature } from './fixtures.js';

export interface MockOptions {
  todo?: Approval[];
  done?: Approval[];
  mine?: Approval[];
  flows?: Flow[];
  permissions?: Permission[];
  /** Answer decisions with 409 conflict (someone else decided first). */
  conflict?: boolean;
  /** Wraps the mock's fetch (e.g. `fetchGate` to hold chosen requests). */
  wrapFetch?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;
  /** Extra or overriding routes. */
  routes?: Record<string, (call: RecordedCall) => Response | Promise<Response>>;
}

export const sampleTodo = () => [
  approval('ap1'),
  approval('ap2', { subject: '年度合同续签' }),
  approval('ap3', {
    subject: 'Sample for review',
    can: { decide: false, withdraw: false, resubmit: false, retry: false },
  }),
];
export const sampleDone = () => [decided(approval('ap9', { subject: 'Invoice reminder' }), 'approved', 'Fine by me.')];
export const sampleMine = () => {
  const rejected = decided(approval('ap21', { subject: 'Discount offer' }), 'rejected', 'Too generous.');
  // Rejected: back with its sender, who may edit it (message.can.edit) and resubmit it.
  return [
    stuck('ap20'),
    {
      ...rejected,
      message: { ...rejected.message, status: 'rejected', can: { ...rejected.message.can, edit: true } },
      can: { decide: false, withdraw: true, resubmit: true, retry: false },
    } as Approval,
  ];
};
export const sampleFlows = () => [
  flow('f1', 'External messages', 0),
  flow('f2', 'Urgent broadcasts', 1, {
    conditions: { kinds: ['urgent'], minRecipients: 100 },
    nodes: [
      {
        name: 'Communications',
        approvers: { kind: 'role', roleId: 'r1', inSenderDepartment: false },
        method: 'all',
        cc: [],
      },
    ],
  }),
];

export function mockApprovals(options: MockOptions = {}) {
  const lists = {
    todo: options.todo ?? sampleTodo(),
    done: options.done ?? sampleDone(),
    mine: options.mine ?? sampleMine(),
  };
  let flows = options.flows ?? sampleFlows();
  const all = () => [...lists.todo, ...lists.done, ...lists.mine];
  const idOf = (call: RecordedCall) => new URL(call.url, location.href).pathname.split('/').at(-2)!;
  const tail = (call: RecordedCall) => new URL(call.url, location.href).pathname.split('/').at(-1)!;
  const stub = stubFetch({
    'GET /me': () => json(member({ permissions: options.permissions ?? ['message.send.internal'] })),
    'GET /approvals': (call) => {
      const tab = (new URL(call.url, location.href).searchParams.get('tab') ?? 'todo') as keyof typeof lists;
      return json({ items: lists[tab], nextCursor: null });
    },
    'POST /approvals/decisions': (call) => {
      const { ids } = call.body as { ids: string[] };
      const approved = ids.filter((id) => lists.todo.some((a) => a.id === id && a.can.decide));
      lists.todo = lists.todo.filter((a) => !approved.includes(a.id));
      return json({
        approved,
        skipped: ids.filter((id) => !approved.includes(id)).map((id) => ({ id, reason: 'conflict' })),
      });
    },
    'GET /approval-flows': () => json({ items: flows }),
    'POST /approval-flows': (call) => {
      const created = { ...flow(`f${flows.length + 10}`, '', flows.length), ...(call.body as object) } as Flow;
      flows = [...flows, created];
      return json(created, 201);
    },
    'PUT /approval-flows/order': (call) => {
      const { ids } = call.body as { ids: string[] };
      flows = ids.map((id, position) => ({ ...flows.find((f) => f.id === id)!, position }));
      return json({ items: flows });
    },
    'GET /departments': () =>
      json({
        items: [
          { id: 'd1', name: 'Sales 销售部' },
          { id: 'd2', name: 'Legal' },
        ],
      }),
    'GET /roles': () => json({ items: [{ id: 'r1', name: 'Communications' }] }),
    'GET /directory': () =>
      json({
        items: [
          {
            kind: 'member',
            id: 'm3',
            name: 'Wang Fang 王芳',
            detail: 'Legal',
            memberCount: null,
            memberCountWithSubdepartments: null,
          },
        ],
      }),
    ...options.routes,
  });
  let live: ReadableStreamDefaultController<Uint8Array> | undefined;
  let eventId = 0;
  const encoder = new TextEncoder();
  // Routes with an id: dispatched here (stubFetch matches exact paths); `/live` is an event stream fed by `emit`.
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    const path = new URL(url, location.href).pathname.replace(/^.*\/api\/v1/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    if (path === '/live') {
      const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (live = controller) });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
    }
    // A drawn signature's PNG (issue 19 item 2): answered for any signature id of a listed approval.
    const signature = /^\/approvals\/([^/]+)\/signatures\/([^/]+)$/.exec(path);
    if (signature) {
      await stub.fetch(input, init); // recorded
      if (!all().some((a) => a.id === signature[1])) return problemResponse(404, 'not-found');
      const bytes = Uint8Array.from(atob(SAMPLE_SIGNATURE_PNG), (c) => c.charCodeAt(0));
      return new Response(bytes, { headers: { 'content-type': 'image/png' } });
    }
    // Issue 20 #9: an attachment's bytes for an inline image of a listed message (any other id: 404).
    const file = /^\/attachments\/([^/]+)$/.exec(path);
    if (file) {
      await stub.fetch(input, init); // recorded
      if (!all().some((a) => JSON.stringify(a.message.body).includes(`"attachmentId":"${file[1]}"`)))
        return problemResponse(404, 'not-found');
      const bytes = Uint8Array.from(atob(SAMPLE_SIGNATURE_PNG), (c) => c.charCodeAt(0));
      return new Response(bytes, { headers: { 'content-type': 'image/png' } });
    }
    const dyn =
      /^\/approvals\/([^/]+)(\/decision|\/retry)?$/.exec(path) ??
      /^\/messages\/([^/]+)\/(withdraw|resubmit)$/.exec(path) ??
      (method === 'PATCH' ? /^\/messages\/([^/]+)$/.exec(path) : null) ??
      /^\/approval-flows\/([^/]+)$/.exec(path);
    if (!dyn || path === '/approvals/decisions' || path === '/approval-flows/order') return stub.fetch(input, init);
    const response = await stub.fetch(input, init); // recorded (answers 404)
    void response;
    // This request's own record (another request may have been recorded meanwhile: loads run concurrently).
    const call = stub.calls.findLast((c) => c.url === url && c.method === method)!;
    if (path.startsWith('/approval-flows/')) {
      const id = tail(call);
      if (method === 'DELETE') {
        flows = flows.filter((f) => f.id !== id);
        return new Response(null, { status: 204 });
      }
      const updated = { ...flows.find((f) => f.id === id)!, ...(call.body as object) } as Flow;
      flows = flows.map((f) => (f.id === id ? updated : f));
      return json(updated);
    }
    if (path.startsWith('/messages/') && method === 'PATCH') {
      // The sender edits a rejected message: the request shows the new content (the server's `revision`+1, `editedAt`).
      const id = tail(call);
      const a = all().find((x) => x.message.id === id);
      if (!a) return problemResponse(404, 'not-found');
      if (!a.message.can.edit) return problemResponse(409, 'conflict');
      const message = {
        ...a.message,
        ...(call.body as object),
        revision: a.message.revision + 1,
        editedAt: Date.now(),
      } as Approval['message'];
      const next = { ...a, message };
      for (const tab of ['todo', 'done', 'mine'] as const)
        lists[tab] = lists[tab].map((x) => (x.id === a.id ? next : x));
      return json(message);
    }
    if (path.startsWith('/messages/')) {
      const a = all().find((x) => x.message.id === idOf(call));
      if (!a) return problemResponse(404, 'not-found');
      const withdrawn = tail(call) === 'withdraw';
      const message = {
        ...a.message,
        status: withdrawn ? 'withdrawn' : 'pending-approval',
        can: { ...a.message.can, edit: false },
      };
      const next = {
        ...a,
        message,
        status: withdrawn ? 'withdrawn' : 'pending',
        can: { decide: false, withdraw: false, resubmit: false, retry: false },
      } as Approval;
      lists.mine = lists.mine.map((x) => (x.id === a.id ? next : x));
      return json(next);
    }
    const id = dyn[2] ? idOf(call) : tail(call);
    const a = all().find((x) => x.id === id);
    if (!a) return problemResponse(404, 'not-found');
    if (dyn[2] === '/decision') {
      if (options.conflict) return problemResponse(409, 'conflict');
      const { decision, comment, signature } = call.body as {
        decision: 'approve' | 'reject';
        comment?: string;
        signature?: { kind: 'drawn'; png: string } | { kind: 'typed'; name: string };
      };
      const signed: Signature | null = !signature
        ? null
        : signature.kind === 'typed'
          ? { id: 'sig-new', kind: 'typed', name: signature.name, width: null, height: null }
          : { id: 'sig-new', kind: 'drawn', name: null, width: 240, height: 80 };
      const next = decided(a, decision === 'approve' ? 'approved' : 'rejected', comment ?? null, signed);
      lists.todo = lists.todo.filter((x) => x.id !== id);
      lists.done = [next, ...lists.done];
      return json(next);
    }
    if (dyn[2] === '/retry') return json({ ...a, status: 'pending', can: { ...a.can, retry: false } });
    return json(a);
  };
  const client = createHeraldClient({ baseUrl: 'http://herald.test', fetch: options.wrapFetch?.(fetch) ?? fetch });
  return {
    client,
    calls: stub.calls,
    lists,
    get flows() {
      return flows;
    },
    get liveOpen() {
      return !!live;
    },
    /** Sends a live event to the client (as the server would). */
    emit(type: string, data: unknown) {
      live?.enqueue(encoder.encode(`id: ${++eventId}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}
