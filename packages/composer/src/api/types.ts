// Shapes of the messaging routes the composer uses (docs/api.md, "Messages (R6–R10)"). Written from the contract
// while the routes were being built; once `AppType` carries them they can be inferred like member-admin's types.
import type { Permission } from '@herald/client';

export type MessageKind = 'internal' | 'external' | 'urgent';
export type Priority = 'normal' | 'high' | 'urgent';
export type AudienceKind = 'member' | 'department' | 'group' | 'contact';

/** A Herald rich-text document (Tiptap/ProseMirror JSON limited to the nodes docs/api.md lists). */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}
export interface RichDoc extends RichNode {
  type: 'doc';
  content: RichNode[];
}

/** One hit of `GET /directory`. */
export interface DirectoryItem {
  kind: AudienceKind;
  id: string;
  name: string;
  detail?: string | null;
  memberCount?: number | null;
  memberCountWithSubdepartments?: number | null;
}

export interface AudienceEntry {
  kind: AudienceKind;
  targetId: string;
  includeSubdepartments?: boolean;
}

export interface AudienceCount {
  total: number;
  entries: Array<{ kind: AudienceKind; targetId: string; label: string; count: number }>;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  createdAt: number;
}

export interface SendInput {
  kind: MessageKind;
  priority: Priority;
  subject: string;
  body: RichDoc;
  audience: AudienceEntry[];
  attachmentIds: string[];
  receiptRequired: boolean;
  expiresInMinutes: number | null;
  expiresAt: number | null;
  dueAt: number | null;
  draftId?: string;
}

export interface Message {
  id: string;
  threadId: string;
  kind: MessageKind;
  priority: Priority;
  subject: string;
  body: RichDoc;
  status: 'sent' | 'pending-approval' | string;
  recipientCount: number | null;
  deliveredAt: number | null;
  audience: Array<AudienceEntry & { label: string; count: number }>;
  attachments: Attachment[];
  [more: string]: unknown;
}

export interface Draft<D = unknown> {
  id: string;
  data: D;
  createdAt: number;
  updatedAt: number;
}

export interface MessagingSettings {
  recallWindowMinutes: number;
  linkBlocklist: string[];
  linkAllowlist: string[];
  maxFileBytes: number;
  maxMessageBytes: number;
}

/** Which kinds a member with these permissions may send (docs/api.md R6). */
export function sendableKinds(permissions: readonly Permission[] | readonly string[] | undefined): MessageKind[] {
  const has = (p: string) => (permissions as readonly string[] | undefined)?.includes(p) ?? false;
  return [...(has('message.send.internal') ? (['internal', 'urgent'] as const) : []), ...(has('message.send.external') ? (['external'] as const) : [])]
    .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}
const ORDER: MessageKind[] = ['internal', 'external', 'urgent'];
