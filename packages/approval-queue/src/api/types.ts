// Types of the approval routes (docs/api.md "Approvals (R5, R10)"), inferred from the server's route schemas through
// `hc<AppType>` (the client's `api`): never written by hand.
import type { HeraldClient, RpcBody as Body, RpcInput as Input } from '@herald/client';

type Api = HeraldClient['api'];

export type ApprovalTab = 'todo' | 'done' | 'mine';
/** `GET /approvals?tab=`: a page of requests, newest first. */
export type ApprovalPage = Body<Api['approvals']['$get'], 200>;
/**
 * One request: the message as recipients will see it, the flow's reasons, the node timeline, history and what I may do.
 */
export type Approval = Body<Api['approvals'][':id']['$get'], 200>;
export type ApprovalStatus = Approval['status'];
export type ApprovalNode = Approval['nodes'][number];
export type BatchOutcome = Body<Api['approvals']['decisions']['$post'], 200>;
export type Decision = Input<Api['approvals'][':id']['decision']['$post']>['json']['decision'];
/** A sign-off's signature (issue 19 item 2): `{ kind: 'drawn', png }` (base64) or `{ kind: 'typed', name }`. */
export type SignatureInput = NonNullable<Input<Api['approvals'][':id']['decision']['$post']>['json']['signature']>;
/** A decision's signature as the approval shows it (the PNG is fetched on its own). */
export type ApprovalSignature = NonNullable<ApprovalNode['approvers'][number]['signature']>;

export type Flow = Body<Api['approval-flows']['$get'], 200>['items'][number];
/** What `POST /approval-flows` takes. */
export type FlowInput = Input<Api['approval-flows']['$post']>['json'];
export type FlowConditions = Flow['conditions'];
export type FlowNode = Flow['nodes'][number];
export type ApproverRule = FlowNode['approvers'];

export type DirectoryEntry = Body<Api['directory']['$get'], 200>['items'][number];
