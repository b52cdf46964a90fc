// Registers every Herald element (/widgets/herald.js). Registration is the only side effect; each element's own entry
// (src/elements/<tag>.ts, /widgets/<tag>.js) registers just that one. The reading pane and the approval flow editor
// are defined when a page uses them (define-when-used.ts): the inbox and the approval queue load them by themselves.
import { defineWhenUsed } from './define-when-used.js';
import './provider/define.js';
import './sign-in/define.js';
import '@herald/inbox/herald-inbox';
import '@herald/inbox/herald-unread-badge';
import '@herald/inbox/herald-urgent-alert';
import '@herald/composer/herald-composer';
import '@herald/rich-text-editor/herald-rich-text-editor';
import '@herald/approval-queue/herald-approval-queue';
import '@herald/member-admin/herald-member-admin';

defineWhenUsed('herald-message-view', () => import('@herald/inbox/herald-message-view'));
defineWhenUsed('herald-approval-flows', () => import('@herald/approval-queue/herald-approval-flows'));
// Issue 19 #7: the knowledge space on a page of its own (the inbox loads it for its Knowledge view by itself).
defineWhenUsed('herald-knowledge-view', () => import('@herald/inbox/herald-knowledge-view'));
// Issue 19 #5: the customer queue and the new-conversation form (the inbox loads them by itself).
defineWhenUsed('herald-customer-queue', () => import('@herald/inbox/herald-customer-queue'));
defineWhenUsed('herald-conversation-form', () => import('@herald/inbox/herald-customer-queue'));
