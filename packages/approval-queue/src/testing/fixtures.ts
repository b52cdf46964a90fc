// Sample approvals and flows for tests and stories, in the server's shapes.
import type { Approval, Flow } from '../api/types.js';

const doc = (text: string) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Dear customer, ' },
        { type: 'text', text, marks: [{ type: 'bold' }] },
      ],
    },
  ],
});
const T = Date.UTC(2026, 10, 20, 9, 30);

export function approval(id: string, overrides: Partial<Approval> & { subject?: string } = {}): Approval {
  const { subject = `Quote for ${id}`, ...rest } = overrides;
  return {
    id,
    status: 'pending',
    round: 1,
    createdAt: T,
    updatedAt: T,
    flow: {
      id: 'f1',
      name: 'External messages',
      reasons: [
        { code: 'kind', params: { kind: 'external' } },
        { code: 'external-recipients', params: {} },
      ],
    },
    message: {
      id: `msg-${id}`,
      threadId: `msg-${id}`,
      parentId: null,
      kind: 'external',
      priority: 'normal',
      subject,
      body: doc('the revised quote is attached.'),
      links: [],
      sender: { kind: 'member', id: 'm7', name: 'Li Wei 李伟' },
      audience: [
        { kind: 'contact', targetId: 'c1', label: 'Acme Ltd — Jane Roe', includeSubdepartments: false, count: 1 },
      ],
      attachments: [{ id: 'a1', name: 'quote.pdf', size: 245_760, contentType: 'application/pdf' }],
      receiptRequired: false,
      expiresAt: null,
      expiresInMinutes: null,
      dueAt: null,
      status: 'pending-approval',
      recipientCount: 1,
      deliveredAt: null,
      revision: 1,
      editedAt: null,
      recalledAt: null,
      deletedAt: null,
      purgedAt: null,
      createdAt: T,
      expired: false,
      mine: null,
      can: { edit: false, recall: false, delete: false, reply: false, viewRevisions: false, viewRecipients: false },
    },
    recipients: { total: 1, entries: [{ kind: 'contact', targetId: 'c1', label: 'Acme Ltd — Jane Roe', count: 1 }] },
    nodes: [
      {
        name: 'Department head',
        method: 'any',
        status: 'pending',
        approvers: [{ id: 'm1', name: 'Ada Chen', decision: null, comment: null, decidedAt: null }],
      },
      {
        name: 'Legal',
        method: 'all',
        status: 'waiting',
        approvers: [
          { id: 'm3', name: 'Wang Fang 王芳', decision: null, comment: null, decidedAt: null },
          { id: 'm4', name: 'Bo Li', decision: null, comment: null, decidedAt: null },
        ],
      },
    ],
    history: [
      {
        round: 1,
        at: T,
        action: 'submit',
        comment: null,
        node: null,
        reason: null,
        actor: { id: 'm7', name: 'Li Wei 李伟' },
      },
    ],
    can: { decide: true, withdraw: false, resubmit: false, retry: false },
    ...rest,
  } as Approval;
}

export const decided = (a: Approval, decision: 'approved' | 'rejected', comment: string | null): Approval => ({
  ...a,
  status: decision === 'approved' ? (a.nodes.length > 1 ? 'pending' : 'approved') : 'rejected',
  nodes: a.nodes.map((n, i) =>
    i === 0
      ? {
          ...n,
          status: decision,
          approvers: n.approvers.map((p) => (p.id === 'm1' ? { ...p, decision, comment, decidedAt: T + 60_000 } : p)),
        }
      : i === 1 && decision === 'approved'
        ? { ...n, status: 'pending' }
        : n,
  ),
  history: [
    ...a.history,
    {
      round: 1,
      at: T + 60_000,
      action: decision === 'approved' ? 'approve' : 'reject',
      comment,
      node: 0,
      reason: null,
      actor: { id: 'm1', name: 'Ada Chen' },
    },
  ],
  can: { decide: false, withdraw: false, resubmit: false, retry: false },
});

export const stuck = (id: string): Approval =>
  approval(id, {
    subject: 'Price list for a new customer',
    status: 'stuck',
    nodes: [{ name: 'Department head', method: 'any', status: 'stuck', approvers: [] }],
    history: [
      {
        round: 1,
        at: T,
        action: 'submit',
        comment: null,
        node: null,
        reason: null,
        actor: { id: 'm7', name: 'Li Wei 李伟' },
      },
      {
        round: 1,
        at: T,
        action: 'stuck',
        comment: null,
        node: 0,
        reason: 'the sender’s department has no head',
        actor: null,
      },
    ],
    can: { decide: false, withdraw: true, resubmit: false, retry: true },
  });

export function flow(id: string, name: string, position: number, overrides: Partial<Flow> = {}): Flow {
  return {
    id,
    name,
    position,
    enabled: true,
    selfApproval: 'skip',
    createdAt: T,
    updatedAt: T,
    conditions: { kinds: ['external'] },
    nodes: [{ name: 'Department head', approvers: { kind: 'department-head' }, method: 'any', cc: [] }],
    ...overrides,
  } as Flow;
}
