// Types of the routes <herald-message-view> calls (docs/api.md "Messages (R6–R10)" and "The sender's view"), inferred
// from the server's route schemas through `hc<AppType>` (the client's `api`). Routes not built yet are written from
// the contract and marked `TODO(rpc)`.
import type { HeraldClient, RpcBody as Body, RpcInput as Input } from '@herald/client';

type Api = HeraldClient['api'];
type One = Api['messages'][':id'];

/** `GET /messages/{id}`: the message as the caller may see it. */
export type ViewedMessage = Body<One['$get'], 200>;
export type MessageAttachment = ViewedMessage['attachments'][number];
/** The caller's own copy (null when not a recipient). */
export type MineState = NonNullable<ViewedMessage['mine']>;
/** `GET /messages/{id}/thread`. */
export type Thread = Body<One['thread']['$get'], 200>;
/** `GET /messages/{id}/revisions`. */
export type Revision = Body<One['revisions']['$get'], 200>['items'][number];
/** `GET /messages/{id}/recipients`. */
export type RecipientsPage = Body<One['recipients']['$get'], 200>;
export type RecipientRow = RecipientsPage['items'][number];
/**
 * Per channel, the latest round's e-mail / webhook / SMS notification of one recipient (docs/api.md "Notifications").
 */
export type RecipientNotification = RecipientRow['notifications'][number];
export type NotifyChannel = RecipientNotification['channel'];
export type ReceiptCounts = RecipientsPage['counts'];
export type RecipientState = NonNullable<Input<One['recipients']['$get']>['query']['state']>;
/** `GET /messages/{id}/reach` (issue 24): over time, per department, progress. */
export type MessageReach = Body<One['reach']['$get'], 200>;
export type DepartmentBar = MessageReach['departments'][number];
/** `GET /messages/{id}/contact-links` (issue 19 item 4): links e-mailed to contacts without portal access. */
export type ContactLink = Body<One['contact-links']['$get'], 200>['items'][number];
/** `PATCH /messages/{id}` body. */
export type EditInput = Input<One['$patch']>['json'];
/** `POST /messages/{id}/replies` body. */
export type ReplyInput = Input<One['replies']['$post']>['json'];
/** `PUT /mailbox/{id}/progress` body. */
export type ProgressInput = Input<Api['mailbox'][':messageId']['progress']['$put']>['json'];
export type Progress = ProgressInput['progress'];
/** What the mailbox routes answer (read, unread, confirm, progress). */
export type MailboxStateAnswer = Body<Api['mailbox'][':messageId']['confirm']['$post'], 200>;
export type UploadedAttachment = Body<Api['attachments']['$post'], 201>;

// TODO(rpc): `POST /messages/{id}/remind` is being built; from docs/api.md "The sender's view".
export type RemindState = 'unread' | 'unconfirmed';
export interface RemindAnswer {
  reminded: number;
}

export const PROGRESS_VALUES: readonly Progress[] = ['not-started', 'in-progress', 'done'];

export type { RichDoc, RichNode } from '@herald/core';
