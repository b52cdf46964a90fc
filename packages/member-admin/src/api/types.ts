// Types of the back-office routes (docs/api.md, "The back office"), inferred from the server's route schemas
// through `hc<AppType>`: never written by hand.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { HeraldClient } from '@herald/client';

type Api = HeraldClient['api'];
type Ok<F> = F extends (...args: never[]) => unknown ? InferResponseType<F, 200> : never;
/** An element of a list answer, whether the route answers an array or `{ items, nextCursor }`. */
type Item<L> = L extends Array<infer I> ? I : L extends { items: Array<infer I> } ? I : never;

export type Department = Item<Ok<Api['departments']['$get']>>;
export type Position = Item<Ok<Api['positions']['$get']>>;
export type Member = Item<Ok<Api['members']['$get']>>;
export type MemberDetail = Ok<Api['members'][':id']['$get']>;
export type Grant = MemberDetail['grants'][number];
export type EffectivePermission = MemberDetail['effectivePermissions'][number];
export type Role = Item<Ok<Api['roles']['$get']>>;
export type Contact = Item<Ok<Api['contacts']['$get']>>;
export type Group = Item<Ok<Api['groups']['$get']>>;
/** Issue 19 item 6: a note on a contact, and one message exchanged with it. */
export type ContactNote = Item<Ok<Api['contacts'][':id']['notes']['$get']>>;
export type ContactConversation = Item<Ok<Api['contacts'][':id']['conversations']['$get']>>;
export type GroupEntry = Ok<Api['groups'][':id']['$get']>['entries'][number];
export type ImportBatch = Ok<Api['imports'][':id']['$get']>;
export type ImportRow = Item<Ok<Api['imports'][':id']['rows']['$get']>>;
export type AuditEntry = Item<Ok<Api['audit']['$get']>>;
export type AuditDetail = Ok<Api['audit'][':id']['$get']>;
/** The reach dashboard (issue 24): the last days' messages, receipts, urgent reach, notifications, approvals. */
export type ReachSummary = Ok<Api['reach']['summary']['$get']>;
/** The organisation's messaging policy and the server's fixed attachment limits. */
export type MessagingSettings = Ok<Api['settings']['messaging']['$get']>;
/** Notification channels, routing and reminders, without secrets (`passwordSet`, `secretSet`, `valueSet` instead). */
export type NotifySettings = Ok<Api['settings']['notifications']['$get']>;
export type NotifyChannel = NotifySettings['routing']['urgent'][number];
/** One page of the notification outbox (by default its dead letters) with the pending and dead counts. */
export type NotifyDeliveries = Ok<Api['notifications']['deliveries']['$get']>;
export type NotifyDelivery = NotifyDeliveries['items'][number];

// Request bodies, as the routes declare them.
export type MemberInput = InferRequestType<Api['members']['$post']>['json'];
export type MemberPatch = InferRequestType<Api['members'][':id']['$patch']>['json'];
export type ContactInput = InferRequestType<Api['contacts']['$post']>['json'];
export type ContactPatch = InferRequestType<Api['contacts'][':id']['$patch']>['json'];
export type ContactNoteInput = InferRequestType<Api['contacts'][':id']['notes']['$post']>['json'];
export type ContactNotePatch = InferRequestType<Api['contacts'][':id']['notes'][':noteId']['$patch']>['json'];
export type GroupInput = InferRequestType<Api['groups']['$post']>['json'];
export type GroupPatch = InferRequestType<Api['groups'][':id']['$patch']>['json'];
/** What an org admin may change: the recall window and the link block and allow lists (each optional). */
export type MessagingSettingsPatch = InferRequestType<Api['settings']['messaging']['$put']>['json'];
/** Any part of the notification settings; a secret left out is kept, `""` clears it. */
/** The purge's policy and its last run (issue 19 item 8). */
export type RetentionSettings = Ok<Api['settings']['retention']['$get']>;
export type RetentionSettingsPatch = InferRequestType<Api['settings']['retention']['$put']>['json'];
export type NotifySettingsPatch = InferRequestType<Api['settings']['notifications']['$put']>['json'];
export type NotifyTestRequest = InferRequestType<Api['settings']['notifications']['test']['$post']>['json'];
export type NotifyRetryRequest = InferRequestType<Api['notifications']['deliveries']['retry']['$post']>['json'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
