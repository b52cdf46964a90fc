// Types of the messaging routes the composer uses (docs/api.md, "Messages (R6–R10)"), inferred from the server's
// route schemas through `hc<AppType>` (the client's `api`): never written by hand. Only the rich-text document
// is spelled out, for the editor's side of it.
import type { HeraldClient, Permission, RpcBody as Body, RpcInput as Input } from '@herald/client';

type Api = HeraldClient['api'];

/** `POST /messages` body. */
export type SendInput = Input<Api['messages']['$post']>['json'];
/** What `POST /messages` answers (201). */
export type Message = Body<Api['messages']['$post'], 201>;
/** One hit of `GET /directory`. */
export type DirectoryItem = Body<Api['directory']['$get'], 200>['items'][number];
/** `POST /messages/audience`: the preview's head counts. */
export type AudienceCount = Body<Api['messages']['audience']['$post'], 200>;
export type Attachment = Body<Api['attachments']['$post'], 201>;
export type MessagingSettings = Body<Api['settings']['messaging']['$get'], 200>;
type DraftRow = Body<Api['drafts'][':id']['$get'], 200>;
/** A saved draft whose `data` is the composer's state (the composer reads only these; the summary is the view's). */
export type Draft<D = unknown> = Pick<DraftRow, 'id' | 'createdAt' | 'updatedAt'> & { data: D };

/** One template of `GET /templates` (issue 19). */
export type MessageTemplate = Body<Api['templates']['$get'], 200>['items'][number];
/** `POST /templates` body. */
export type NewTemplate = Input<Api['templates']['$post']>['json'];
export type TemplateScope = MessageTemplate['scope'];

/** Issue 20 #4: `POST /messages/{id}/forward` body, and the message being forwarded as its forwarder reads it. */
export type ForwardInput = Input<Api['messages'][':id']['forward']['$post']>['json'];
export type ForwardOriginal = Body<Api['messages'][':id']['$get'], 200>;

export type MessageKind = SendInput['kind'];
export type Priority = NonNullable<SendInput['priority']>;
export type AudienceEntry = SendInput['audience'][number];
export type AudienceKind = AudienceEntry['kind'];

export type { RichDoc, RichNode } from '@herald/core';

/** Which kinds a member with these permissions may send (docs/api.md R6). */
export function sendableKinds(permissions: readonly Permission[] | readonly string[] | undefined): MessageKind[] {
  const has = (p: string) => (permissions as readonly string[] | undefined)?.includes(p) ?? false;
  return [
    ...(has('message.send.internal') ? (['internal', 'urgent'] as const) : []),
    ...(has('message.send.external') ? (['external'] as const) : []),
  ].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}
const ORDER: MessageKind[] = ['internal', 'external', 'urgent'];
