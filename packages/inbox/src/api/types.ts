// Types of the inbox routes (docs/api.md "Inbox (R9, R11–R14)"), inferred from the server's route schemas through
// `hc<AppType>` (the client's `api`). What has no route yet is written from the contract and marked `TODO(rpc)`.
import type { HeraldClient, RpcBody as Body } from '@herald/client';

type Api = HeraldClient['api'];

/** A message as its recipient (or sender) sees it: `GET /messages/{id}`. */
export type Message = Body<Api['messages'][':id']['$get'], 200>;
export type Priority = Message['priority'];
export type MessageKind = Message['kind'];

/** One person's copy of a message (docs/api.md "Listing"): `GET /mailbox` items' `state`. */
export type MailboxPage = Body<Api['mailbox']['$get'], 200>;
export type MailboxEntry = MailboxPage['items'][number];
export type MailboxState = MailboxEntry['state'];
/** What the list shows of a message (`GET /mailbox` items' `message`); the reading pane loads the whole `Message`. */
export type MessageSummary = MailboxEntry['message'];

export type MailboxView = 'inbox' | 'archived' | 'trash' | 'all' | 'snoozed';
/** The widget's views: the mailbox views plus the sender's "Sent", Starred (`all` + `starred`) and Snoozed. */
export type InboxView =
  | 'inbox'
  | 'sent'
  | 'archived'
  | 'trash'
  | 'starred'
  | 'snoozed'
  | 'mentions'
  // Issue 19 #7: the knowledge space (<herald-knowledge-view>, not a mailbox listing).
  | 'knowledge'
  // Issue 20 #2: the member's drafts (<herald-draft-list>, not a mailbox listing).
  | 'drafts';

/** The listing's filter parameters (everything but cursor/limit); also the `filter` form of a batch. */
export interface MailboxFilter {
  view?: MailboxView;
  tagId?: string;
  subtags?: boolean;
  unread?: boolean;
  starred?: boolean;
  /** Issue 19 #3: only entries that mention the owner (the Mentions view is `all` + `mentioned`). */
  mentioned?: boolean;
  priority?: 'urgent' | 'high';
  needsConfirmation?: boolean;
  hasAttachments?: boolean;
  senderId?: string;
  from?: number;
  to?: number;
  q?: string;
  /** The Sent view only (issue 19 #9): the sender's archived messages instead of the others. */
  archived?: boolean;
  /** The viewer's IANA time zone, for `before:`/`after:` in `q` (issue 20 #8). */
  tz?: string;
}

/** `GET /sent`: what I sent, with receipt counts. */
export type SentPage = Body<Api['sent']['$get'], 200>;
export type SentEntry = SentPage['items'][number];

export type BatchAction =
  'read' | 'unread' | 'archive' | 'unarchive' | 'delete' | 'restore' | 'tag' | 'untag' | 'star' | 'unstar';
// TODO(rpc): `POST /mailbox/batch` and `/mailbox/export` are not in the server's routes yet: written from docs/api.md.
export type BatchInput = { action: BatchAction; tagId?: string } & (
  { messageIds: string[] } | { filter: MailboxFilter }
);
export interface BatchResult {
  action: BatchAction;
  matched: number;
  changed: number;
}

export type TagScope = 'organisation' | 'personal';
export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type TagColor = (typeof TAG_COLORS)[number];
/** `GET /tags` items: the organisation tree and my personal tags with my own counts. */
export type Tag = Body<Api['tags']['$get'], 200>['items'][number];
export interface TagInput {
  scope: TagScope;
  parentId?: string | null;
  name: string;
  color?: TagColor | null;
}

/** `GET /mailbox/unread-count`. */
export type UnreadCount = Body<Api['mailbox']['unread-count']['$get'], 200>;
