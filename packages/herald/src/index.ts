// The bundle entry: defines every element and re-exports the public API.
import './define.js';

export { HeraldProvider } from './provider/provider.js';
export { HeraldSignIn } from './sign-in/sign-in.js';
export { HeraldInbox, HeraldUnreadBadge, HeraldUrgentAlert } from '@herald/inbox';
// A type only: the reading pane is defined when used (define.ts); `customElements.whenDefined` gives its class.
export type { HeraldMessageView } from '@herald/inbox';
export { HeraldComposer, HeraldMessageSentEvent } from '@herald/composer';
export { HeraldRichTextEditor, HeraldRichTextChangeEvent } from '@herald/rich-text-editor';
export type { MentionCandidate, MentionSearch } from '@herald/rich-text-editor';
export { HeraldApprovalQueue } from '@herald/approval-queue';
export { HeraldMemberAdmin } from '@herald/member-admin';
// Every element's event classes, for `import type` (core's, the provider's and sign-in's, come with @herald/core).
export type * from '@herald/inbox/events';
export type * from '@herald/approval-queue/events';
export type * from '@herald/member-admin/events';
export * from '@herald/core';
export * from '@herald/client';
