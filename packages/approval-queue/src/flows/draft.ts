// The flow form's draft: what the form edits (strings where inputs hold strings), to and from the API's flow,
// and the client-side checks that mirror the server's (a name, a step name, an approver rule per step).
import type { ApproverRule, Flow, FlowInput } from '../api/types.js';

export type RuleKind = ApproverRule['kind'] | '';
export interface NodeDraft {
  name: string;
  rule: RuleKind;
  memberIds: string[];
  levels: string;
  roleId: string;
  inSenderDepartment: boolean;
  method: 'any' | 'all';
  /** 签批 (issue 19 item 2): each approver decides with an opinion and a signature. */
  signOff: boolean;
  cc: string[];
}
export interface FlowDraft {
  id: string | null;
  name: string;
  enabled: boolean;
  kinds: string[];
  priorities: string[];
  senderDepartmentId: string;
  hasExternalRecipients: boolean;
  minRecipients: string;
  hasAttachments: boolean;
  nodes: NodeDraft[];
  selfApproval: 'skip' | 'forbid';
}

export const emptyNode = (): NodeDraft => ({
  name: '',
  rule: '',
  memberIds: [],
  levels: '1',
  roleId: '',
  inSenderDepartment: false,
  method: 'any',
  signOff: false,
  cc: [],
});
export const emptyDraft = (): FlowDraft => ({
  id: null,
  name: '',
  enabled: true,
  kinds: [],
  priorities: [],
  senderDepartmentId: '',
  hasExternalRecipients: false,
  minRecipients: '',
  hasAttachments: false,
  nodes: [emptyNode()],
  selfApproval: 'skip',
});

export function draftOf(flow: Flow): FlowDraft {
  const c = flow.conditions;
  return {
    id: flow.id,
    name: flow.name,
    enabled: flow.enabled,
    kinds: [...(c.kinds ?? [])],
    priorities: [...(c.priorities ?? [])],
    senderDepartmentId: c.senderDepartmentId ?? '',
    hasExternalRecipients: c.hasExternalRecipients === true,
    minRecipients: c.minRecipients === undefined ? '' : String(c.minRecipients),
    hasAttachments: c.hasAttachments === true,
    selfApproval: flow.selfApproval,
    nodes: flow.nodes.map((n) => ({
      ...emptyNode(),
      name: n.name,
      rule: n.approvers.kind,
      method: n.method,
      signOff: n.signOff === true,
      cc: [...n.cc],
      memberIds: n.approvers.kind === 'members' ? [...n.approvers.memberIds] : [],
      levels: n.approvers.kind === 'department-head-up' ? String(n.approvers.levels) : '1',
      roleId: n.approvers.kind === 'role' ? n.approvers.roleId : '',
      inSenderDepartment: n.approvers.kind === 'role' ? n.approvers.inSenderDepartment === true : false,
    })),
  };
}

function ruleOf(n: NodeDraft): ApproverRule {
  switch (n.rule) {
    case 'members':
      return { kind: 'members', memberIds: n.memberIds };
    case 'department-head-up':
      return { kind: 'department-head-up', levels: Number(n.levels) || 1 };
    case 'role':
      return n.inSenderDepartment
        ? { kind: 'role', roleId: n.roleId, inSenderDepartment: true }
        : { kind: 'role', roleId: n.roleId };
    default:
      return { kind: 'department-head' };
  }
}

export function inputOf(d: FlowDraft): FlowInput {
  const conditions: FlowInput['conditions'] = {};
  if (d.kinds.length) conditions.kinds = d.kinds as NonNullable<FlowInput['conditions']['kinds']>;
  if (d.priorities.length) conditions.priorities = d.priorities as NonNullable<FlowInput['conditions']['priorities']>;
  if (d.senderDepartmentId) conditions.senderDepartmentId = d.senderDepartmentId;
  if (d.hasExternalRecipients) conditions.hasExternalRecipients = true;
  if (d.minRecipients.trim() !== '') conditions.minRecipients = Number(d.minRecipients);
  if (d.hasAttachments) conditions.hasAttachments = true;
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    conditions,
    selfApproval: d.selfApproval,
    nodes: d.nodes.map((n) => ({
      name: n.name.trim(),
      approvers: ruleOf(n),
      method: n.method,
      cc: n.cc,
      ...(n.signOff ? { signOff: true } : {}),
    })),
  };
}

/** Field key → catalogue key of the problem, for what the server would refuse too. */
export function validate(
  d: FlowDraft,
): Record<
  string,
  | 'approvals.form.nameRequired'
  | 'approvals.form.nodeNameRequired'
  | 'approvals.form.approversRequired'
  | 'approvals.form.nodesRequired'
> {
  const errors: ReturnType<typeof validate> = {};
  if (!d.name.trim()) errors.name = 'approvals.form.nameRequired';
  if (!d.nodes.length) errors.nodes = 'approvals.form.nodesRequired';
  d.nodes.forEach((n, i) => {
    if (!n.name.trim()) errors[`nodes.${i}.name`] = 'approvals.form.nodeNameRequired';
    const noApprovers = !n.rule || (n.rule === 'members' && !n.memberIds.length) || (n.rule === 'role' && !n.roleId);
    if (noApprovers) errors[`nodes.${i}.approvers`] = 'approvals.form.approversRequired';
  });
  return errors;
}

/** The form field a server error's path belongs to (`nodes.0.approvers.memberIds.1` → `nodes.0.approvers`). */
export function fieldOf(path: string | undefined): string {
  if (!path) return 'form';
  const node = /^nodes\.(\d+)\.(\w+)/.exec(path);
  if (node) return `nodes.${node[1]}.${node[2]}`;
  if (path.startsWith('conditions.')) return path.split('.').slice(0, 2).join('.');
  return path.split('.')[0]!;
}
