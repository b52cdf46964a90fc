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
        signOff: false,
        status: 'pending',
        approvers: [{ id: 'm1', name: 'Ada Chen', decision: null, comment: null, decidedAt: null, signature: null }],
      },
      {
        name: 'Legal',
        method: 'all',
        signOff: false,
        status: 'waiting',
        approvers: [
          { id: 'm3', name: 'Wang Fang 王芳', decision: null, comment: null, decidedAt: null, signature: null },
          { id: 'm4', name: 'Bo Li', decision: null, comment: null, decidedAt: null, signature: null },
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
        signature: null,
      },
    ],
    can: { decide: true, withdraw: false, resubmit: false, retry: false },
    ...rest,
  } as Approval;
}

/** A signature as the approval view gives it (issue 19 item 2). */
export type Signature = NonNullable<Approval['nodes'][number]['approvers'][number]['signature']>;
/** A drawn signature's PNG (240×80), as `GET /approvals/{id}/signatures/{signatureId}` answers it. */
export const SAMPLE_SIGNATURE_PNG = [
  'iVBORw0KGgoAAAANSUhEUgAAAPAAAABQCAQAAACNQDD3AAABw0lEQVR42u2cQRKCMBAEeYT//yqeqaKEJLPgzHZ7VGN2G5JNALcN',
  'AAAAAAAAAAAAYIjPfnyRkWC5SG4gF8mxAzOKI/X+Ek+mwvTeex+s9aI4Xu/xc+QsUC+K4/Wi2FpwzQEBVnrjzuHsvZzZqEKykb5h',
  'txKRfS6u9mQTJK/EYp6Hc5lZklejsM3Cb4UpihURWObgjr4EyUrBVhkY37RzVKzquV0GRjrsq1jXa7P4x7vrKFnbX6PY5wL3U6zu',
  'rUnk85p0ip9YcbfdR14LfE3I9aaKekBF72OK78lV17zNBNcMsIoBWSkZvbuyrZGNkqtfV0hufBW3apY7a3dl6F2TjN69ok3trDr/',
  'XSu9+jVcReBVBdN4K3aDs9OyoWbBM9Ke4dxbURL5Tiz3y7l2s6Z72XEl2fh6l3rdmlAiht1e1PRi9aPlnPU5nHx/ZMhdY6qLAxvk',
  'CUZvtGL0hitGcLRg9EYrRm+0Yp5sNV8BorexYvRGK0ZvtGL0RitGb6Di80e2yVGUYv4ltZVichMs2W2s4eCMmjpmXuR0sTj7P6Xo',
  'frE0q9RS13abA8XrPGMkaDZTIvix1NFrAAAAAAAAAAAAAIC3+QLn0BtYcb25/AAAAABJRU5ErkJggg==',
].join('');
export const drawnSignature = (id = 'sig1'): Signature => ({ id, kind: 'drawn', name: null, width: 240, height: 80 });
export const typedSignature = (name: string, id = 'sig2'): Signature => ({
  id,
  kind: 'typed',
  name,
  width: null,
  height: null,
});

export const decided = (
  a: Approval,
  decision: 'approved' | 'rejected',
  comment: string | null,
  signature: Signature | null = null,
): Approval => ({
  ...a,
  status: decision === 'approved' ? (a.nodes.length > 1 ? 'pending' : 'approved') : 'rejected',
  nodes: a.nodes.map((n, i) =>
    i === 0
      ? {
          ...n,
          status: decision,
          approvers: n.approvers.map((p) =>
            p.id === 'm1' ? { ...p, decision, comment, decidedAt: T + 60_000, signature } : p,
          ),
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
      signature,
    },
  ],
  can: { decide: false, withdraw: false, resubmit: false, retry: false },
});

/** Waiting on a sign-off step (签批): Ada Chen decides with an opinion and a signature. */
export const signOff = (id: string, subject = 'Budget sign-off 预算签批'): Approval => {
  const a = approval(id, { subject });
  return { ...a, nodes: a.nodes.map((n, i) => (i === 0 ? { ...n, name: 'Director sign-off', signOff: true } : n)) };
};

export const stuck = (id: string): Approval =>
  approval(id, {
    subject: 'Price list for a new customer',
    status: 'stuck',
    nodes: [{ name: 'Department head', method: 'any', signOff: false, status: 'stuck', approvers: [] }],
    history: [
      {
        round: 1,
        at: T,
        action: 'submit',
        comment: null,
        node: null,
        reason: null,
        actor: { id: 'm7', name: 'Li Wei 李伟' },
        signature: null,
      },
      {
        round: 1,
        at: T,
        action: 'stuck',
        comment: null,
        node: 0,
        reason: 'the sender’s department has no head',
        actor: null,
        signature: null,
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
