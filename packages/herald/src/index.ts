// The bundle entry: defines every element and re-exports the public API.
import './define.js';

export { HeraldProvider } from './provider/provider.js';
export { HeraldSignIn } from './sign-in/sign-in.js';
export { HeraldInbox, HeraldUnreadBadge, HeraldMessageView, HeraldUrgentAlert } from '@herald/inbox';
export { HeraldComposer, HeraldMessageSentEvent } from '@herald/composer';
export { HeraldApprovalQueue } from '@herald/approval-queue';
export { HeraldMemberAdmin } from '@herald/member-admin';
export * from '@herald/core';
export * from '@herald/client';
