import { ApiBase } from '@herald/client';
import type {
  Approval,
  ApprovalPage,
  ApprovalTab,
  BatchOutcome,
  Decision,
  DirectoryEntry,
  Flow,
  FlowInput,
  SignatureInput,
} from './types.js';

/** Lists answer an array or `{ items }`. */
const items = <T>(body: unknown): T[] => (Array.isArray(body) ? body : ((body as { items?: T[] })?.items ?? [])) as T[];

export interface Named {
  id: string;
  name: string;
}

/** What the sender changes: the subject and/or the rich-text body (the composer's document). */
export interface MessageEdit {
  subject?: string;
  body?: unknown;
}

/**
 * The approval routes (docs/api.md "Approvals (R5, R10)") through the typed `hc<AppType>` client. Every non-2xx
 * answer is thrown as a HeraldProblem.
 */
export class ApprovalsApi extends ApiBase {
  private get rpc() {
    return this.client.api;
  }

  /** `signal` aborts a load that a newer one superseded or that the user left (the lists' `@lit/task`). */
  list = (tab: ApprovalTab, cursor?: string | null, signal?: AbortSignal): Promise<ApprovalPage> =>
    this.ok(this.rpc.approvals.$get({ query: cursor ? { tab, cursor } : { tab } }, { init: { signal } }));
  get = (id: string, signal?: AbortSignal): Promise<Approval> =>
    this.ok(this.rpc.approvals[':id'].$get({ param: { id } }, { init: { signal } }));
  /** `signature`: on a sign-off step (签批, issue 19 item 2), the drawn PNG as base64 or the typed name. */
  decide = (id: string, decision: Decision, comment?: string, signature?: SignatureInput): Promise<Approval> =>
    this.ok(
      this.rpc.approvals[':id'].decision.$post({
        param: { id },
        json: { decision, ...(comment ? { comment } : {}), ...(signature ? { signature } : {}) },
      }),
    );
  /** A drawn signature's PNG, fetched with the client's credentials (never a secret in a URL). */
  signatureImage = async (approvalId: string, signatureId: string): Promise<Blob> =>
    (await this.download(`/approvals/${encodeURIComponent(approvalId)}/signatures/${encodeURIComponent(signatureId)}`))
      .blob;
  approveMany = (ids: string[], comment?: string): Promise<BatchOutcome> =>
    this.ok(this.rpc.approvals.decisions.$post({ json: comment ? { ids, comment } : { ids } }));
  retry = (id: string): Promise<Approval> => this.ok(this.rpc.approvals[':id'].retry.$post({ param: { id } }));
  withdraw = (messageId: string): Promise<Approval> =>
    this.ok(this.rpc.messages[':id'].withdraw.$post({ param: { id: messageId } }));
  /** Edits a rejected message before it is resubmitted (`PATCH /messages/{id}`, the sender only). */
  editMessage = async (messageId: string, json: MessageEdit): Promise<void> => {
    await this.ok(this.rpc.messages[':id'].$patch({ param: { id: messageId }, json: json as never }));
  };
  resubmit = (messageId: string): Promise<Approval> =>
    this.ok(this.rpc.messages[':id'].resubmit.$post({ param: { id: messageId } }));

  flows = async (signal?: AbortSignal): Promise<Flow[]> =>
    (await this.ok(this.rpc['approval-flows'].$get(undefined, { init: { signal } }))).items;
  createFlow = (json: FlowInput): Promise<Flow> => this.ok(this.rpc['approval-flows'].$post({ json }));
  updateFlow = (id: string, json: Partial<FlowInput>): Promise<Flow> =>
    this.ok(this.rpc['approval-flows'][':id'].$patch({ param: { id }, json }));
  deleteFlow = async (id: string): Promise<void> => {
    await this.ok(this.rpc['approval-flows'][':id'].$delete({ param: { id } }));
  };
  reorderFlows = async (ids: string[]): Promise<Flow[]> =>
    (await this.ok(this.rpc['approval-flows'].order.$put({ json: { ids } }))).items;

  departments = async (signal?: AbortSignal): Promise<Named[]> =>
    items<Named>(await this.ok(this.rpc.departments.$get(undefined, { init: { signal } })));
  roles = async (signal?: AbortSignal): Promise<Named[]> =>
    items<Named>(await this.ok(this.rpc.roles.$get(undefined, { init: { signal } })));
  /** A member's name (needs a right to read members: `org.admin`, `department.manage` or `data.view`). */
  memberName = async (id: string): Promise<string> =>
    (await this.ok(this.rpc.members[':id'].$get({ param: { id } }))).name;
  members = async (q: string): Promise<DirectoryEntry[]> =>
    (await this.ok(this.rpc.directory.$get({ query: { kinds: 'member', q } }))).items;
}
