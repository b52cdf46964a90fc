// The calls of the customer conversations (issue 19 item 5), typed from the server's routes (`/api/v1/conversations`).
import { ApiBase, HeraldProblem, type HeraldClient, type RpcBody, type RpcInput } from '@herald/client';

type Api = HeraldClient['api']['conversations'];
export type Conversation = RpcBody<Api[':id']['$get'], 200>;
export type ConversationStatus = Conversation['status'];
export type ConversationPage = RpcBody<Api['$get'], 200>;
export type ConversationTargets = RpcBody<Api['targets']['$get'], 200>;
export type NewConversation = RpcInput<Api['$post']>['json'];
export type ConversationPatch = RpcInput<Api[':id']['$patch']>['json'];
export type QueueQuery = { status?: ConversationStatus | undefined; assignee?: string | undefined };

export class ConversationsApi extends ApiBase {
  private get rpc() {
    return this.client.api.conversations;
  }

  list = (q: QueueQuery, cursor?: string | null) =>
    this.ok(this.rpc.$get({ query: { ...q, ...(cursor ? { cursor } : {}) } }));
  targets = () => this.ok(this.rpc.targets.$get());
  /** Opens one; `idempotencyKey` makes a retry after a network error answer the first (review of issue 19 #5). */
  open = (json: NewConversation, idempotencyKey: string) =>
    this.call<Conversation>('POST', '/conversations', { json, headers: { 'Idempotency-Key': idempotencyKey } });
  update = (id: string, json: ConversationPatch) => this.ok(this.rpc[':id'].$patch({ param: { id }, json }));
  assignees = (id: string) => this.ok(this.rpc[':id'].assignees.$get({ param: { id } }));

  /** Removes an upload no message has yet (one the user took off the form). */
  deleteAttachment = (id: string) => this.call<void>('DELETE', `/attachments/${encodeURIComponent(id)}`);

  /** Uploads one file for the first message, with progress; `signal` cancels it. */
  async upload(file: File, options: { onProgress?: (loaded: number) => void; signal?: AbortSignal } = {}) {
    const response = await this.client.upload(
      `/attachments?${new URLSearchParams({ name: file.name })}`,
      file,
      options,
    );
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (await response.json()) as { id: string; name: string };
  }
}
