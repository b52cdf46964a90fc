// Types of the inbox routes (docs/api.md "Inbox (R9, R11–R14)"). The message itself is inferred from the server's
// route schema through `hc<AppType>`; the inbox's own answers are written from the contract until their routes
// carry the full schemas (each such type is marked `TODO(rpc)`).
import type { HeraldClient, RpcBody as Body } from '@herald/client';

type Api = HeraldClient['api'];

/** A message as its recipient (or sender) sees it: `GET /messages/{id}`. */
export type Message = Body<Api['messages'][':id']['$get'], 200>;
export type Priority = Message['priority'];
export type MessageKind = Message['kind'];

// TODO(rpc): the current `GET /mailbox` schema lacks deletedAt, tagIds, pinned, needsConfirmation, progressAt.
/** One person's copy of a message (docs/api.md "Listing"). */
export interface MailboxState {
  deliveredAt: number;
  readAt: number | null;
  confirmedAt: number | null;
  progress: string | null;
  progressNote: string | null;
  progressAt?: number | null;
  archivedAt: number | null;
  deletedAt?: number | null;
  tagIds?: string[];
  pinned?: boolean;
  needsConfirmation?: boolean;
}

export interface MailboxEntry {
  message: Message;
  state: MailboxState;
}

export type MailboxView = 'inbox' | 'archived' | 'trash' | 'all';
/** The widget's views: the mailbox views plus the sender's "Sent". */
export type InboxView = 'inbox' | 'sent' | 'archived' | 'trash';

/** The listing's filter parameters (everything but cursor/limit); also the `filter` form of a batch. */
export interface MailboxFilter {
  view?: MailboxView;
  tagId?: string;
  subtags?: boolean;
  unread?: boolean;
  priority?: 'urgent' | 'high';
  needsConfirmation?: boolean;
  hasAttachments?: boolean;
  senderId?: string;
  from?: number;
  to?: number;
  q?: string;
}

// TODO(rpc): `total` and `pinned` come with the inbox issue's listing.
export interface MailboxPage {
  items: MailboxEntry[];
  nextCursor: string | null;
  total?: number;
  pinned?: MailboxEntry[];
}

// TODO(rpc): `GET /sent` is not routed yet.
export interface SentEntry {
  message: Message;
  counts: { total: number; read: number; confirmed: number };
}
export interface SentPage {
  items: SentEntry[];
  nextCursor: string | null;
}

export type BatchAction = 'read' | 'unread' | 'archive' | 'unarchive' | 'delete' | 'restore' | 'tag' | 'untag';
// TODO(rpc): `POST /mailbox/batch`.
export type BatchInput = { action: BatchAction; tagId?: string } & ({ messageIds: string[] } | { filter: MailboxFilter });
export interface BatchResult {
  action: BatchAction;
  matched: number;
  changed: number;
}

export type TagScope = 'organisation' | 'personal';
export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type TagColor = (typeof TAG_COLORS)[number];
// TODO(rpc): `GET /tags`.
export interface Tag {
  id: string;
  parentId: string | null;
  name: string;
  color: TagColor | null;
  scope: TagScope;
  position: number;
  count: number;
  unread: number;
}
export interface TagInput {
  scope: TagScope;
  parentId?: string | null;
  name: string;
  color?: TagColor | null;
}

/** `GET /mailbox/unread-count`. */
export interface UnreadCount {
  unread: number;
  urgent: number;
}
